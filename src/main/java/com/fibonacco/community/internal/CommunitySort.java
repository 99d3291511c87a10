package com.fibonacco.community.internal;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The orders a community list may be sorted in: the {@code sort} parameter picks one by
 * name, so nothing from the request reaches the SQL text. Each ends with the id, so pages
 * never overlap.
 */
enum CommunitySort {

	NAME("name", "lower(name), name, id"),

	NAME_DESC("-name", "lower(name) DESC, name DESC, id DESC"),

	STATE("state", "state, lower(name), name, id"),

	CREATED_AT("created_at", "created_at, id"),

	CREATED_AT_DESC("-created_at", "created_at DESC, id DESC");

	private final String parameter;

	private final String orderBy;

	CommunitySort(String parameter, String orderBy) {
		this.parameter = parameter;
		this.orderBy = orderBy;
	}

	String orderBy() {
		return orderBy;
	}

	static Optional<CommunitySort> fromParameter(String parameter) {
		return Arrays.stream(values()).filter(sort -> sort.parameter.equals(parameter)).findFirst();
	}

	static String allowed() {
		return Arrays.stream(values()).map(sort -> sort.parameter).collect(Collectors.joining(", "));
	}

}

package com.fibonacco.community;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/** What it takes to create a community: a town with its state and IANA time zone. */
public record NewCommunity(String name, String slug, String state, @Nullable String county,
		@Nullable Integer population, String timezone, Map<String, Object> settings) {
}

package com.fibonacco.shared.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** One page of a list, with what the {@code meta} of the envelope says about it. */
public record Page<T>(List<T> items, PageQuery query, long total) {

	public <R> Page<R> map(Function<T, R> mapper) {
		return new Page<>(items.stream().map(mapper).toList(), query, total);
	}

	Map<String, Object> meta() {
		Map<String, Object> meta = new LinkedHashMap<>();
		meta.put("page", query.page());
		meta.put("per_page", query.perPage());
		meta.put("total", total);
		meta.put("last_page", Math.max(1, (total + query.perPage() - 1) / query.perPage()));
		return meta;
	}

}

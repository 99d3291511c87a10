package com.fibonacco.shared.web;

import java.util.Map;

/**
 * The envelope of every successful API response: {@code {"data": …, "meta": {…}}}.
 */
public record ApiResponse<T>(T data, Map<String, Object> meta) {

	public static <T> ApiResponse<T> of(T data) {
		return new ApiResponse<>(data, Map.of());
	}

	public static <T> ApiResponse<java.util.List<T>> page(Page<T> page) {
		return new ApiResponse<>(page.items(), page.meta());
	}

}

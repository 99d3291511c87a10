package com.fibonacco.shared.web;

import java.net.URI;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds the RFC 9457 problems of the API: a stable {@code type} URI and {@code code}.
 */
public final class Problems {

	public static final String TYPE_BASE = "https://fibonacco.dev/problems/";

	private Problems() {
	}

	public static ProblemDetail problem(HttpStatusCode status, String code, @Nullable String detail,
			List<FieldError> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + code.replace('_', '-')));
		problem.setProperty("code", code);
		if (!errors.isEmpty()) {
			problem.setProperty("errors", errors);
		}
		return problem;
	}

}

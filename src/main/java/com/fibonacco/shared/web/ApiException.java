package com.fibonacco.shared.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, with a stable {@code code} clients can branch on. Rendered
 * as an RFC 9457 problem by {@link ProblemResponses}.
 */
public class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	private final List<FieldError> errors;

	public ApiException(HttpStatus status, String code, String detail, List<FieldError> errors) {
		super(detail);
		this.status = status;
		this.code = code;
		this.errors = List.copyOf(errors);
	}

	public ApiException(HttpStatus status, String code, String detail) {
		this(status, code, detail, List.of());
	}

	/**
	 * 404 for a row that does not exist or belongs to another tenant: the two look the
	 * same.
	 */
	public static ApiException notFound(String what, Object id) {
		return new ApiException(HttpStatus.NOT_FOUND, "not_found", "No " + what + " with id " + id);
	}

	public static ApiException conflict(String code, String detail) {
		return new ApiException(HttpStatus.CONFLICT, code, detail);
	}

	public static ApiException invalid(String field, String message) {
		return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "validation_failed", field + " " + message,
				List.of(new FieldError(field, message)));
	}

	public static ApiException invalid(List<FieldError> errors) {
		return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "validation_failed",
				"The request has " + errors.size() + " invalid field(s)", errors);
	}

	public HttpStatus status() {
		return status;
	}

	public String code() {
		return code;
	}

	public List<FieldError> errors() {
		return errors;
	}

}

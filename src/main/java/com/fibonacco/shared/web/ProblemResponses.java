package com.fibonacco.shared.web;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every refused request into an RFC 9457 {@code application/problem+json} response
 * with a stable {@code code} and, for invalid input, the offending fields.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

	@ExceptionHandler(ApiException.class)
	ResponseEntity<ProblemDetail> api(ApiException ex) {
		return ResponseEntity.status(ex.status())
			.body(Problems.problem(ex.status(), ex.code(), ex.getMessage(), ex.errors()));
	}

	@ExceptionHandler({ AccessDeniedException.class, AuthorizationDeniedException.class })
	ResponseEntity<ProblemDetail> forbidden(RuntimeException ex) {
		return ResponseEntity.status(HttpStatus.FORBIDDEN)
			.body(Problems.problem(HttpStatus.FORBIDDEN, "forbidden", "Your role may not do this", List.of()));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
		String message = "is not a valid " + (ex.getRequiredType() == null ? "value"
				: ex.getRequiredType().getSimpleName().toLowerCase(java.util.Locale.ROOT));
		HttpStatus status = HttpStatus.BAD_REQUEST;
		return ResponseEntity.status(status)
			.body(Problems.problem(status, "malformed_request", ex.getName() + " " + message,
					List.of(new FieldError(ex.getName(), message))));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		log.error("Unhandled error", ex);
		HttpStatus status = HttpStatus.INTERNAL_SERVER_ERROR;
		return ResponseEntity.status(status)
			.body(Problems.problem(status, "internal_error", "Something went wrong on our side", List.of()));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = new ArrayList<>();
		ex.getBindingResult()
			.getFieldErrors()
			.forEach(error -> errors.add(new FieldError(snakeCase(error.getField()),
					error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage())));
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach(error -> errors.add(new FieldError(error.getObjectName(),
					error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage())));
		ApiException api = ApiException.invalid(errors);
		return ResponseEntity.status(api.status())
			.body(Problems.problem(api.status(), api.code(), api.getMessage(), errors));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = new ArrayList<>();
		ex.getParameterValidationResults()
			.forEach(result -> result.getResolvableErrors()
				.forEach(error -> errors.add(new FieldError(
						snakeCase(result.getMethodParameter().getParameterName() == null ? "parameter"
								: result.getMethodParameter().getParameterName()),
						error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage()))));
		ApiException api = ApiException.invalid(errors);
		return ResponseEntity.status(api.status())
			.body(Problems.problem(api.status(), api.code(), api.getMessage(), errors));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Throwable cause = ex.getMostSpecificCause();
		String detail = "The request body is not valid JSON";
		List<FieldError> errors = List.of();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			detail = "Unknown field '" + unknown.getPropertyName() + "'";
			errors = List.of(new FieldError(unknown.getPropertyName(), "is not a known field"));
		}
		else if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
			String field = path(databind);
			detail = "Field '" + field + "' has a value of the wrong type or format";
			errors = List.of(new FieldError(field, "has a value of the wrong type or format"));
		}
		else if (ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")) {
			detail = "The request needs a JSON body";
		}
		return ResponseEntity.badRequest()
			.body(Problems.problem(HttpStatus.BAD_REQUEST, "malformed_request", detail, errors));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(
			MissingServletRequestParameterException ex, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		return ResponseEntity.badRequest()
			.body(Problems.problem(HttpStatus.BAD_REQUEST, "malformed_request",
					"Missing parameter '" + ex.getParameterName() + "'",
					List.of(new FieldError(ex.getParameterName(), "is required"))));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.body(Problems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
					"Send the body as application/json", List.of()));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpRequestMethodNotSupported(
			HttpRequestMethodNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
			.headers(headers)
			.body(Problems.problem(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
					"This resource does not support " + ex.getMethod(), List.of()));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(Problems.problem(HttpStatus.NOT_FOUND, "not_found", "No such resource", List.of()));
	}

	private static String path(DatabindException ex) {
		StringBuilder path = new StringBuilder();
		ex.getPath().forEach(reference -> {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		});
		return path.toString();
	}

	static String snakeCase(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
	}

}

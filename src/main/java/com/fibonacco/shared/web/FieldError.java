package com.fibonacco.shared.web;

/** One invalid field of a request, named as in the JSON body or the query string. */
public record FieldError(String field, String message) {
}

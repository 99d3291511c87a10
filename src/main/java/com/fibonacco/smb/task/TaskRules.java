package com.fibonacco.smb.task;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.web.FieldError;

/**
 * The values a task's fields may take, and the parsing of what clients send: each bad
 * value becomes a {@link FieldError} naming its field.
 */
final class TaskRules {

	static final List<String> PRIORITIES = List.of("low", "medium", "high", "urgent");

	static final List<String> STATUSES = List.of("pending", "in_progress", "completed", "cancelled");

	static final List<String> OPEN_STATUSES = List.of("pending", "in_progress");

	static final String DEFAULT_PRIORITY = "medium";

	static final String PENDING = "pending";

	static final String COMPLETED = "completed";

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

	private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

	private TaskRules() {
	}

	static @Nullable LocalDate date(String field, @Nullable String value, List<FieldError> errors) {
		if (value == null) {
			return null;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			errors.add(new FieldError(field, "must be a date as YYYY-MM-DD"));
			return null;
		}
	}

	static @Nullable LocalTime time(String field, @Nullable String value, List<FieldError> errors) {
		if (value == null) {
			return null;
		}
		if (!HH_MM.matcher(value).matches()) {
			errors.add(new FieldError(field, "must be a time as HH:mm (24-hour)"));
			return null;
		}
		return LocalTime.parse(value, TIME);
	}

	static @Nullable Instant instant(String field, @Nullable String value, List<FieldError> errors) {
		if (value == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			errors.add(new FieldError(field, "must be an ISO-8601 date-time with offset, e.g. 2026-11-23T09:00:00Z"));
			return null;
		}
	}

	static @Nullable UUID uuid(String field, @Nullable String value, List<FieldError> errors) {
		if (value == null) {
			return null;
		}
		try {
			UUID id = UUID.fromString(value);
			// UUID.fromString accepts short forms like "1-2-3-4-5"; only the canonical
			// one is an id
			if (id.toString().equalsIgnoreCase(value)) {
				return id;
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		errors.add(new FieldError(field, "must be a user id (UUID)"));
		return null;
	}

	static @Nullable String oneOf(String field, @Nullable String value, List<String> allowed, List<FieldError> errors) {
		if (value == null || !allowed.contains(value)) {
			errors.add(new FieldError(field, "must be one of " + String.join(", ", allowed)));
			return null;
		}
		return value;
	}

	static @Nullable String time(@Nullable LocalTime time) {
		return time == null ? null : time.format(TIME);
	}

}

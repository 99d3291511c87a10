package com.fibonacco.activity.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One stored timeline entry. */
record ActivityRow(UUID id, ActivityType type, String title, @Nullable String description, @Nullable String subjectType,
		@Nullable String subjectId, Map<String, @Nullable Object> metadata, @Nullable UUID performedBy,
		Instant occurredAt) {
}

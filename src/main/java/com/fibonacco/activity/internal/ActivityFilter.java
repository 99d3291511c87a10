package com.fibonacco.activity.internal;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Which entries of a timeline to read: the types (all when empty), from {@code since}
 * (inclusive) to {@code until} (exclusive).
 */
record ActivityFilter(Set<ActivityType> types, @Nullable Instant since, @Nullable Instant until) {

	ActivityFilter {
		types = Set.copyOf(types);
	}

}

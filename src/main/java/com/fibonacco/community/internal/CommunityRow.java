package com.fibonacco.community.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A row of {@code communities}. Never leaves the server as is: see
 * {@link CommunityDtos.CommunityResponse}.
 */
record CommunityRow(UUID id, String name, String slug, String state, @Nullable String county,
		@Nullable Integer population, String timezone, Map<String, Object> settings, Instant createdAt,
		Instant updatedAt) {
}

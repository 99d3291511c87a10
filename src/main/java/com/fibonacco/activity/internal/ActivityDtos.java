package com.fibonacco.activity.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;

/** Response bodies of the timeline endpoint (snake_case on the wire). */
final class ActivityDtos {

	private ActivityDtos() {
	}

	@Schema(name = "Activity", description = "One entry of an SMB's timeline")
	record ActivityResponse(UUID id, @Schema(description = "What happened, e.g. note_added") String activityType,
			@Schema(description = "The entry in plain words, e.g. Tagged \u201CVIP\u201D") String title,
			@Nullable String description,
			@Schema(description = "What the entry is about, e.g. note, task, campaign_send") @Nullable String subjectType,
			@Nullable String subjectId,
			@Schema(description = "Details of the event, by type (e.g. changes, campaign_id, machine_generated)") Map<String, @Nullable Object> metadata,
			@Schema(description = "The user who did it; null for the system") @Nullable PerformedBy performedBy,
			Instant occurredAt) {

		static ActivityResponse of(ActivityRow row, @Nullable PerformedBy performedBy) {
			return new ActivityResponse(row.id(), row.type().apiName(), row.title(), row.description(),
					row.subjectType(), row.subjectId(), row.metadata(), performedBy, row.occurredAt());
		}

	}

	@Schema(name = "ActivityPerformer")
	record PerformedBy(UUID id, @Schema(description = "null when the user is no longer known") @Nullable String name) {
	}

}

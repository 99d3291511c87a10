package com.fibonacco.activity.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import com.fibonacco.activity.internal.ActivityDtos.ActivityResponse;
import com.fibonacco.shared.security.CurrentUser;
import com.fibonacco.shared.web.ApiException;
import com.fibonacco.shared.web.ApiResponse;
import com.fibonacco.shared.web.FieldError;
import com.fibonacco.shared.web.PageQuery;
import com.fibonacco.smb.SmbId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An SMB's activity timeline. */
@RestController
@Tag(name = "Activity", description = "The timeline of everything that happened to an SMB")
class ActivityController {

	private static final String KNOWN_TYPES = EnumSet.allOf(ActivityType.class)
		.stream()
		.map(ActivityType::apiName)
		.collect(Collectors.joining(", "));

	private final Timeline timeline;

	ActivityController(Timeline timeline) {
		this.timeline = timeline;
	}

	@GetMapping("/api/v1/smbs/{id}/activities")
	@PreAuthorize("hasAuthority('crm.contacts.view')")
	@Operation(summary = "The SMB's activity timeline, newest first",
			description = "Everything recorded about the SMB (changes, tags, notes, tasks, engagement and tier moves, "
					+ "campaign sends, opens, clicks, voicemails, callbacks, approvals, content views, inbound email "
					+ "and chat), ordered by occurred_at then id, newest first. Machine opens and clicks are listed "
					+ "with metadata.machine_generated = true. 404 for an unknown SMB, a deleted one or another "
					+ "tenant's; 422 naming the parameter for an unknown type, a malformed time or a bad page.")
	@ApiResponses({
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200",
					description = "One page of the timeline; meta has page, per_page, total and last_page"),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "422",
					description = "An unknown type, a malformed since/until, since after until, or a bad page/per_page; "
							+ "errors[] names each parameter (problem+json)",
					content = @Content(mediaType = "application/problem+json",
							schema = @Schema(ref = "#/components/schemas/Problem"))) })
	ApiResponse<List<ActivityResponse>> list(@PathVariable UUID id,
			@Parameter(description = "Only these activity types: one, or several separated by commas "
					+ "(e.g. note_added,tag_added)") @RequestParam(required = false) @Nullable List<String> type,
			@Parameter(description = "Only entries that occurred at or after this instant (ISO 8601, e.g. "
					+ "2026-11-22T09:30:00Z)") @RequestParam(required = false) @Nullable String since,
			@Parameter(description = "Only entries that occurred before this instant (ISO 8601)") @RequestParam(
					required = false) @Nullable String until,
			@Parameter(description = "Page number, from 1") @RequestParam(required = false) @Nullable Integer page,
			@Parameter(description = "Entries per page, 1 to 200 (default 25)") @RequestParam(name = "per_page",
					required = false) @Nullable Integer perPage) {
		List<FieldError> errors = new ArrayList<>();
		Set<ActivityType> types = types(type, errors);
		@Nullable Instant from = instant("since", since, errors);
		@Nullable Instant to = instant("until", until, errors);
		if (from != null && to != null && !from.isBefore(to)) {
			errors.add(new FieldError("until", "must be after since"));
		}
		@Nullable PageQuery pageQuery = null;
		try {
			pageQuery = PageQuery.of(page, perPage);
		}
		catch (ApiException ex) {
			errors.addAll(ex.errors());
		}
		if (pageQuery == null || !errors.isEmpty()) {
			throw ApiException.invalid(errors);
		}
		return ApiResponse.page(timeline.page(CurrentUser.get().tenantId(), new SmbId(id),
				new ActivityFilter(types, from, to), pageQuery));
	}

	/** The allow-list check: only known type names reach the query, as bound values. */
	private static Set<ActivityType> types(@Nullable List<String> names, List<FieldError> errors) {
		Set<ActivityType> types = EnumSet.noneOf(ActivityType.class);
		if (names == null) {
			return types;
		}
		for (String name : names) {
			String trimmed = name.strip();
			if (trimmed.isEmpty()) {
				continue;
			}
			ActivityType.fromApiName(trimmed)
				.ifPresentOrElse(types::add, () -> errors.add(new FieldError("type",
						"'" + abbreviate(trimmed) + "' is not an activity type; known: " + KNOWN_TYPES)));
		}
		return types;
	}

	private static @Nullable Instant instant(String field, @Nullable String value, List<FieldError> errors) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value.strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			errors.add(new FieldError(field, "must be an ISO 8601 instant with an offset, e.g. 2026-11-22T09:30:00Z"));
			return null;
		}
	}

	private static String abbreviate(String value) {
		return value.length() <= 50 ? value : value.substring(0, 50) + "\u2026";
	}

}

package com.fibonacco.smb.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.web.ApiException;
import com.fibonacco.shared.web.FieldError;
import com.fibonacco.shared.web.PageQuery;
import com.fibonacco.smb.Channel;

import org.springframework.http.HttpStatus;

/**
 * The SMB list's query string, validated against allow-lists and turned into SQL with
 * bound parameters: no request text is ever concatenated into a statement. The same
 * filters serve the list, the community's SMB list, bulk update and bulk tagging.
 */
final class SmbListQuery {

	static final Set<String> FILTERS = Set.of("community_id", "engagement_tier", "campaign_status", "service_model",
			"subscription_tier", "tag", "tag_match", "can_receive", "data_quality_score_min", "data_quality_score_max",
			"created_after", "created_before", "updated_after", "updated_before", "state", "city", "search", "deleted");

	static final Set<String> PAGING = Set.of("page", "per_page", "cursor", "sort", "include_total");

	static final Set<String> CAMPAIGN_STATUSES = Set.of("pending", "scheduled", "running", "paused", "completed",
			"cancelled");

	/**
	 * Sortable columns: API name → SQL key (each backed by an index (tenant_id, key,
	 * id)).
	 */
	enum SortKey {

		BUSINESS_NAME("business_name", "lower(s.business_name)"), CREATED_AT("created_at", "s.created_at"),
		UPDATED_AT("updated_at", "s.updated_at"), ENGAGEMENT_SCORE("engagement_score", "s.engagement_score"),
		DATA_QUALITY_SCORE("data_quality_score", "s.data_quality_score");

		final String apiName;

		final String sql;

		SortKey(String apiName, String sql) {
			this.apiName = apiName;
			this.sql = sql;
		}

		static @Nullable SortKey of(String name) {
			return Arrays.stream(values()).filter(key -> key.apiName.equals(name)).findFirst().orElse(null);
		}

	}

	/**
	 * A where clause over {@code smbs s} with its named parameters. A filter with a
	 * {@code search} runs only once {@link SmbSearch#resolve} has turned the search into
	 * its query parameters; {@code similar} then says whether a term matched similar
	 * words (typos) because no word contained it.
	 */
	record Filter(String where, Map<String, Object> params, @Nullable String search, boolean similar) {
	}

	record Sort(SortKey key, boolean descending) {

		String api() {
			return (descending ? "-" : "") + key.apiName;
		}

	}

	/** A keyset position: the sort key's value and the id of the last row of a page. */
	record Cursor(Sort sort, String value, UUID id) {
	}

	private final List<FieldError> errors = new ArrayList<>();

	private final Map<String, String> raw;

	private SmbListQuery(Map<String, String> raw) {
		this.raw = raw;
	}

	/** Rejects parameters the list doesn't know, naming each. */
	static void rejectUnknown(Map<String, String> params, Set<String> allowed) {
		List<FieldError> unknown = params.keySet()
			.stream()
			.filter(name -> !allowed.contains(name))
			.map(name -> new FieldError(name, "is not a known parameter"))
			.toList();
		if (!unknown.isEmpty()) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "malformed_request",
					"Unknown parameter(s): " + String.join(", ", unknown.stream().map(FieldError::field).toList())
							+ "; known: " + String.join(", ", new TreeSet<>(allowed)),
					unknown);
		}
	}

	static Filter filter(TenantId tenant, Map<String, String> params) {
		SmbListQuery query = new SmbListQuery(params);
		Filter filter = query.buildFilter(tenant);
		query.throwIfInvalid();
		return filter;
	}

	static Sort sort(@Nullable String raw) {
		if (raw == null || raw.isBlank()) {
			return new Sort(SortKey.BUSINESS_NAME, false);
		}
		boolean descending = raw.startsWith("-");
		SortKey key = SortKey.of(descending ? raw.substring(1) : raw);
		if (key == null) {
			throw ApiException.invalid("sort",
					"must be one of " + String.join(", ", Arrays.stream(SortKey.values()).map(k -> k.apiName).toList())
							+ ", optionally prefixed by -");
		}
		return new Sort(key, descending);
	}

	static PageQuery page(Map<String, String> params) {
		return PageQuery.of(integer(params, "page"), integer(params, "per_page"));
	}

	private static @Nullable Integer integer(Map<String, String> params, String name) {
		String value = params.get(name);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			throw ApiException.invalid(name, "must be a whole number");
		}
	}

	private Filter buildFilter(TenantId tenant) {
		StringBuilder where = new StringBuilder("s.tenant_id = :tenant");
		Map<String, Object> params = new HashMap<>();
		params.put("tenant", tenant.value());
		String deleted = raw.getOrDefault("deleted", "exclude");
		switch (deleted) {
			case "exclude" -> where.append(" AND s.deleted_at IS NULL");
			case "only" -> where.append(" AND s.deleted_at IS NOT NULL");
			default -> error("deleted", "must be exclude or only");
		}
		List<UUID> communities = uuids("community_id");
		if (!communities.isEmpty()) {
			where.append(" AND s.community_id IN (:communities)");
			params.put("communities", communities);
		}
		// smallint like the column, so the search index's engagement_tier key applies
		List<Short> tiers = list("engagement_tier").stream().map(value -> {
			if (!value.matches("[1-4]")) {
				error("engagement_tier", "must be 1, 2, 3 or 4");
				return (short) 0;
			}
			return Short.valueOf(value);
		}).toList();
		if (!tiers.isEmpty()) {
			where.append(" AND s.engagement_tier IN (:tiers)");
			params.put("tiers", tiers);
		}
		choices(where, params, "campaign_status", "s.campaign_status", CAMPAIGN_STATUSES);
		choices(where, params, "service_model", "s.service_model", SmbForm.SERVICE_MODELS);
		choices(where, params, "subscription_tier", "s.subscription_tier", SmbForm.SUBSCRIPTION_TIERS);
		List<String> states = list("state").stream().map(state -> state.toUpperCase(Locale.ROOT)).toList();
		states.stream()
			.filter(state -> !UsStates.CODES.contains(state))
			.findFirst()
			.ifPresent(state -> error("state", "'" + state + "' is not a US state code"));
		if (!states.isEmpty()) {
			where.append(" AND s.state IN (:states)");
			params.put("states", states);
		}
		String city = raw.get("city");
		if (city != null && !city.isBlank()) {
			where.append(" AND lower(s.city) = :city");
			params.put("city", city.strip().toLowerCase(Locale.ROOT));
		}
		List<UUID> tags = uuids("tag");
		if (!tags.isEmpty()) {
			String match = raw.getOrDefault("tag_match", "any");
			params.put("tags", tags);
			if (match.equals("all")) {
				where.append(" AND (SELECT count(*) FROM smb_tags t WHERE t.tenant_id = s.tenant_id AND t.smb_id = s.id"
						+ " AND t.tag_id IN (:tags)) = :tagCount");
				params.put("tagCount", (long) new java.util.HashSet<>(tags).size());
			}
			else if (match.equals("any")) {
				where.append(" AND EXISTS (SELECT 1 FROM smb_tags t WHERE t.tenant_id = s.tenant_id"
						+ " AND t.smb_id = s.id AND t.tag_id IN (:tags))");
			}
			else {
				error("tag_match", "must be any or all");
			}
		}
		for (String channel : list("can_receive")) {
			Channel.fromApiName(channel)
				.ifPresentOrElse(c -> where.append(" AND ").append(Eligibility.sql(c)),
						() -> error("can_receive", "must be email, sms, rvm or phone"));
		}
		range(where, params, "data_quality_score_min", "s.data_quality_score >= ");
		range(where, params, "data_quality_score_max", "s.data_quality_score <= ");
		time(where, params, "created_after", "s.created_at >= ", false);
		time(where, params, "created_before", "s.created_at < ", true);
		time(where, params, "updated_after", "s.updated_at >= ", false);
		time(where, params, "updated_before", "s.updated_at < ", true);
		String search = search(where);
		return new Filter(where.toString(), params, search, false);
	}

	private @Nullable String search(StringBuilder where) {
		String raw = this.raw.get("search");
		if (raw == null || raw.isBlank()) {
			return null;
		}
		String term = raw.strip().toLowerCase(Locale.ROOT);
		if (term.length() < 2 || term.length() > 100) {
			error("search", "must be 2 to 100 characters");
			return null;
		}
		// the words of the search, resolved against the tenant's lexicon by SmbSearch
		where.append(" AND s.search_vector @@ CAST(:searchQuery AS tsquery)");
		return term;
	}

	private void choices(StringBuilder where, Map<String, Object> params, String name, String column,
			Set<String> allowed) {
		List<String> values = list(name);
		for (String value : values) {
			if (!allowed.contains(value)) {
				error(name, "'" + value + "' must be one of " + String.join(", ", new TreeSet<>(allowed)));
			}
		}
		if (!values.isEmpty()) {
			String param = name.replace("_", "");
			where.append(" AND ").append(column).append(" IN (:").append(param).append(")");
			params.put(param, values);
		}
	}

	private void range(StringBuilder where, Map<String, Object> params, String name, String predicate) {
		String value = raw.get(name);
		if (value == null || value.isBlank()) {
			return;
		}
		try {
			int number = Integer.parseInt(value.strip());
			if (number < 0 || number > 100) {
				throw new NumberFormatException();
			}
			where.append(" AND ").append(predicate).append(':').append(name);
			params.put(name, number);
		}
		catch (NumberFormatException ex) {
			error(name, "must be a whole number from 0 to 100");
		}
	}

	private void time(StringBuilder where, Map<String, Object> params, String name, String predicate,
			boolean endOfDay) {
		String value = raw.get(name);
		if (value == null || value.isBlank()) {
			return;
		}
		Instant instant;
		try {
			instant = Instant.parse(value.strip());
		}
		catch (DateTimeParseException notInstant) {
			try {
				LocalDate date = LocalDate.parse(value.strip());
				instant = (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			catch (DateTimeParseException notDate) {
				error(name, "must be a date (2026-11-22) or an instant (2026-11-22T09:00:00Z)");
				return;
			}
		}
		where.append(" AND ").append(predicate).append(':').append(name);
		params.put(name, instant.atOffset(ZoneOffset.UTC));
	}

	private List<UUID> uuids(String name) {
		List<UUID> ids = new ArrayList<>();
		for (String value : list(name)) {
			try {
				ids.add(UUID.fromString(value));
			}
			catch (IllegalArgumentException ex) {
				error(name, "'" + value + "' is not an id");
			}
		}
		return ids;
	}

	private List<String> list(String name) {
		String value = raw.get(name);
		if (value == null || value.isBlank()) {
			return List.of();
		}
		return Arrays.stream(value.split(",")).map(String::strip).filter(part -> !part.isEmpty()).toList();
	}

	private void error(String field, String message) {
		errors.add(new FieldError(field, message));
	}

	private void throwIfInvalid() {
		if (!errors.isEmpty()) {
			throw ApiException.invalid(errors);
		}
	}

	static String encode(Cursor cursor) {
		String plain = cursor.sort().api() + "\n" + cursor.value() + "\n" + cursor.id();
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
	}

	static Cursor decode(String token, Sort sort) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", 3);
			if (parts.length < 3 || !parts[0].equals(sort.api())) {
				throw new IllegalArgumentException();
			}
			return new Cursor(sort, parts[1], UUID.fromString(parts[2]));
		}
		catch (IllegalArgumentException ex) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_cursor",
					"The cursor is not one this list gave out for sort=" + sort.api(),
					List.of(new FieldError("cursor", "is not valid for this sort")));
		}
	}

	/** Parameter value of a keyset position, typed as the sort key's column. */
	static Object cursorValue(Cursor cursor) {
		return switch (cursor.sort().key()) {
			case BUSINESS_NAME -> cursor.value();
			case CREATED_AT, UPDATED_AT -> Instant.parse(cursor.value()).atOffset(ZoneOffset.UTC);
			case ENGAGEMENT_SCORE, DATA_QUALITY_SCORE -> Integer.parseInt(cursor.value());
		};
	}

	static String cursorValueOf(SmbRow row, SortKey key) {
		return switch (key) {
			case BUSINESS_NAME -> row.fields().businessName().toLowerCase(Locale.ROOT);
			case CREATED_AT -> row.createdAt().toString();
			case UPDATED_AT -> row.updatedAt().toString();
			case ENGAGEMENT_SCORE -> Integer.toString(row.engagementScore());
			case DATA_QUALITY_SCORE -> Integer.toString(row.dataQualityScore());
		};
	}

	static Map<String, String> ordered(Map<String, String> params) {
		return new LinkedHashMap<>(params);
	}

}

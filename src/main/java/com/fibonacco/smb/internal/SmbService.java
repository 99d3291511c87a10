package com.fibonacco.smb.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.fibonacco.community.Communities;
import com.fibonacco.shared.Ids;
import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.web.ApiException;
import com.fibonacco.shared.web.FieldError;
import com.fibonacco.shared.web.PageQuery;
import com.fibonacco.smb.FieldChange;
import com.fibonacco.smb.SmbCreated;
import com.fibonacco.smb.SmbDeleted;
import com.fibonacco.smb.SmbId;
import com.fibonacco.smb.SmbRestored;
import com.fibonacco.smb.SmbUpdated;
import com.fibonacco.smb.internal.SmbListQuery.Cursor;
import com.fibonacco.smb.internal.SmbListQuery.Filter;
import com.fibonacco.smb.internal.SmbListQuery.Sort;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Writes and reads of SMB records, with their events, in one transaction each. */
@Service
class SmbService {

	private final SmbRecords records;

	private final Communities communities;

	private final ApplicationEventPublisher events;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final SmbSearch search;

	SmbService(SmbRecords records, Communities communities, ApplicationEventPublisher events, JdbcClient jdbc,
			JsonMapper json, Clock clock, SmbSearch search) {
		this.search = search;
		this.records = records;
		this.communities = communities;
		this.events = events;
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	@Transactional
	SmbRow create(TenantId tenant, ObjectNode body, @Nullable UUID actor) {
		SmbForm.rejectUnknown(body);
		ObjectNode state = SmbForm.defaults();
		state.setAll(body);
		SmbFields fields = SmbForm.read(state, name -> uniqueSlug(tenant, name, null));
		checkReferences(tenant, fields);
		if (state.hasNonNull("slug") && records.slugTaken(tenant, fields.slug(), null)) {
			throw ApiException.conflict("slug_taken", "Another SMB already has the slug '" + fields.slug() + "'");
		}
		UUID id = Ids.newId(clock);
		Instant now = clock.instant();
		insert(tenant, id, fields, now);
		events.publishEvent(
				new SmbCreated(tenant, new SmbId(id), fields.communityId(), fields.businessName(), actor, now));
		return get(tenant, id);
	}

	private void insert(TenantId tenant, UUID id, SmbFields fields, Instant now) {
		try {
			records.insert(tenant, id, fields, now);
		}
		catch (DuplicateKeyException ex) {
			throw ApiException.conflict("slug_taken", "Another SMB already has the slug '" + fields.slug() + "'");
		}
	}

	@Transactional(readOnly = true)
	SmbRow get(TenantId tenant, UUID id) {
		return records.find(tenant, id, false).orElseThrow(() -> ApiException.notFound("SMB", id));
	}

	@Transactional(readOnly = true)
	SmbRow getBy(TenantId tenant, String what, String value) {
		String column;
		String normalized;
		switch (what) {
			case "slug" -> {
				column = "slug";
				normalized = value.strip().toLowerCase(java.util.Locale.ROOT);
			}
			case "email" -> {
				column = "primary_email";
				normalized = SmbForm.normalizeEmail(value);
				if (normalized == null) {
					throw ApiException.invalid("email", "must be an email address");
				}
			}
			case "phone" -> {
				column = "primary_phone";
				normalized = SmbForm.normalizePhone(value);
				if (normalized == null) {
					throw ApiException.invalid("phone", "must be a valid phone number");
				}
			}
			default -> throw new IllegalArgumentException(what);
		}
		return records.findBy(tenant, column, normalized)
			.orElseThrow(
					() -> new ApiException(HttpStatus.NOT_FOUND, "not_found", "No SMB with " + what + " " + value));
	}

	/**
	 * Replaces (PUT) or merges (PATCH) the editable fields, if the client saw the current
	 * version. A change publishes {@link SmbUpdated} with each field's old and new value.
	 */
	@Transactional
	SmbRow update(TenantId tenant, UUID id, ObjectNode body, boolean merge, long expectedVersion,
			@Nullable UUID actor) {
		SmbForm.rejectUnknown(body);
		SmbRow current = get(tenant, id);
		if (current.version() != expectedVersion) {
			throw stale(current);
		}
		ObjectNode state = merge ? SmbForm.of(current.fields(), json) : SmbForm.defaults();
		if (!merge) {
			state.set("slug", json.valueToTree(current.fields().slug()));
		}
		state.setAll(body);
		SmbFields fields = SmbForm.read(state, name -> uniqueSlug(tenant, name, id));
		checkReferences(tenant, fields);
		if (!fields.slug().equals(current.fields().slug()) && records.slugTaken(tenant, fields.slug(), id)) {
			throw ApiException.conflict("slug_taken", "Another SMB already has the slug '" + fields.slug() + "'");
		}
		Map<String, FieldChange> changes = diff(current.fields(), fields);
		if (changes.isEmpty()) {
			return current;
		}
		Instant now = clock.instant();
		if (!records.update(tenant, id, expectedVersion, fields, now)) {
			throw stale(get(tenant, id));
		}
		events.publishEvent(new SmbUpdated(tenant, new SmbId(id), changes, actor, now));
		return get(tenant, id);
	}

	@Transactional
	void delete(TenantId tenant, UUID id, @Nullable Long expectedVersion, @Nullable UUID actor) {
		SmbRow current = get(tenant, id);
		if (expectedVersion != null && current.version() != expectedVersion) {
			throw stale(current);
		}
		Instant now = clock.instant();
		records.softDelete(tenant, id, now);
		events.publishEvent(new SmbDeleted(tenant, new SmbId(id), current.fields().businessName(), actor, now));
	}

	@Transactional
	SmbRow restore(TenantId tenant, UUID id, @Nullable UUID actor) {
		SmbRow deleted = records.find(tenant, id, true).orElseThrow(() -> ApiException.notFound("SMB", id));
		if (deleted.deletedAt() == null) {
			throw ApiException.conflict("not_deleted", "The SMB is not deleted");
		}
		if (records.slugTaken(tenant, deleted.fields().slug(), id)) {
			throw ApiException.conflict("slug_taken", "Another SMB took the slug '" + deleted.fields().slug()
					+ "' meanwhile; change that SMB's slug first");
		}
		Instant now = clock.instant();
		records.restore(tenant, id, now);
		events.publishEvent(new SmbRestored(tenant, new SmbId(id), deleted.fields().businessName(), actor, now));
		return get(tenant, id);
	}

	/**
	 * One page of the list: by offset (page) or after a keyset cursor. With a search and
	 * no sort, the best matches come first; {@code meta.search_match} says whether the
	 * words matched as typed ({@code contains}) or some term only by similar words
	 * ({@code similar}). The search runs by prefix first, straight from the index, and
	 * through the lexicon only when that finds nothing ({@link SmbSearch}).
	 */
	@Transactional(readOnly = true)
	ListPage list(TenantId tenant, Map<String, String> params) {
		SmbListQuery.rejectUnknown(params, allowedListParams());
		Filter typed = SmbListQuery.filter(tenant, params);
		PageQuery page = SmbListQuery.page(params);
		boolean relevance = typed.search() != null && params.get("sort") == null && params.get("cursor") == null;
		Sort sort = SmbListQuery.sort(params.get("sort"));
		String cursorToken = params.get("cursor");
		Cursor cursor = cursorToken == null || cursorToken.isBlank() ? null : SmbListQuery.decode(cursorToken, sort);
		Filter byPrefix = search.byPrefix(typed);
		boolean widens = search.widens(typed);
		Filter filter = byPrefix;
		Long total = null;
		if (!"false".equals(params.get("include_total")) && cursor == null) {
			total = count(filter);
			if (total == 0 && widens) {
				filter = search.byLexicon(typed);
				total = count(filter);
			}
		}
		List<SmbRow> rows = total != null && total == 0 ? new ArrayList<>()
				: rows(filter, sort, cursor, page, relevance);
		if (rows.isEmpty() && total == null && widens && (cursor == null && page.offset() == 0 || !any(byPrefix))) {
			// no SMB has a word starting with the terms: widen them through the lexicon
			filter = search.byLexicon(typed);
			rows = rows(filter, sort, cursor, page, relevance);
		}
		boolean more = rows.size() > page.perPage();
		if (more) {
			rows.remove(rows.size() - 1);
		}
		String next = more && !relevance && !rows.isEmpty() ? SmbListQuery.encode(new Cursor(sort,
				SmbListQuery.cursorValueOf(rows.get(rows.size() - 1), sort.key()), rows.get(rows.size() - 1).uuid()))
				: null;
		Map<String, Object> meta = new LinkedHashMap<>();
		if (cursor == null) {
			meta.put("page", page.page());
		}
		meta.put("per_page", page.perPage());
		if (total != null) {
			meta.put("total", total);
			meta.put("last_page", Math.max(1, (total + page.perPage() - 1) / page.perPage()));
		}
		meta.put("sort", relevance ? "relevance" : sort.api());
		if (filter.search() != null) {
			meta.put("search_match", filter.similar() ? "similar" : "contains");
		}
		meta.put("next_cursor", next);
		return new ListPage(rows, meta);
	}

	/** The page's rows, plus one more if there is a next page. */
	private List<SmbRow> rows(Filter filter, Sort sort, @Nullable Cursor cursor, PageQuery page, boolean relevance) {
		Map<String, Object> sqlParams = new HashMap<>(filter.params());
		StringBuilder where = new StringBuilder(filter.where());
		if (cursor != null) {
			where.append(" AND (")
				.append(sort.key().sql)
				.append(", s.id) ")
				.append(sort.descending() ? "<" : ">")
				.append(" (:cursorValue, :cursorId)");
			sqlParams.put("cursorValue", SmbListQuery.cursorValue(cursor));
			sqlParams.put("cursorId", cursor.id());
		}
		String direction = sort.descending() ? " DESC" : "";
		sqlParams.put("limit", page.perPage() + 1);
		String limit = cursor == null ? " LIMIT :limit OFFSET :offset" : " LIMIT :limit";
		if (cursor == null) {
			sqlParams.put("offset", page.offset());
		}
		StringBuilder sql = new StringBuilder("SELECT ").append(SmbRecords.COLUMNS);
		if (filter.search() != null) {
			// A search gets all its matches through the search index, then sorts
			// them (OFFSET 0 keeps the planner from merging the two): its cost follows
			// the number of matches, as with the relevance order. Left free, the
			// planner often walks the sort key's index, expecting matches early, and
			// reads 100,000 rows for a rare term (docs/benchmarks.md). The matches are
			// carried as (id, sort key) only, and the page's rows read back by id:
			// projecting every wide match out of the fence cost a third of the time.
			String order = relevance ? " ORDER BY m.rank DESC, m.sort_value, m.id"
					: " ORDER BY m.sort_value" + direction + ", m.id" + direction;
			String sortValue = relevance ? "lower(s.business_name)" : sort.key().sql;
			sql.append(" FROM (SELECT m.tenant_id, m.id, m.sort_value")
				.append(relevance ? ", m.rank" : "")
				.append(" FROM (SELECT s.tenant_id, s.id, ")
				.append(sortValue)
				.append(" AS sort_value")
				.append(relevance ? ", ts_rank(s.search_vector, CAST(:searchRank AS tsquery)) AS rank" : "")
				.append(" FROM smbs s WHERE ")
				.append(where)
				.append(" OFFSET 0) m")
				.append(order)
				.append(limit)
				.append(") m JOIN smbs s ON s.tenant_id = m.tenant_id AND s.id = m.id")
				.append(order);
			return new ArrayList<>(records.list(sql.toString(), sqlParams));
		}
		sql.append(" FROM smbs s WHERE ").append(where);
		if (relevance) {
			// SMBs with more of the words exactly as typed first
			sql.append(
					" ORDER BY ts_rank(s.search_vector, CAST(:searchRank AS tsquery)) DESC, lower(s.business_name), s.id");
		}
		else {
			sql.append(" ORDER BY ").append(sort.key().sql).append(direction).append(", s.id").append(direction);
		}
		sql.append(limit);
		return new ArrayList<>(records.list(sql.toString(), sqlParams));
	}

	private long count(Filter filter) {
		return jdbc.sql("SELECT count(*) FROM smbs s WHERE " + filter.where())
			.params(filter.params())
			.query(Long.class)
			.single();
	}

	private boolean any(Filter filter) {
		return jdbc.sql("SELECT EXISTS (SELECT 1 FROM smbs s WHERE " + filter.where() + ")")
			.params(filter.params())
			.query(Boolean.class)
			.single();
	}

	static java.util.Set<String> allowedListParams() {
		java.util.Set<String> allowed = new java.util.HashSet<>(SmbListQuery.FILTERS);
		allowed.addAll(SmbListQuery.PAGING);
		return allowed;
	}

	/** Fields a bulk update may set: never tenant, ids, slugs or computed scores. */
	static final java.util.Set<String> BULK_EDITABLE = java.util.Set.of("community_id", "business_type", "category",
			"service_model", "subscription_tier", "source", "email_opted_in", "sms_opted_in", "rvm_opted_in",
			"phone_opted_in", "do_not_contact", "city", "state");

	static final int BULK_LIMIT = 50_000;

	/**
	 * Applies the same updates to every SMB matching the filters (or ids); each changed
	 * SMB gets its own {@link SmbUpdated}.
	 */
	@Transactional
	int bulkUpdate(TenantId tenant, Map<String, String> filters, List<UUID> ids, ObjectNode updates,
			@Nullable UUID actor) {
		List<FieldError> bad = updates.propertyNames()
			.stream()
			.filter(name -> !BULK_EDITABLE.contains(name))
			.map(name -> new FieldError("updates." + name,
					"cannot be bulk-updated; allowed: " + String.join(", ", new java.util.TreeSet<>(BULK_EDITABLE))))
			.toList();
		if (!bad.isEmpty()) {
			throw ApiException.invalid(bad);
		}
		if (updates.isEmpty()) {
			throw ApiException.invalid("updates", "must name at least one field");
		}
		if (filters.isEmpty() && ids.isEmpty()) {
			throw ApiException.invalid("filters",
					"give filters or ids: a bulk update never applies to every SMB by default");
		}
		SmbListQuery.rejectUnknown(filters, SmbListQuery.FILTERS);
		Filter filter = search.resolve(SmbListQuery.filter(tenant, filters));
		List<UUID> matched = lockMatching(filter, ids);
		if (matched.size() > BULK_LIMIT) {
			throw ApiException.invalid("filters", "match " + matched.size() + " SMBs; a bulk update takes at most "
					+ BULK_LIMIT + " at once — narrow the filters");
		}
		int updated = 0;
		for (UUID id : matched) {
			SmbRow current = get(tenant, id);
			ObjectNode state = SmbForm.of(current.fields(), json);
			state.setAll(updates);
			SmbFields fields;
			try {
				fields = SmbForm.read(state, name -> current.fields().slug());
			}
			catch (ApiException ex) {
				throw ApiException.invalid(ex.errors()
					.stream()
					.map(error -> new FieldError("updates." + error.field(), error.message()))
					.toList());
			}
			checkReferences(tenant, fields);
			Map<String, FieldChange> changes = diff(current.fields(), fields);
			if (changes.isEmpty()) {
				continue;
			}
			Instant now = clock.instant();
			records.update(tenant, id, current.version(), fields, now);
			events.publishEvent(new SmbUpdated(tenant, new SmbId(id), changes, actor, now));
			updated++;
		}
		return updated;
	}

	private List<UUID> lockMatching(Filter filter, List<UUID> ids) {
		String where = filter.where();
		Map<String, Object> params = new HashMap<>(filter.params());
		if (!ids.isEmpty()) {
			where += " AND s.id IN (:ids)";
			params.put("ids", ids);
		}
		return jdbc.sql("SELECT s.id FROM smbs s WHERE " + where + " ORDER BY s.id FOR UPDATE")
			.params(params)
			.query(UUID.class)
			.list();
	}

	private void checkReferences(TenantId tenant, SmbFields fields) {
		if (!communities.exists(tenant, fields.communityId())) {
			throw ApiException.invalid("community_id", "is not a community of yours");
		}
	}

	private String uniqueSlug(TenantId tenant, String name, @Nullable UUID except) {
		String base = SmbForm.slugOf(name);
		String slug = base;
		for (int n = 2; records.slugTaken(tenant, slug, except); n++) {
			slug = base + "-" + n;
		}
		return slug;
	}

	private Map<String, FieldChange> diff(SmbFields before, SmbFields after) {
		Map<String, @Nullable Object> old = before.asMap();
		Map<String, FieldChange> changes = new LinkedHashMap<>();
		after.asMap().forEach((field, value) -> {
			Object previous = old.get(field);
			if (!Objects.equals(normal(previous), normal(value))) {
				changes.put(field, new FieldChange(plain(previous), plain(value)));
			}
		});
		return changes;
	}

	private @Nullable Object normal(@Nullable Object value) {
		return value instanceof java.math.BigDecimal decimal ? decimal.stripTrailingZeros() : value;
	}

	/**
	 * JSON trees become plain maps and lists, so the event serialises without Jackson
	 * types.
	 */
	private @Nullable Object plain(@Nullable Object value) {
		if (value instanceof tools.jackson.databind.JsonNode node) {
			return json.convertValue(node, Object.class);
		}
		return value;
	}

	private static ApiException stale(SmbRow current) {
		return new ApiException(HttpStatus.PRECONDITION_FAILED, "stale_write",
				"The SMB changed since you read it (now version " + current.etag()
						+ "); read it again and reapply your change");
	}

	Optional<SmbRow> findIncludingDeleted(TenantId tenant, UUID id) {
		return records.find(tenant, id, true);
	}

	record ListPage(List<SmbRow> rows, Map<String, Object> meta) {
	}

}

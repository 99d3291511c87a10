package com.fibonacco.community.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import com.fibonacco.community.internal.CommunityDtos.CreateCommunityRequest;
import com.fibonacco.community.internal.CommunityDtos.UpdateCommunityRequest;
import com.fibonacco.community.internal.JdbcCommunities.CommunityFilter;
import com.fibonacco.community.internal.JdbcCommunities.SmbReferences;
import com.fibonacco.shared.Ids;
import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.web.ApiException;
import com.fibonacco.shared.web.FieldError;
import com.fibonacco.shared.web.Page;
import com.fibonacco.shared.web.PageQuery;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Lists, creates, changes and deletes the communities of a tenant. */
@Service
class CommunityService {

	/** Settings are a handful of knobs, not a document store. */
	static final int SETTINGS_MAX_CHARS = 16_384;

	static final int SEARCH_MAX = 200;

	private static final String FOREIGN_KEY_VIOLATION = "23503";

	/** Concurrent creates of the same name each take the next free suffix. */
	private static final int SLUG_ATTEMPTS = 5;

	private final JdbcCommunities communities;

	private final JsonMapper json;

	private final Clock clock;

	CommunityService(JdbcCommunities communities, JsonMapper json, Clock clock) {
		this.communities = communities;
		this.json = json;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	Page<CommunityRow> list(TenantId tenant, @Nullable String state, @Nullable String search, @Nullable String sort,
			PageQuery page) {
		List<FieldError> errors = new ArrayList<>();
		String stateCode = null;
		if (state != null) {
			stateCode = CommunityRules.state(state);
			if (stateCode == null) {
				errors.add(new FieldError("state", CommunityRules.STATE_MESSAGE));
			}
		}
		String text = search == null || search.isBlank() ? null : search.strip();
		if (text != null && text.length() > SEARCH_MAX) {
			errors.add(new FieldError("search", "must be at most " + SEARCH_MAX + " characters"));
		}
		CommunitySort order = sort == null ? CommunitySort.NAME : CommunitySort.fromParameter(sort).orElse(null);
		if (order == null) {
			errors.add(new FieldError("sort", "must be one of " + CommunitySort.allowed()));
		}
		if (!errors.isEmpty()) {
			throw ApiException.invalid(errors);
		}
		CommunityFilter filter = new CommunityFilter(stateCode, text);
		return new Page<>(communities.page(tenant, filter, order, page), page, communities.count(tenant, filter));
	}

	@Transactional(readOnly = true)
	CommunityRow get(TenantId tenant, UUID id) {
		return communities.findRow(tenant, id).orElseThrow(() -> notFound(id));
	}

	@Transactional
	CommunityRow create(TenantId tenant, CreateCommunityRequest request) {
		Map<String, Object> settings = settings(request.settings());
		String name = request.name().strip();
		Instant now = now();
		CommunityRow row = new CommunityRow(Ids.newId(clock), name, request.slug() == null ? "" : request.slug(),
				CommunityRules.state(request.state()), blankToNull(request.county()), request.population(),
				request.timezone() == null ? CommunityRules.DEFAULT_TIMEZONE : request.timezone(), settings, now, now);
		if (request.slug() != null) {
			if (!communities.insertIfSlugFree(tenant, row)) {
				throw slugTaken(request.slug());
			}
			return row;
		}
		String base = CommunityRules.slugOf(name);
		for (int attempt = 0; attempt < SLUG_ATTEMPTS; attempt++) {
			CommunityRow withSlug = withSlug(row, nextFreeSlug(base, communities.slugsLike(tenant, base)));
			if (communities.insertIfSlugFree(tenant, withSlug)) {
				return withSlug;
			}
		}
		throw new IllegalStateException("no free slug for " + base + " after " + SLUG_ATTEMPTS + " attempts");
	}

	/** {@code base}, else the first of {@code base-2}, {@code base-3}, … not taken. */
	static String nextFreeSlug(String base, Set<String> taken) {
		if (!taken.contains(base)) {
			return base;
		}
		for (int n = 2;; n++) {
			String candidate = base + "-" + n;
			if (!taken.contains(candidate)) {
				return candidate;
			}
		}
	}

	@Transactional
	CommunityRow update(TenantId tenant, UUID id, UpdateCommunityRequest request) {
		CommunityRow current = communities.findRowForUpdate(tenant, id).orElseThrow(() -> notFound(id));
		Map<String, Object> settings = request.has("settings") ? settings(request.settings()) : current.settings();
		String slug = request.has("slug") ? request.slug() : current.slug();
		CommunityRow updated = new CommunityRow(id, request.has("name") ? request.name().strip() : current.name(), slug,
				request.has("state") ? CommunityRules.state(request.state()) : current.state(),
				request.has("county") ? blankToNull(request.county()) : current.county(),
				request.has("population") ? request.population() : current.population(),
				request.has("timezone") ? request.timezone() : current.timezone(), settings, current.createdAt(),
				now());
		if (!slug.equals(current.slug()) && communities.slugTaken(tenant, slug)) {
			throw slugTaken(slug);
		}
		try {
			communities.update(tenant, updated);
		}
		catch (DuplicateKeyException ex) {
			// another request took the slug between the check and the update
			throw slugTaken(slug);
		}
		return updated;
	}

	/**
	 * Not transactional on purpose: the refused DELETE aborts its statement, and the
	 * count that explains the refusal runs after it.
	 */
	void delete(TenantId tenant, UUID id) {
		CommunityRow community = get(tenant, id);
		try {
			if (!communities.delete(tenant, id)) {
				throw notFound(id);
			}
		}
		catch (DataIntegrityViolationException ex) {
			if (!isForeignKeyViolation(ex)) {
				throw ex;
			}
			throw stillReferenced(community, communities.smbReferences(tenant, id));
		}
	}

	private static ApiException stillReferenced(CommunityRow community, SmbReferences smbs) {
		if (smbs.total() == 0) {
			return ApiException.conflict("community_in_use",
					"Other records still reference " + community.name() + ", so it cannot be deleted");
		}
		String count = smbs.total() == 1 ? "1 SMB belongs" : smbs.total() + " SMBs belong";
		String deleted = smbs.deleted() == 0 ? "" : " (" + smbs.deleted()
				+ (smbs.deleted() == 1 ? " of them is" : " of them are") + " deleted and awaiting purge)";
		return ApiException.conflict("community_has_smbs",
				count + " to " + community.name() + deleted + "; move or delete them first");
	}

	private static boolean isForeignKeyViolation(DataIntegrityViolationException ex) {
		return NestedExceptionUtils.getMostSpecificCause(ex) instanceof SQLException sql
				&& FOREIGN_KEY_VIOLATION.equals(sql.getSQLState());
	}

	private Map<String, Object> settings(@Nullable Map<String, Object> settings) {
		if (settings == null) {
			return Map.of();
		}
		if (json.writeValueAsString(settings).length() > SETTINGS_MAX_CHARS) {
			throw ApiException.invalid("settings", "must be at most " + SETTINGS_MAX_CHARS + " characters of JSON");
		}
		return settings;
	}

	/** PostgreSQL keeps microseconds: the response shows what a later read will. */
	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static CommunityRow withSlug(CommunityRow row, String slug) {
		return new CommunityRow(row.id(), row.name(), slug, row.state(), row.county(), row.population(), row.timezone(),
				row.settings(), row.createdAt(), row.updatedAt());
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

	private static ApiException notFound(UUID id) {
		return ApiException.notFound("community", id);
	}

	private static ApiException slugTaken(String slug) {
		return ApiException.conflict("slug_taken", "Another community already has the slug '" + slug + "'");
	}

}

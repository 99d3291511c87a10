package com.fibonacco.community.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import com.fibonacco.community.Communities;
import com.fibonacco.community.CommunityId;
import com.fibonacco.community.CommunityRef;
import com.fibonacco.community.NewCommunity;
import com.fibonacco.shared.Ids;
import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.web.PageQuery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Communities stored in {@code communities}: the module's API for other modules, and the
 * table's queries for {@link CommunityService}. Every query is scoped by tenant.
 */
@Service
class JdbcCommunities implements Communities {

	private static final String COLUMNS = "id, name, slug, state, county, population, timezone, settings, "
			+ "created_at, updated_at";

	private static final TypeReference<Map<String, Object>> SETTINGS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	JdbcCommunities(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	@Override
	@Transactional
	public CommunityId create(TenantId tenant, NewCommunity community) {
		CommunityId id = new CommunityId(Ids.newId(clock));
		var now = clock.instant().atOffset(ZoneOffset.UTC);
		jdbc.sql("""
				INSERT INTO communities (tenant_id, id, name, slug, state, county, population, timezone, settings,
				                         created_at, updated_at)
				VALUES (:tenant, :id, :name, :slug, :state, :county, :population, :timezone, CAST(:settings AS jsonb),
				        :now, :now)
				""")
			.param("tenant", tenant.value())
			.param("id", id.value())
			.param("name", community.name())
			.param("slug", community.slug())
			.param("state", community.state())
			.param("county", community.county())
			.param("population", community.population())
			.param("timezone", community.timezone())
			.param("settings", json.writeValueAsString(community.settings()))
			.param("now", now)
			.update();
		return id;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<CommunityRef> find(TenantId tenant, CommunityId id) {
		return jdbc
			.sql("SELECT id, name, slug, state, timezone FROM communities WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant.value())
			.param("id", id.value())
			.query((rs, row) -> new CommunityRef(new CommunityId(rs.getObject("id", UUID.class)), rs.getString("name"),
					rs.getString("slug"), rs.getString("state"), ZoneId.of(rs.getString("timezone"))))
			.optional();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<CommunityRef> findBySlug(TenantId tenant, String slug) {
		return jdbc
			.sql("SELECT id, name, slug, state, timezone FROM communities WHERE tenant_id = :tenant AND slug = :slug")
			.param("tenant", tenant.value())
			.param("slug", slug)
			.query((rs, row) -> new CommunityRef(new CommunityId(rs.getObject("id", UUID.class)), rs.getString("name"),
					rs.getString("slug"), rs.getString("state"), ZoneId.of(rs.getString("timezone"))))
			.optional();
	}

	@Override
	@Transactional(readOnly = true)
	public long count(TenantId tenant) {
		return jdbc.sql("SELECT count(*) FROM communities WHERE tenant_id = :tenant")
			.param("tenant", tenant.value())
			.query(Long.class)
			.single();
	}

	Optional<CommunityRow> findRow(TenantId tenant, UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM communities WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(this::map)
			.optional();
	}

	/** The row, locked until the transaction ends, for a read-change-write update. */
	Optional<CommunityRow> findRowForUpdate(TenantId tenant, UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM communities WHERE tenant_id = :tenant AND id = :id FOR UPDATE")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(this::map)
			.optional();
	}

	List<CommunityRow> page(TenantId tenant, CommunityFilter filter, CommunitySort sort, PageQuery page) {
		var query = filtered("SELECT " + COLUMNS + " FROM communities", tenant, filter,
				" ORDER BY " + sort.orderBy() + " LIMIT :limit OFFSET :offset");
		return query.param("limit", page.perPage()).param("offset", page.offset()).query(this::map).list();
	}

	long count(TenantId tenant, CommunityFilter filter) {
		return filtered("SELECT count(*) FROM communities", tenant, filter, "").query(Long.class).single();
	}

	/**
	 * The statement with the filter's conditions; only fixed SQL fragments are added, the
	 * values are bound.
	 */
	private JdbcClient.StatementSpec filtered(String select, TenantId tenant, CommunityFilter filter, String tail) {
		StringBuilder sql = new StringBuilder(select).append(" WHERE tenant_id = :tenant");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("tenant", tenant.value());
		if (filter.state() != null) {
			sql.append(" AND state = :state");
			params.put("state", filter.state());
		}
		if (filter.search() != null) {
			sql.append(" AND name ILIKE :search ESCAPE '\\'");
			params.put("search", "%" + likeEscaped(filter.search()) + "%");
		}
		return jdbc.sql(sql.append(tail).toString()).params(params);
	}

	private static String likeEscaped(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/**
	 * Inserts the row unless the tenant already has its slug; never fails on the slug, so
	 * the caller's transaction stays usable for another try.
	 */
	boolean insertIfSlugFree(TenantId tenant, CommunityRow row) {
		return jdbc.sql("""
				INSERT INTO communities (tenant_id, id, name, slug, state, county, population, timezone, settings,
				                         created_at, updated_at)
				VALUES (:tenant, :id, :name, :slug, :state, :county, :population, :timezone, CAST(:settings AS jsonb),
				        :createdAt, :updatedAt)
				ON CONFLICT (tenant_id, slug) DO NOTHING
				""")
			.param("tenant", tenant.value())
			.param("id", row.id())
			.param("name", row.name())
			.param("slug", row.slug())
			.param("state", row.state())
			.param("county", row.county())
			.param("population", row.population())
			.param("timezone", row.timezone())
			.param("settings", json.writeValueAsString(row.settings()))
			.param("createdAt", utc(row.createdAt()))
			.param("updatedAt", utc(row.updatedAt()))
			.update() == 1;
	}

	void update(TenantId tenant, CommunityRow row) {
		jdbc.sql("""
				UPDATE communities SET name = :name, slug = :slug, state = :state, county = :county,
				       population = :population, timezone = :timezone, settings = CAST(:settings AS jsonb),
				       updated_at = :updatedAt
				WHERE tenant_id = :tenant AND id = :id
				""")
			.param("tenant", tenant.value())
			.param("id", row.id())
			.param("name", row.name())
			.param("slug", row.slug())
			.param("state", row.state())
			.param("county", row.county())
			.param("population", row.population())
			.param("timezone", row.timezone())
			.param("settings", json.writeValueAsString(row.settings()))
			.param("updatedAt", utc(row.updatedAt()))
			.update();
	}

	/** Fails with a foreign-key violation while other rows (SMBs) reference it. */
	boolean delete(TenantId tenant, UUID id) {
		return jdbc.sql("DELETE FROM communities WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant.value())
			.param("id", id)
			.update() == 1;
	}

	boolean slugTaken(TenantId tenant, String slug) {
		return jdbc.sql("SELECT EXISTS (SELECT 1 FROM communities WHERE tenant_id = :tenant AND slug = :slug)")
			.param("tenant", tenant.value())
			.param("slug", slug)
			.query(Boolean.class)
			.single();
	}

	/**
	 * The tenant's slugs that a slug generated from {@code base} could collide with:
	 * {@code base} itself and {@code base-<n>}. The base holds only [a-z0-9-], so it is
	 * safe in the pattern.
	 */
	Set<String> slugsLike(TenantId tenant, String base) {
		return new HashSet<>(jdbc.sql("""
				SELECT slug FROM communities
				WHERE tenant_id = :tenant AND (slug = :base OR slug ~ ('^' || :base || '-[0-9]+$'))
				""").param("tenant", tenant.value()).param("base", base).query(String.class).list());
	}

	/**
	 * How many SMBs (soft-deleted ones awaiting purge included) belong to the community.
	 * Plain SQL on the smb module's table: this module may not call the smb module, which
	 * depends on it.
	 */
	SmbReferences smbReferences(TenantId tenant, UUID id) {
		return jdbc.sql("""
				SELECT count(*) AS total, count(*) FILTER (WHERE deleted_at IS NOT NULL) AS deleted
				FROM smbs WHERE tenant_id = :tenant AND community_id = :id
				""")
			.param("tenant", tenant.value())
			.param("id", id)
			.query((rs, row) -> new SmbReferences(rs.getLong("total"), rs.getLong("deleted")))
			.single();
	}

	private CommunityRow map(ResultSet rs, int row) throws SQLException {
		return new CommunityRow(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("slug"),
				rs.getString("state"), rs.getString("county"), rs.getObject("population", Integer.class),
				rs.getString("timezone"), json.readValue(rs.getString("settings"), SETTINGS), instant(rs, "created_at"),
				instant(rs, "updated_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/** A filter of the community list; null parts do not filter. */
	record CommunityFilter(@Nullable String state, @Nullable String search) {
	}

	record SmbReferences(long total, long deleted) {
	}

}

package com.fibonacco.smb.tag;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.web.PageQuery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code tags} and {@code smb_tags} tables. Every query is scoped by tenant; id lists
 * travel as one array parameter, so tagging 10,000 SMBs is one statement.
 */
@Repository
class Tags {

	/** Counts only live SMBs: a soft-deleted SMB keeps its tags but is not shown. */
	private static final String SELECT_TAG = """
			SELECT t.id, t.name, t.slug, t.color, t.description, t.created_by, t.created_at, t.updated_at,
			       (SELECT count(*) FROM smb_tags st
			          JOIN smbs s ON s.tenant_id = st.tenant_id AND s.id = st.smb_id AND s.deleted_at IS NULL
			         WHERE st.tenant_id = t.tenant_id AND st.tag_id = t.id) AS smb_count
			FROM tags t
			""";

	private final JdbcClient jdbc;

	Tags(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Serialises the tenant's tag writes (creation, renames) until commit, so the name
	 * and slug checks that precede them cannot race.
	 */
	void lockTenantTags(TenantId tenant) {
		jdbc.sql("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended('tags:' || :tenant, 0))) locked")
			.param("tenant", tenant.value().toString())
			.query(Integer.class)
			.single();
	}

	boolean nameTaken(TenantId tenant, String name, @Nullable UUID except) {
		return jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM tags WHERE tenant_id = :tenant AND lower(name) = lower(:name)
				               AND id IS DISTINCT FROM :except)
				""")
			.param("tenant", tenant.value())
			.param("name", name)
			.param("except", except)
			.query(Boolean.class)
			.single();
	}

	boolean slugTaken(TenantId tenant, String slug) {
		return jdbc.sql("SELECT EXISTS (SELECT 1 FROM tags WHERE tenant_id = :tenant AND slug = :slug)")
			.param("tenant", tenant.value())
			.param("slug", slug)
			.query(Boolean.class)
			.single();
	}

	void insert(TenantId tenant, UUID id, String name, String slug, String color, @Nullable String description,
			UUID createdBy, Instant now) {
		jdbc.sql("""
				INSERT INTO tags (tenant_id, id, name, slug, color, description, created_by, created_at, updated_at)
				VALUES (:tenant, :id, :name, :slug, :color, :description, :createdBy, :now, :now)
				""")
			.param("tenant", tenant.value())
			.param("id", id)
			.param("name", name)
			.param("slug", slug)
			.param("color", color)
			.param("description", description)
			.param("createdBy", createdBy)
			.param("now", utc(now))
			.update();
	}

	void update(TenantId tenant, UUID id, String name, String slug, String color, @Nullable String description,
			Instant now) {
		jdbc.sql("""
				UPDATE tags SET name = :name, slug = :slug, color = :color, description = :description,
				                updated_at = :now
				WHERE tenant_id = :tenant AND id = :id
				""")
			.param("tenant", tenant.value())
			.param("id", id)
			.param("name", name)
			.param("slug", slug)
			.param("color", color)
			.param("description", description)
			.param("now", utc(now))
			.update();
	}

	boolean delete(TenantId tenant, UUID id) {
		return jdbc.sql("DELETE FROM tags WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant.value())
			.param("id", id)
			.update() == 1;
	}

	Optional<TagRow> find(TenantId tenant, UUID id) {
		return jdbc.sql(SELECT_TAG + " WHERE t.tenant_id = :tenant AND t.id = :id")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(Tags::mapTag)
			.optional();
	}

	/**
	 * The tag's name, holding its row until commit so a concurrent delete cannot pull it
	 * from under the SMBs being tagged.
	 */
	Optional<String> lockName(TenantId tenant, UUID id) {
		return jdbc.sql("SELECT name FROM tags WHERE tenant_id = :tenant AND id = :id FOR KEY SHARE")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(String.class)
			.optional();
	}

	/** The names of those of the ids that are the tenant's tags, rows held as above. */
	Map<UUID, String> lockNames(TenantId tenant, Collection<UUID> ids) {
		Map<UUID, String> names = new LinkedHashMap<>();
		jdbc.sql("""
				SELECT id, name FROM tags WHERE tenant_id = :tenant AND id = ANY (CAST(:ids AS uuid[]))
				ORDER BY id FOR KEY SHARE
				""").param("tenant", tenant.value()).param("ids", array(ids)).query(rs -> {
			names.put(rs.getObject("id", UUID.class), rs.getString("name"));
		});
		return names;
	}

	List<TagRow> page(TenantId tenant, PageQuery page) {
		return jdbc.sql(SELECT_TAG + """
				 WHERE t.tenant_id = :tenant
				ORDER BY lower(t.name), t.id
				LIMIT :limit OFFSET :offset
				""")
			.param("tenant", tenant.value())
			.param("limit", page.perPage())
			.param("offset", page.offset())
			.query(Tags::mapTag)
			.list();
	}

	long count(TenantId tenant) {
		return jdbc.sql("SELECT count(*) FROM tags WHERE tenant_id = :tenant")
			.param("tenant", tenant.value())
			.query(Long.class)
			.single();
	}

	/** Those of the ids that are not live SMBs of the tenant, in the order given. */
	List<UUID> unknownSmbs(TenantId tenant, Collection<UUID> ids) {
		return jdbc.sql("""
				SELECT x.id FROM unnest(CAST(:ids AS uuid[])) WITH ORDINALITY AS x(id, n)
				WHERE NOT EXISTS (SELECT 1 FROM smbs s
				                  WHERE s.tenant_id = :tenant AND s.id = x.id AND s.deleted_at IS NULL)
				ORDER BY x.n
				""").param("tenant", tenant.value()).param("ids", array(ids)).query(UUID.class).list();
	}

	List<SmbTagRow> tagsOfSmb(TenantId tenant, UUID smb) {
		return jdbc.sql("""
				SELECT t.id, t.name, t.slug, t.color, t.description, st.tagged_at, st.tagged_by
				FROM smb_tags st
				JOIN tags t ON t.tenant_id = st.tenant_id AND t.id = st.tag_id
				WHERE st.tenant_id = :tenant AND st.smb_id = :smb
				ORDER BY lower(t.name), t.id
				""")
			.param("tenant", tenant.value())
			.param("smb", smb)
			.query((rs, row) -> new SmbTagRow(rs.getObject("id", UUID.class), rs.getString("name"),
					rs.getString("slug"), rs.getString("color"), rs.getString("description"), instant(rs, "tagged_at"),
					rs.getObject("tagged_by", UUID.class)))
			.list();
	}

	/** Puts the tags on the SMB; answers the tags it did not carry before. */
	List<UUID> tagSmb(TenantId tenant, UUID smb, Collection<UUID> tags, UUID by, Instant now) {
		return jdbc.sql("""
				INSERT INTO smb_tags (tenant_id, smb_id, tag_id, tagged_at, tagged_by)
				SELECT :tenant, :smb, tag_id, :now, :by FROM unnest(CAST(:tags AS uuid[])) AS x(tag_id)
				ORDER BY tag_id
				ON CONFLICT DO NOTHING
				RETURNING tag_id
				""")
			.param("tenant", tenant.value())
			.param("smb", smb)
			.param("tags", array(tags))
			.param("by", by)
			.param("now", utc(now))
			.query(UUID.class)
			.list();
	}

	boolean untagSmb(TenantId tenant, UUID smb, UUID tag) {
		return jdbc.sql("DELETE FROM smb_tags WHERE tenant_id = :tenant AND smb_id = :smb AND tag_id = :tag")
			.param("tenant", tenant.value())
			.param("smb", smb)
			.param("tag", tag)
			.update() == 1;
	}

	/** Puts the tag on the SMBs; answers the SMBs that did not carry it before. */
	List<UUID> tagSmbs(TenantId tenant, UUID tag, Collection<UUID> smbs, UUID by, Instant now) {
		return jdbc.sql("""
				INSERT INTO smb_tags (tenant_id, smb_id, tag_id, tagged_at, tagged_by)
				SELECT :tenant, smb_id, :tag, :now, :by FROM unnest(CAST(:smbs AS uuid[])) AS x(smb_id)
				ORDER BY smb_id
				ON CONFLICT DO NOTHING
				RETURNING smb_id
				""")
			.param("tenant", tenant.value())
			.param("tag", tag)
			.param("smbs", array(smbs))
			.param("by", by)
			.param("now", utc(now))
			.query(UUID.class)
			.list();
	}

	/** Takes the tag off the SMBs; answers the SMBs that carried it. */
	List<UUID> untagSmbs(TenantId tenant, UUID tag, Collection<UUID> smbs) {
		return jdbc.sql("""
				DELETE FROM smb_tags
				WHERE tenant_id = :tenant AND tag_id = :tag AND smb_id = ANY (CAST(:smbs AS uuid[]))
				RETURNING smb_id
				""")
			.param("tenant", tenant.value())
			.param("tag", tag)
			.param("smbs", array(smbs))
			.query(UUID.class)
			.list();
	}

	private static String[] array(Collection<UUID> ids) {
		return ids.stream().map(UUID::toString).toArray(String[]::new);
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static TagRow mapTag(ResultSet rs, int row) throws SQLException {
		return new TagRow(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("slug"),
				rs.getString("color"), rs.getString("description"), rs.getLong("smb_count"),
				rs.getObject("created_by", UUID.class), instant(rs, "created_at"), instant(rs, "updated_at"));
	}

	record TagRow(UUID id, String name, String slug, String color, @Nullable String description, long smbCount,
			@Nullable UUID createdBy, Instant createdAt, Instant updatedAt) {
	}

	record SmbTagRow(UUID id, String name, String slug, String color, @Nullable String description, Instant taggedAt,
			@Nullable UUID taggedBy) {
	}

}

package com.fibonacco.smb.note;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.web.PageQuery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code notes} table. Every query is scoped by tenant and SMB. */
@Repository
class SmbNotes {

	private static final String COLUMNS = "id, smb_id, author_id, content, is_pinned, created_at, updated_at";

	private final JdbcClient jdbc;

	SmbNotes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(TenantId tenant, NoteRow note) {
		jdbc.sql("""
				INSERT INTO notes (tenant_id, id, smb_id, author_id, content, is_pinned, created_at, updated_at)
				VALUES (:tenant, :id, :smb, :author, :content, :pinned, :createdAt, :updatedAt)
				""")
			.param("tenant", tenant.value())
			.param("id", note.id())
			.param("smb", note.smbId())
			.param("author", note.authorId())
			.param("content", note.content())
			.param("pinned", note.pinned())
			.param("createdAt", utc(note.createdAt()))
			.param("updatedAt", utc(note.updatedAt()))
			.update();
	}

	void update(TenantId tenant, NoteRow note) {
		jdbc.sql("""
				UPDATE notes SET content = :content, is_pinned = :pinned, updated_at = :updatedAt
				WHERE tenant_id = :tenant AND smb_id = :smb AND id = :id
				""")
			.param("tenant", tenant.value())
			.param("smb", note.smbId())
			.param("id", note.id())
			.param("content", note.content())
			.param("pinned", note.pinned())
			.param("updatedAt", utc(note.updatedAt()))
			.update();
	}

	void delete(TenantId tenant, UUID smb, UUID id) {
		jdbc.sql("DELETE FROM notes WHERE tenant_id = :tenant AND smb_id = :smb AND id = :id")
			.param("tenant", tenant.value())
			.param("smb", smb)
			.param("id", id)
			.update();
	}

	Optional<NoteRow> find(TenantId tenant, UUID smb, UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM notes WHERE tenant_id = :tenant AND smb_id = :smb AND id = :id")
			.param("tenant", tenant.value())
			.param("smb", smb)
			.param("id", id)
			.query(SmbNotes::map)
			.optional();
	}

	Optional<NoteRow> findForUpdate(TenantId tenant, UUID smb, UUID id) {
		return jdbc
			.sql("SELECT " + COLUMNS + " FROM notes WHERE tenant_id = :tenant AND smb_id = :smb AND id = :id "
					+ "FOR UPDATE")
			.param("tenant", tenant.value())
			.param("smb", smb)
			.param("id", id)
			.query(SmbNotes::map)
			.optional();
	}

	/** Pinned notes first, then the newest first. */
	List<NoteRow> page(TenantId tenant, UUID smb, PageQuery page) {
		return jdbc.sql("SELECT " + COLUMNS + """
				 FROM notes WHERE tenant_id = :tenant AND smb_id = :smb
				ORDER BY is_pinned DESC, created_at DESC, id DESC
				LIMIT :limit OFFSET :offset
				""")
			.param("tenant", tenant.value())
			.param("smb", smb)
			.param("limit", page.perPage())
			.param("offset", page.offset())
			.query(SmbNotes::map)
			.list();
	}

	long count(TenantId tenant, UUID smb) {
		return jdbc.sql("SELECT count(*) FROM notes WHERE tenant_id = :tenant AND smb_id = :smb")
			.param("tenant", tenant.value())
			.param("smb", smb)
			.query(Long.class)
			.single();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static NoteRow map(ResultSet rs, int row) throws SQLException {
		return new NoteRow(rs.getObject("id", UUID.class), rs.getObject("smb_id", UUID.class),
				rs.getObject("author_id", UUID.class), rs.getString("content"), rs.getBoolean("is_pinned"),
				instant(rs, "created_at"), instant(rs, "updated_at"));
	}

	record NoteRow(UUID id, UUID smbId, @Nullable UUID authorId, String content, boolean pinned, Instant createdAt,
			Instant updatedAt) {
	}

}

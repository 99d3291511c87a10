package com.fibonacco.smb.importing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code smb_imports} table. Every statement is scoped by tenant. */
@Repository
class SmbImports {

	private static final String COLUMNS = """
			tenant_id, id, status, phase, file_name, file_format, file_size, file_oid, community_id, on_duplicate,
			match_on, mapping::text AS mapping, dry_run, bytes_read, rows_total, rows_processed, created,
			updated, skipped, failed, attempts, failure_reason, requested_by, created_at, started_at, finished_at,
			updated_at""";

	private final JdbcClient jdbc;

	SmbImports(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(ImportRow row) {
		jdbc.sql("""
				INSERT INTO smb_imports (tenant_id, id, status, file_name, file_format, file_size, file_oid,
				  community_id, on_duplicate, match_on, mapping, dry_run, requested_by, created_at, updated_at)
				VALUES (:tenant, :id, 'queued', :fileName, :fileFormat, :fileSize, :fileOid, :community, :onDuplicate,
				  :matchOn, CAST(:mapping AS jsonb), :dryRun, :requestedBy, :now, :now)
				""")
			.param("tenant", row.tenantId())
			.param("id", row.id())
			.param("fileName", row.fileName())
			.param("fileFormat", row.fileFormat())
			.param("fileSize", row.fileSize())
			.param("fileOid", row.fileOid())
			.param("community", row.communityId(), java.sql.Types.OTHER)
			.param("onDuplicate", row.onDuplicate())
			.param("matchOn", row.matchOn())
			.param("mapping", row.mapping())
			.param("dryRun", row.dryRun())
			.param("requestedBy", row.requestedBy(), java.sql.Types.OTHER)
			.param("now", utc(row.createdAt()))
			.update();
	}

	Optional<ImportRow> find(TenantId tenant, UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM smb_imports WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(SmbImports::map)
			.optional();
	}

	/** Same, locking the row until the transaction ends. */
	Optional<ImportRow> lock(TenantId tenant, UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM smb_imports WHERE tenant_id = :tenant AND id = :id FOR UPDATE")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(SmbImports::map)
			.optional();
	}

	/**
	 * Marks a queued or running import as running for another attempt; empty when it has
	 * ended (cancelled meanwhile, or finished by an earlier run).
	 */
	Optional<ImportRow> start(TenantId tenant, UUID id, Instant now) {
		return jdbc
			.sql("UPDATE smb_imports SET status = 'running', attempts = attempts + 1, "
					+ "started_at = coalesce(started_at, :now), updated_at = :now "
					+ "WHERE tenant_id = :tenant AND id = :id AND status IN ('queued', 'running') RETURNING " + COLUMNS)
			.param("tenant", tenant.value())
			.param("id", id)
			.param("now", utc(now))
			.query(SmbImports::map)
			.optional();
	}

	void reading(TenantId tenant, UUID id, long bytesRead, Instant now) {
		jdbc.sql("UPDATE smb_imports SET bytes_read = :bytes, updated_at = :now "
				+ "WHERE tenant_id = :tenant AND id = :id AND status = 'running'")
			.param("tenant", tenant.value())
			.param("id", id)
			.param("bytes", bytesRead)
			.param("now", utc(now))
			.update();
	}

	String status(TenantId tenant, UUID id) {
		return jdbc.sql("SELECT status FROM smb_imports WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(String.class)
			.optional()
			.orElse("cancelled");
	}

	/** Notes why an attempt failed; the job may still retry. */
	void attemptFailed(TenantId tenant, UUID id, String reason, Instant now) {
		jdbc.sql("UPDATE smb_imports SET failure_reason = :reason, updated_at = :now "
				+ "WHERE tenant_id = :tenant AND id = :id AND status = 'running'")
			.param("tenant", tenant.value())
			.param("id", id)
			.param("reason", reason)
			.param("now", utc(now))
			.update();
	}

	/** Ends a queued or running import; false when it had already ended. */
	boolean end(TenantId tenant, UUID id, String status, @Nullable String reason, Instant now) {
		return jdbc
			.sql("""
					UPDATE smb_imports SET status = :status, phase = 'done', failure_reason = coalesce(:reason, failure_reason),
					  finished_at = :now, updated_at = :now
					WHERE tenant_id = :tenant AND id = :id AND status IN ('queued', 'running')
					""")
			.param("tenant", tenant.value())
			.param("id", id)
			.param("status", status)
			.param("reason", reason)
			.param("now", utc(now))
			.update() == 1;
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	static ImportRow map(ResultSet rs, int row) throws SQLException {
		long oid = rs.getLong("file_oid");
		Long fileOid = rs.wasNull() ? null : oid;
		long total = rs.getLong("rows_total");
		Long rowsTotal = rs.wasNull() ? null : total;
		return new ImportRow(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
				rs.getString("status"), rs.getString("phase"), rs.getString("file_name"), rs.getString("file_format"),
				rs.getLong("file_size"), fileOid, rs.getObject("community_id", UUID.class),
				rs.getString("on_duplicate"), rs.getString("match_on"), rs.getString("mapping"),
				rs.getBoolean("dry_run"), rs.getLong("bytes_read"), rowsTotal, rs.getLong("rows_processed"),
				rs.getLong("created"), rs.getLong("updated"), rs.getLong("skipped"),
				rs.getLong("failed"), rs.getInt("attempts"), rs.getString("failure_reason"),
				rs.getObject("requested_by", UUID.class), instant(rs, "created_at"), instant(rs, "started_at"),
				instant(rs, "finished_at"), instant(rs, "updated_at"));
	}

}

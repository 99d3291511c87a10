package com.fibonacco.activity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import com.fibonacco.shared.Ids;
import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.web.PageQuery;
import com.fibonacco.smb.SmbId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The timeline entries stored in {@code activities}. */
@Repository
class Activities {

	private static final TypeReference<Map<String, @Nullable Object>> METADATA = new TypeReference<>() {
	};

	private static final String COLUMNS = "id, activity_type, title, description, subject_type, subject_id, "
			+ "metadata::text AS metadata, performed_by, occurred_at";

	/** Entries per statement when {@link #addAtCommit} entries are written. */
	private static final int BATCH = 5_000;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	Activities(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Stores the entry unless its SMB is not the tenant's, or an entry with the same
	 * source event is already there (the event delivered again).
	 * @return whether an entry was added
	 */
	boolean add(TimelineEntry entry) {
		// INSERT … SELECT FROM smbs rather than relying on the FK: an event about an SMB
		// the tenant doesn't have must not fail (and roll back) the change that published
		// it; a failed FK check would abort the whole transaction.
		int added = jdbc.sql("""
				INSERT INTO activities (tenant_id, id, smb_id, activity_type, title, description, subject_type,
				                        subject_id, metadata, performed_by, source_event_id, occurred_at, created_at)
				SELECT s.tenant_id, :id, s.id, :type, :title, CAST(:description AS text), CAST(:subjectType AS text),
				       CAST(:subjectId AS text), CAST(:metadata AS jsonb), CAST(:performedBy AS uuid),
				       CAST(:sourceEventId AS uuid), :occurredAt, :now
				  FROM smbs s
				 WHERE s.tenant_id = :tenant AND s.id = :smb
				ON CONFLICT (tenant_id, source_event_id, smb_id) WHERE source_event_id IS NOT NULL DO NOTHING
				""")
			.param("tenant", entry.tenant().value())
			.param("smb", entry.smb().value())
			.param("id", Ids.newId(clock))
			.param("type", entry.type().apiName())
			.param("title", Titles.fit(entry.title()))
			.param("description", entry.description())
			.param("subjectType", entry.subjectType())
			.param("subjectId", entry.subjectId())
			.param("metadata", json.writeValueAsString(entry.metadata()))
			.param("performedBy", entry.performedBy())
			.param("sourceEventId", entry.sourceEventId())
			.param("occurredAt", utc(entry.occurredAt()))
			.param("now", utc(clock.instant()))
			.update();
		return added == 1;
	}

	/**
	 * Stores the entry as {@link #add} does, but when the current transaction commits,
	 * together with the transaction's other entries added this way: one statement for the
	 * thousands of entries of a nightly job instead of one each. Outside a transaction,
	 * at once.
	 */
	void addAtCommit(TimelineEntry entry) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			add(entry);
			return;
		}
		@SuppressWarnings("unchecked")
		List<TimelineEntry> pending = (List<TimelineEntry>) TransactionSynchronizationManager.getResource(this);
		if (pending == null) {
			List<TimelineEntry> entries = new ArrayList<>();
			TransactionSynchronizationManager.bindResource(this, entries);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void beforeCommit(boolean readOnly) {
					for (int from = 0; from < entries.size(); from += BATCH) {
						addAll(entries.subList(from, Math.min(entries.size(), from + BATCH)));
					}
					entries.clear();
				}

				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(Activities.this);
				}
			});
			pending = entries;
		}
		pending.add(entry);
	}

	/** {@link #add} for many entries in one statement. */
	private void addAll(List<TimelineEntry> entries) {
		List<Map<String, @Nullable Object>> rows = new ArrayList<>(entries.size());
		for (TimelineEntry entry : entries) {
			Map<String, @Nullable Object> row = new java.util.HashMap<>();
			row.put("tenant_id", entry.tenant().value());
			row.put("id", Ids.newId(clock));
			row.put("smb_id", entry.smb().value());
			row.put("activity_type", entry.type().apiName());
			row.put("title", Titles.fit(entry.title()));
			row.put("description", entry.description());
			row.put("subject_type", entry.subjectType());
			row.put("subject_id", entry.subjectId());
			row.put("metadata", entry.metadata());
			row.put("performed_by", entry.performedBy());
			row.put("source_event_id", entry.sourceEventId());
			row.put("occurred_at", entry.occurredAt().toString());
			rows.add(row);
		}
		jdbc.sql("""
				INSERT INTO activities (tenant_id, id, smb_id, activity_type, title, description, subject_type,
				                        subject_id, metadata, performed_by, source_event_id, occurred_at, created_at)
				SELECT s.tenant_id, r.id, s.id, r.activity_type, r.title, r.description, r.subject_type,
				       r.subject_id, coalesce(r.metadata, '{}'::jsonb), r.performed_by, r.source_event_id,
				       r.occurred_at, :now
				  FROM jsonb_to_recordset(CAST(:rows AS jsonb))
				    AS r(tenant_id uuid, id uuid, smb_id uuid, activity_type text, title text, description text,
				         subject_type text, subject_id text, metadata jsonb, performed_by uuid, source_event_id uuid,
				         occurred_at timestamptz)
				  JOIN smbs s ON s.tenant_id = r.tenant_id AND s.id = r.smb_id
				ON CONFLICT (tenant_id, source_event_id, smb_id) WHERE source_event_id IS NOT NULL DO NOTHING
				""").param("rows", json.writeValueAsString(rows)).param("now", utc(clock.instant())).update();
	}

	/** One page of the SMB's timeline, newest first. */
	List<ActivityRow> page(TenantId tenant, SmbId smb, ActivityFilter filter, PageQuery page) {
		return where(jdbc.sql("SELECT " + COLUMNS + " FROM activities " + whereClause(filter)
				+ " ORDER BY occurred_at DESC, id DESC LIMIT :limit OFFSET :offset"), tenant, smb, filter)
			.param("limit", page.perPage())
			.param("offset", page.offset())
			.query(this::map)
			.list();
	}

	long count(TenantId tenant, SmbId smb, ActivityFilter filter) {
		return where(jdbc.sql("SELECT count(*) FROM activities " + whereClause(filter)), tenant, smb, filter)
			.query(Long.class)
			.single();
	}

	/** Fixed SQL fragments chosen by which filters are set; values are always bound. */
	private static String whereClause(ActivityFilter filter) {
		StringBuilder where = new StringBuilder("WHERE tenant_id = :tenant AND smb_id = :smb");
		if (!filter.types().isEmpty()) {
			where.append(" AND activity_type IN (:types)");
		}
		if (filter.since() != null) {
			where.append(" AND occurred_at >= :since");
		}
		if (filter.until() != null) {
			where.append(" AND occurred_at < :until");
		}
		return where.toString();
	}

	private static JdbcClient.StatementSpec where(JdbcClient.StatementSpec statement, TenantId tenant, SmbId smb,
			ActivityFilter filter) {
		statement = statement.param("tenant", tenant.value()).param("smb", smb.value());
		if (!filter.types().isEmpty()) {
			statement = statement.param("types", filter.types().stream().map(ActivityType::apiName).toList());
		}
		if (filter.since() != null) {
			statement = statement.param("since", utc(filter.since()));
		}
		if (filter.until() != null) {
			statement = statement.param("until", utc(filter.until()));
		}
		return statement;
	}

	private ActivityRow map(ResultSet rs, int row) throws SQLException {
		return new ActivityRow(rs.getObject("id", UUID.class),
				ActivityType.fromApiName(rs.getString("activity_type")).orElseThrow(), rs.getString("title"),
				rs.getString("description"), rs.getString("subject_type"), rs.getString("subject_id"),
				json.readValue(rs.getString("metadata"), METADATA), rs.getObject("performed_by", UUID.class),
				rs.getObject("occurred_at", OffsetDateTime.class).toInstant());
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}

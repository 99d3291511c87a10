package com.fibonacco.activity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

/** The timeline entries stored in {@code activities}. */
@Repository
class Activities {

	private static final TypeReference<Map<String, @Nullable Object>> METADATA = new TypeReference<>() {
	};

	private static final String COLUMNS = "id, activity_type, title, description, subject_type, subject_id, "
			+ "metadata::text AS metadata, performed_by, occurred_at";

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

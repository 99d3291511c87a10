package com.fibonacco.engagement.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.engagement.internal.EngagementScoring.Activity;
import com.fibonacco.engagement.internal.EngagementScoring.Task;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code engagement_rescore_queue}: SMBs whose new signals are recorded but not yet
 * scored. Signals of one SMB queued before the rescorer takes it fold into one entry.
 */
@Repository
class RescoreQueue {

	/** Deletes the picked queue entries ({@code c}) and returns them. */
	private static final String TAKE = """
			DELETE FROM engagement_rescore_queue q
			 USING (SELECT tenant_id, smb_id FROM engagement_rescore_queue %s FOR UPDATE SKIP LOCKED) c
			 WHERE q.tenant_id = c.tenant_id AND q.smb_id = c.smb_id
			RETURNING q.*, q.trigger_attributes::text AS trigger_attributes_json
			""";

	private final JdbcClient jdbc;

	private final Ledger ledger;

	RescoreQueue(JdbcClient jdbc, Ledger ledger) {
		this.jdbc = jdbc;
		this.ledger = ledger;
	}

	/**
	 * Records the signal in the ledger ({@link Ledger#APPEND}: once, and only for an SMB of
	 * the tenant) and, when it was recorded now and made by a person, queues its SMB — in
	 * one statement.
	 * @return whether it was recorded now
	 */
	boolean record(Incoming signal) {
		Activity moved = Activity.of(List.of(signal));
		Map<String, Object> params = ledger.appendParams(signal);
		params.put("approvals", moved.approvals());
		params.put("meetings", moved.meetings());
		params.put("lastEmailOpen", Ledger.text(moved.lastEmailOpen()));
		params.put("lastEmailClick", Ledger.text(moved.lastEmailClick()));
		params.put("lastContentView", Ledger.text(moved.lastContentView()));
		params.put("lastApproval", Ledger.text(moved.lastApproval()));
		return jdbc.sql("WITH recorded AS (" + Ledger.APPEND + """
				  RETURNING tenant_id, smb_id, machine_generated
				), queued AS (
				  INSERT INTO engagement_rescore_queue AS q (tenant_id, smb_id, queued_at, trigger_type,
				    trigger_attributes, approvals, meetings, last_email_open, last_email_click, last_content_view,
				    last_approval)
				  SELECT tenant_id, smb_id, :now, :type, CAST(:attributes AS jsonb), :approvals, :meetings,
				         CAST(:lastEmailOpen AS timestamptz), CAST(:lastEmailClick AS timestamptz),
				         CAST(:lastContentView AS timestamptz), CAST(:lastApproval AS timestamptz)
				    FROM recorded
				   WHERE NOT machine_generated
				  ON CONFLICT (tenant_id, smb_id) DO UPDATE SET
				    trigger_type = EXCLUDED.trigger_type, trigger_attributes = EXCLUDED.trigger_attributes,
				    approvals = q.approvals + EXCLUDED.approvals, meetings = q.meetings + EXCLUDED.meetings,
				    last_email_open = greatest(q.last_email_open, EXCLUDED.last_email_open),
				    last_email_click = greatest(q.last_email_click, EXCLUDED.last_email_click),
				    last_content_view = greatest(q.last_content_view, EXCLUDED.last_content_view),
				    last_approval = greatest(q.last_approval, EXCLUDED.last_approval)
				  RETURNING 1
				)
				SELECT (SELECT count(*) FROM recorded) + 0 * (SELECT count(*) FROM queued)
				""").params(params).query(Long.class).single() == 1;
	}

	/**
	 * Takes up to {@code max} queued SMBs, oldest first, out of the queue in the caller's
	 * transaction (a rollback puts them back); those another transaction is taking are
	 * skipped.
	 */
	List<Queued> take(int max) {
		return jdbc.sql(TAKE.formatted("ORDER BY queued_at LIMIT :max"))
			.param("max", max)
			.query(this::queued)
			.list();
	}

	/** Takes this SMB out of the queue, if it is there and no other transaction has it. */
	List<Queued> take(TenantId tenant, SmbId smb) {
		return jdbc.sql(TAKE.formatted("WHERE tenant_id = :tenant AND smb_id = :smb"))
			.param("tenant", tenant.value())
			.param("smb", smb.value())
			.query(this::queued)
			.list();
	}

	private Queued queued(ResultSet rs, int row) throws SQLException {
		SignalType trigger = SignalType.fromApiName(rs.getString("trigger_type")).orElseThrow();
		Activity moved = new Activity(instant(rs, "last_email_open"), instant(rs, "last_email_click"),
				instant(rs, "last_content_view"), instant(rs, "last_approval"), rs.getInt("approvals"),
				rs.getInt("meetings"));
		return new Queued(new TenantId(rs.getObject("tenant_id", UUID.class)),
				new Task(new SmbId(rs.getObject("smb_id", UUID.class)), trigger,
						ledger.attributes(rs.getString("trigger_attributes_json")), null, moved));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
		return at == null ? null : at.toInstant();
	}

	/** A queued SMB of a tenant and what its rescoring is to do. */
	record Queued(TenantId tenant, Task task) {
	}

}

package com.fibonacco.campaign.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The programs in {@code campaign_programs}, the rows of the day scheduler, and the
 * mirror of their public fields on {@code smbs}.
 */
@Repository
class Programs {

	private final JdbcClient jdbc;

	Programs(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The program row, created pending when missing, locked for the caller's transaction.
	 */
	Program lock(TenantId tenant, SmbId smb) {
		jdbc.sql("INSERT INTO campaign_programs (tenant_id, smb_id) VALUES (:tenant, :smb) ON CONFLICT DO NOTHING")
			.param("tenant", tenant.value())
			.param("smb", smb.value())
			.update();
		return jdbc.sql("SELECT * FROM campaign_programs WHERE tenant_id = :tenant AND smb_id = :smb FOR UPDATE")
			.param("tenant", tenant.value())
			.param("smb", smb.value())
			.query(Programs::program)
			.single();
	}

	Optional<Program> find(TenantId tenant, SmbId smb) {
		return jdbc.sql("SELECT * FROM campaign_programs WHERE tenant_id = :tenant AND smb_id = :smb")
			.param("tenant", tenant.value())
			.param("smb", smb.value())
			.query(Programs::program)
			.optional();
	}

	/**
	 * Due programs of every tenant, locked, each with its recipient ({@code null} when the
	 * SMB or its community is missing) read in the same query; rows another process holds
	 * are skipped, so two processes never advance the same program.
	 */
	List<Claimed> claimDue(Instant now, int limit) {
		return jdbc.sql("""
				SELECT p.*, r.* FROM campaign_programs p
				  LEFT JOIN LATERAL (""" + RECIPIENTS + """
				                     WHERE s.tenant_id = p.tenant_id AND s.id = p.smb_id) r ON true
				 WHERE p.status IN ('scheduled', 'running') AND p.next_action_at <= :now
				 ORDER BY p.next_action_at LIMIT :limit FOR UPDATE OF p SKIP LOCKED
				""")
			.param("now", utc(now))
			.param("limit", limit)
			.query((rs, row) -> new Claimed(program(rs, row),
					rs.getObject("id", UUID.class) == null ? null : recipient(rs, row)))
			.list();
	}

	/** A claimed program and who it writes to. */
	record Claimed(Program program, @Nullable Recipient recipient) {
	}

	void save(Program p, Instant now) {
		jdbc.sql(
				"""
						UPDATE campaign_programs SET status = :status, day = :day, start_date = :startDate, day_date = :dayDate,
						  next_action_at = :nextActionAt, paused_at = :pausedAt, paused_on = :pausedOn, pause_reason = :pauseReason,
						  paused_days = :pausedDays, started_at = :startedAt, completed_at = :completedAt,
						  cancelled_at = :cancelledAt, version = version + 1, updated_at = :now
						 WHERE tenant_id = :tenant AND smb_id = :smb
						""")
			.param("status", p.status())
			.param("day", p.day())
			.param("startDate", p.startDate())
			.param("dayDate", p.dayDate())
			.param("nextActionAt", utc(p.nextActionAt()))
			.param("pausedAt", utc(p.pausedAt()))
			.param("pausedOn", p.pausedOn())
			.param("pauseReason", p.pauseReason())
			.param("pausedDays", p.pausedDays())
			.param("startedAt", utc(p.startedAt()))
			.param("completedAt", utc(p.completedAt()))
			.param("cancelledAt", utc(p.cancelledAt()))
			.param("now", utc(now))
			.param("tenant", p.tenant().value())
			.param("smb", p.smb().value())
			.update();
		// the seed's program fields on the SMB, for its responses, lists and filters
		jdbc.sql(
				"""
						UPDATE smbs s SET campaign_status = p.status, manifest_destiny_day = LEAST(p.day, 90),
						  manifest_destiny_start_date = p.start_date,
						  current_campaign_id = (SELECT x.campaign_id FROM campaign_sends x
						                          WHERE x.tenant_id = p.tenant_id AND x.smb_id = p.smb_id
						                          ORDER BY x.program_day DESC NULLS LAST LIMIT 1),
						  next_scheduled_send = (SELECT min(x.scheduled_for) FROM campaign_sends x
						                          WHERE x.tenant_id = p.tenant_id AND x.smb_id = p.smb_id AND x.status = 'queued'),
						  version = s.version + 1, updated_at = :now
						  FROM campaign_programs p
						 WHERE p.tenant_id = s.tenant_id AND p.smb_id = s.id AND s.tenant_id = :tenant AND s.id = :smb
						""")
			.param("now", utc(now))
			.param("tenant", p.tenant().value())
			.param("smb", p.smb().value())
			.update();
	}

	/**
	 * {@link #save} for many programs: one statement for the programs, one for their
	 * mirror on {@code smbs}.
	 */
	void saveAll(List<Program> list, Instant now) {
		if (list.isEmpty()) {
			return;
		}
		int n = list.size();
		String[][] columns = new String[14][n];
		for (int i = 0; i < n; i++) {
			Program p = list.get(i);
			columns[0][i] = p.tenant().value().toString();
			columns[1][i] = p.smb().value().toString();
			columns[2][i] = p.status();
			columns[3][i] = Integer.toString(p.day());
			columns[4][i] = text(p.startDate());
			columns[5][i] = text(p.dayDate());
			columns[6][i] = text(p.nextActionAt());
			columns[7][i] = text(p.pausedAt());
			columns[8][i] = text(p.pausedOn());
			columns[9][i] = p.pauseReason();
			columns[10][i] = Integer.toString(p.pausedDays());
			columns[11][i] = text(p.startedAt());
			columns[12][i] = text(p.completedAt());
			columns[13][i] = text(p.cancelledAt());
		}
		jdbc.sql("""
				UPDATE campaign_programs p SET status = u.status, day = u.day, start_date = u.start_date,
				  day_date = u.day_date, next_action_at = u.next_action_at, paused_at = u.paused_at,
				  paused_on = u.paused_on, pause_reason = u.pause_reason, paused_days = u.paused_days,
				  started_at = u.started_at, completed_at = u.completed_at, cancelled_at = u.cancelled_at,
				  version = p.version + 1, updated_at = :now
				  FROM unnest(CAST(:c0 AS uuid[]), CAST(:c1 AS uuid[]), CAST(:c2 AS text[]), CAST(:c3 AS int[]),
				              CAST(:c4 AS date[]), CAST(:c5 AS date[]), CAST(:c6 AS timestamptz[]),
				              CAST(:c7 AS timestamptz[]), CAST(:c8 AS date[]), CAST(:c9 AS text[]), CAST(:c10 AS int[]),
				              CAST(:c11 AS timestamptz[]), CAST(:c12 AS timestamptz[]), CAST(:c13 AS timestamptz[]))
				    AS u(tenant_id, smb_id, status, day, start_date, day_date, next_action_at, paused_at, paused_on,
				         pause_reason, paused_days, started_at, completed_at, cancelled_at)
				 WHERE p.tenant_id = u.tenant_id AND p.smb_id = u.smb_id
				""")
			.param("now", utc(now))
			.params(columnParams(columns))
			.update();
		// the mirror of what was just saved: the program's fields from the same arrays, the
		// send of the latest program day and the next queued one in one pass over the SMB's
		// sends (the sender moves sends on without touching the mirror, so they are read,
		// not taken from this batch); a row whose mirror is unchanged is not rewritten.
		// Neither version nor updated_at moves: they track edits of the record (a day passing
		// must not make a user's If-Match stale), and with no indexed column changed a
		// running SMB's daily rewrite can be a HOT update that skips all of smbs' indexes.
		jdbc.sql("""
				UPDATE smbs s SET campaign_status = m.status, manifest_destiny_day = m.day,
				  manifest_destiny_start_date = m.start_date, current_campaign_id = m.current_campaign_id,
				  next_scheduled_send = m.next_scheduled_send
				  FROM (SELECT u.tenant_id, u.smb_id, u.status, LEAST(u.day, 90) AS day, u.start_date, x.current_campaign_id,
				               x.next_scheduled_send
				          FROM unnest(CAST(:c0 AS uuid[]), CAST(:c1 AS uuid[]), CAST(:c2 AS text[]), CAST(:c3 AS int[]),
				                      CAST(:c4 AS date[])) AS u(tenant_id, smb_id, status, day, start_date)
				         CROSS JOIN LATERAL (
				               SELECT (array_agg(x.campaign_id ORDER BY x.program_day DESC NULLS LAST))[1] AS current_campaign_id,
				                      min(x.scheduled_for) FILTER (WHERE x.status = 'queued') AS next_scheduled_send
				                 FROM campaign_sends x
				                WHERE x.tenant_id = u.tenant_id AND x.smb_id = u.smb_id) x) m
				 WHERE s.tenant_id = m.tenant_id AND s.id = m.smb_id
				   AND (s.campaign_status, s.manifest_destiny_day, s.manifest_destiny_start_date, s.current_campaign_id,
				        s.next_scheduled_send)
				       IS DISTINCT FROM (m.status, m.day, m.start_date, m.current_campaign_id, m.next_scheduled_send)
				""")
			.params(columnParams(Arrays.copyOf(columns, 5)))
			.update();
	}

	private static Map<String, Object> columnParams(String[][] columns) {
		Map<String, Object> params = new HashMap<>();
		for (int i = 0; i < columns.length; i++) {
			params.put("c" + i, columns[i]);
		}
		return params;
	}

	private static @Nullable String text(@Nullable Object value) {
		return value == null ? null : value.toString();
	}

	/** Who a program writes to, and where and when they are. */
	Optional<Recipient> recipient(TenantId tenant, SmbId smb) {
		return jdbc.sql(RECIPIENTS + " WHERE s.tenant_id = :tenant AND s.id = :smb")
			.param("tenant", tenant.value())
			.param("smb", smb.value())
			.query(Programs::recipient)
			.optional();
	}

	/** {@link #recipient} for many SMBs of a tenant in one query; missing ones are left out. */
	Map<SmbId, Recipient> recipients(TenantId tenant, Collection<SmbId> smbs) {
		if (smbs.isEmpty()) {
			return Map.of();
		}
		Map<SmbId, Recipient> found = new HashMap<>();
		jdbc.sql(RECIPIENTS + " WHERE s.tenant_id = :tenant AND s.id = ANY (CAST(:smbs AS uuid[]))")
			.param("tenant", tenant.value())
			.param("smbs", smbs.stream().map(smb -> smb.value().toString()).toArray(String[]::new))
			.query(Programs::recipient)
			.list()
			.forEach(r -> found.put(r.smb(), r));
		return found;
	}

	private static final String RECIPIENTS = """
			SELECT s.id, s.business_name, s.primary_contact_name, s.primary_email, s.primary_phone, s.engagement_tier,
			       s.deleted_at IS NOT NULL AS deleted, c.name AS community_name, c.timezone,
			       c.settings ->> 'send_time_local' AS send_time
			  FROM smbs s JOIN communities c ON c.tenant_id = s.tenant_id AND c.id = s.community_id
			""";

	private static Recipient recipient(ResultSet rs, int row) throws SQLException {
		LocalTime sendTime = null;
		try {
			String text = rs.getString("send_time");
			sendTime = text == null ? null : LocalTime.parse(text);
		}
		catch (java.time.format.DateTimeParseException ex) {
			// a malformed community setting falls back to the configured time
		}
		ZoneId zone;
		try {
			zone = ZoneId.of(rs.getString("timezone"));
		}
		catch (java.time.DateTimeException ex) {
			zone = ZoneId.of("America/New_York");
		}
		return new Recipient(new SmbId(rs.getObject("id", UUID.class)), rs.getString("business_name"),
				rs.getString("primary_contact_name"), rs.getString("primary_email"), rs.getInt("engagement_tier"),
				rs.getBoolean("deleted"), rs.getString("community_name"), zone, sendTime,
				rs.getString("primary_phone"));
	}

	/** Cancels the program's sends and voicemails that have not gone out. */
	int cancelQueuedSends(TenantId tenant, SmbId smb, Instant now) {
		jdbc.sql("""
				UPDATE rvm_drops SET status = 'cancelled', updated_at = :now
				 WHERE tenant_id = :tenant AND smb_id = :smb AND status = 'queued'
				""").param("now", utc(now)).param("tenant", tenant.value()).param("smb", smb.value()).update();
		return jdbc.sql("""
				UPDATE campaign_sends SET status = 'cancelled', updated_at = :now
				 WHERE tenant_id = :tenant AND smb_id = :smb AND status = 'queued'
				""").param("now", utc(now)).param("tenant", tenant.value()).param("smb", smb.value()).update();
	}

	private static Program program(ResultSet rs, int row) throws SQLException {
		return new Program(new TenantId(rs.getObject("tenant_id", UUID.class)),
				new SmbId(rs.getObject("smb_id", UUID.class)), rs.getString("status"), rs.getInt("day"),
				date(rs, "start_date"), date(rs, "day_date"), instant(rs, "next_action_at"), instant(rs, "paused_at"),
				date(rs, "paused_on"), rs.getString("pause_reason"), rs.getInt("paused_days"),
				instant(rs, "started_at"), instant(rs, "completed_at"), instant(rs, "cancelled_at"));
	}

	static @Nullable LocalDate date(ResultSet rs, String column) throws SQLException {
		Date date = rs.getDate(column);
		return date == null ? null : date.toLocalDate();
	}

	static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return time == null ? null : time.toInstant();
	}

	static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

	/** An SMB as its program sees it: its names, address, tier and community's time. */
	record Recipient(SmbId smb, String businessName, @Nullable String contactName, @Nullable String email, int tier,
			boolean deleted, String communityName, ZoneId zone, @Nullable LocalTime sendTime, @Nullable String phone) {

		String contactFirstName() {
			if (contactName == null || contactName.isBlank()) {
				return "there";
			}
			return contactName.strip().split("\\s+")[0];
		}

	}

}

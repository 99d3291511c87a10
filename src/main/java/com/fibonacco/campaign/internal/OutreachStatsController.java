package com.fibonacco.campaign.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.security.CurrentUser;
import com.fibonacco.shared.web.ApiException;
import com.fibonacco.shared.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's campaign email day by day — sent, opened, clicked, bounced, unsubscribed —
 * for the console's dashboard charts. One aggregate over {@code email_events} (its
 * {@code (tenant_id, event_at)} index), zero-filled so every day of the range is there.
 * Each figure counts emails, not events: an email opened five times on a day is one open
 * that day. Opens and clicks by machines (privacy proxies, link scanners) are left out,
 * as everywhere else.
 */
@RestController
@RequestMapping("/api/v1/campaigns/stats")
@Tag(name = "Campaigns")
class OutreachStatsController {

	static final int MAX_DAYS = 366;

	private static final ZoneId UTC = ZoneId.of("UTC");

	private final JdbcClient jdbc;

	private final Clock clock;

	OutreachStatsController(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	record Day(LocalDate day, long sends, long opens, long clicks, long bounces, long unsubscribes) {
	}

	record Totals(long sends, long opens, long clicks, long bounces, long unsubscribes) {
	}

	record DailyStats(LocalDate from, LocalDate to, String timeZone, List<Day> days, Totals totals) {
	}

	@GetMapping("/daily")
	@PreAuthorize("hasAuthority('crm.contacts.view')")
	@Operation(summary = "Campaign email per day",
			description = "The last `days` days (default 30, at most 366) up to today, each with the emails sent, "
					+ "opened, clicked, bounced and unsubscribed from that day; days without any are zeros. "
					+ "Days are dates in `time_zone` (an IANA zone; default UTC). Machine opens and clicks "
					+ "are not counted; an email counts once per day and kind however often it was opened.")
	ApiResponse<DailyStats> daily(@RequestParam(required = false) @Nullable String days,
			@RequestParam(name = "time_zone", required = false) @Nullable String timeZone) {
		int count = days(days);
		ZoneId zone = zone(timeZone);
		if (!zone.getId().equals("UTC")
				&& !jdbc.sql("SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = :zone)")
					.param("zone", zone.getId())
					.query(Boolean.class)
					.single()) {
			throw ApiException.invalid("time_zone", "'" + zone.getId() + "' is not a time zone the database knows");
		}
		TenantId tenant = CurrentUser.get().tenantId();
		LocalDate to = LocalDate.now(clock.withZone(zone));
		LocalDate from = to.minusDays(count - 1L);
		List<Day> rows = jdbc
			.sql("""
					WITH counts AS (
					  SELECT (e.event_at AT TIME ZONE :zone)::date AS day,
					    count(DISTINCT e.campaign_send_id) FILTER (WHERE e.event_type = 'sent') AS sends,
					    count(DISTINCT e.campaign_send_id) FILTER (WHERE e.event_type = 'open' AND NOT e.machine_generated) AS opens,
					    count(DISTINCT e.campaign_send_id) FILTER (WHERE e.event_type = 'click' AND NOT e.machine_generated) AS clicks,
					    count(DISTINCT e.campaign_send_id) FILTER (WHERE e.event_type = 'bounce') AS bounces,
					    count(DISTINCT e.campaign_send_id) FILTER (WHERE e.event_type = 'unsubscribe') AS unsubscribes
					  FROM email_events e
					  WHERE e.tenant_id = :tenant AND e.event_at >= :start AND e.event_at < :end
					    AND e.event_type IN ('sent', 'open', 'click', 'bounce', 'unsubscribe')
					  GROUP BY 1
					), days AS (
					  SELECT CAST(g AS date) AS day FROM generate_series(CAST(:from AS date), CAST(:to AS date), interval '1 day') g
					)
					SELECT d.day, coalesce(c.sends, 0) AS sends, coalesce(c.opens, 0) AS opens,
					  coalesce(c.clicks, 0) AS clicks, coalesce(c.bounces, 0) AS bounces,
					  coalesce(c.unsubscribes, 0) AS unsubscribes
					FROM days d LEFT JOIN counts c ON c.day = d.day
					ORDER BY d.day
					""")
			.param("zone", zone.getId())
			.param("tenant", tenant.value())
			.param("start", from.atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC))
			.param("end", to.plusDays(1).atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC))
			.param("from", from)
			.param("to", to)
			.query((rs, n) -> new Day(rs.getObject("day", LocalDate.class), rs.getLong("sends"), rs.getLong("opens"),
					rs.getLong("clicks"), rs.getLong("bounces"), rs.getLong("unsubscribes")))
			.list();
		Totals totals = new Totals(rows.stream().mapToLong(Day::sends).sum(), rows.stream().mapToLong(Day::opens).sum(),
				rows.stream().mapToLong(Day::clicks).sum(), rows.stream().mapToLong(Day::bounces).sum(),
				rows.stream().mapToLong(Day::unsubscribes).sum());
		return new ApiResponse<>(new DailyStats(from, to, zone.getId(), rows, totals), Map.of());
	}

	private static int days(@Nullable String raw) {
		if (raw == null || raw.isBlank()) {
			return 30;
		}
		try {
			int days = Integer.parseInt(raw.strip());
			if (days >= 1 && days <= MAX_DAYS) {
				return days;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw ApiException.invalid("days", "must be a whole number from 1 to " + MAX_DAYS);
	}

	/**
	 * A region zone: PostgreSQL reads an offset like {@code +05:00} the POSIX way (east
	 * negative), so offsets are refused rather than misread.
	 */
	private static ZoneId zone(@Nullable String raw) {
		if (raw == null || raw.isBlank() || raw.strip().equals("UTC")) {
			return UTC;
		}
		try {
			ZoneId zone = ZoneId.of(raw.strip());
			if (!(zone instanceof ZoneOffset) && zone.getId().contains("/")) {
				return zone;
			}
		}
		catch (DateTimeException ex) {
			// answered below
		}
		throw ApiException.invalid("time_zone", "must be UTC or an IANA time zone such as America/New_York");
	}

}

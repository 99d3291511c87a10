package com.fibonacco.campaign.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.web.ApiException;
import com.fibonacco.smb.SmbId;

/**
 * One SMB's program and its state machine. Every move is a guarded method that refuses an
 * illegal one (409 {@code illegal_program_transition}). Dates are the community's local
 * dates; a local day begins at 00:01.
 *
 * @param dayDate the local date the current program day began; moved on by the days the
 * program was paused, so that paused days don't count
 */
record Program(TenantId tenant, SmbId smb, String status, int day, @Nullable LocalDate startDate,
		@Nullable LocalDate dayDate, @Nullable Instant nextActionAt, @Nullable Instant pausedAt,
		@Nullable LocalDate pausedOn, @Nullable String pauseReason, int pausedDays, @Nullable Instant startedAt,
		@Nullable Instant completedAt, @Nullable Instant cancelledAt) {

	static final String PENDING = "pending", SCHEDULED = "scheduled", RUNNING = "running", PAUSED = "paused",
			COMPLETED = "completed", CANCELLED = "cancelled";

	static Program pending(TenantId tenant, SmbId smb) {
		return new Program(tenant, smb, PENDING, 0, null, null, null, null, null, null, 0, null, null, null);
	}

	/** The local date of an instant, with the day beginning at 00:01. */
	static LocalDate localDay(Instant now, ZoneId zone) {
		return now.atZone(zone).minusMinutes(1).toLocalDate();
	}

	/** 00:01 of a local date: when its program day begins. */
	static Instant dayBegins(LocalDate date, ZoneId zone) {
		return date.atTime(0, 1).atZone(zone).toInstant();
	}

	/** Day 1 today, or scheduled for a later local date. */
	Program start(@Nullable LocalDate requested, ZoneId zone, Instant now) {
		refuseUnless("start", PENDING);
		LocalDate today = localDay(now, zone);
		if (requested != null && requested.isBefore(today)) {
			throw ApiException.invalid("start_date", "must be today (" + today + ") or later");
		}
		if (requested != null && requested.isAfter(today)) {
			return new Program(tenant, smb, SCHEDULED, 0, requested, null, dayBegins(requested, zone), null, null, null,
					0, now, null, null);
		}
		return new Program(tenant, smb, RUNNING, 1, today, today, dayBegins(today.plusDays(1), zone), null, null, null,
				0, now, null, null);
	}

	Program pause(String reason, ZoneId zone, Instant now) {
		refuseUnless("pause", RUNNING);
		return new Program(tenant, smb, PAUSED, day, startDate, dayDate, null, now, localDay(now, zone), reason,
				pausedDays, startedAt, null, null);
	}

	Program resume(ZoneId zone, Instant now) {
		refuseUnless("resume", PAUSED);
		LocalDate today = localDay(now, zone);
		int paused = (int) Math.max(0, ChronoUnit.DAYS.between(pausedOn, today));
		LocalDate shifted = dayDate.plusDays(paused);
		return new Program(tenant, smb, RUNNING, day, startDate, shifted, dayBegins(shifted.plusDays(1), zone), null,
				null, null, pausedDays + paused, startedAt, null, null);
	}

	Program cancel(Instant now) {
		refuseUnless("cancel", PENDING, SCHEDULED, RUNNING, PAUSED);
		return new Program(tenant, smb, CANCELLED, day, startDate, dayDate, null, null, null, pauseReason, pausedDays,
				startedAt, null, now);
	}

	/**
	 * Brings a scheduled or running program up to the local date of {@code now}: a
	 * scheduled program whose date came starts on day 1, then every local day that began
	 * since the current one is one program day more, until the last day is over and the
	 * program completes. Runs any number of times a day; only the first after 00:01
	 * moves.
	 */
	Advance advance(ZoneId zone, int totalDays, Instant now) {
		LocalDate today = localDay(now, zone);
		List<DayReached> reached = new ArrayList<>();
		Program p = this;
		if (SCHEDULED.equals(status)) {
			if (today.isBefore(startDate)) {
				return new Advance(withNextAction(dayBegins(startDate, zone)), reached);
			}
			p = new Program(tenant, smb, RUNNING, 1, startDate, startDate, null, null, null, null, 0, startedAt, null,
					null);
			reached.add(new DayReached(1, startDate));
		}
		if (!RUNNING.equals(p.status)) {
			return new Advance(p, reached);
		}
		int day = p.day;
		LocalDate date = p.dayDate;
		while (date.isBefore(today)) {
			if (day >= totalDays) {
				return new Advance(new Program(tenant, smb, COMPLETED, day, startDate, date, null, null, null, null,
						pausedDays, startedAt, now, null), reached);
			}
			day++;
			date = date.plusDays(1);
			reached.add(new DayReached(day, date));
		}
		return new Advance(new Program(tenant, smb, RUNNING, day, startDate, date, dayBegins(date.plusDays(1), zone),
				null, null, null, pausedDays, startedAt, null, null), reached);
	}

	private Program withNextAction(Instant next) {
		return new Program(tenant, smb, status, day, startDate, dayDate, next, pausedAt, pausedOn, pauseReason,
				pausedDays, startedAt, completedAt, cancelledAt);
	}

	private void refuseUnless(String move, String... allowed) {
		for (String ok : allowed) {
			if (ok.equals(status)) {
				return;
			}
		}
		throw ApiException.conflict("illegal_program_transition", "Can't " + move + " a program that is " + status
				+ " (allowed from: " + String.join(", ", allowed) + ")");
	}

	/** What one advance did: the program after it and the program days it reached. */
	record Advance(Program program, List<DayReached> days) {
	}

	record DayReached(int day, LocalDate date) {
	}

}

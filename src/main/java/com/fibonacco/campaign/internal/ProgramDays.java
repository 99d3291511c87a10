package com.fibonacco.campaign.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.jobrunr.scheduling.JobScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fibonacco.campaign.internal.Programs.Recipient;
import com.fibonacco.shared.jobs.RecurringJobs;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The day scheduler of the programs ({@code AdvanceManifestDestinyDay}): a recurring job
 * every hour at :01 (UTC), so that 00:01 in each community's time zone is covered, takes
 * the programs whose next local day has begun, in batches locked with
 * {@code FOR UPDATE SKIP LOCKED}, and advances each to its local date. A program already
 * advanced today is not due, so a second run changes nothing; a program left behind by
 * downtime moves through every day it missed, and each campaign is queued at most once.
 * Public for JobRunr, which calls it.
 */
@Component
public class ProgramDays {

	static final int BATCH = 500;

	private static final Logger log = LoggerFactory.getLogger(ProgramDays.class);

	private final Programs programs;

	private final ProgramService service;

	private final TransactionTemplate transactions;

	private final Clock clock;

	ProgramDays(Programs programs, ProgramService service, TransactionTemplate transactions, Clock clock) {
		this.programs = programs;
		this.service = service;
		this.transactions = transactions;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void schedule(ApplicationReadyEvent ready) {
		JobScheduler scheduler = ready.getApplicationContext().getBean(JobScheduler.class);
		scheduler.scheduleRecurrently(RecurringJobs.ADVANCE_MANIFEST_DESTINY_DAY.id(),
				RecurringJobs.ADVANCE_MANIFEST_DESTINY_DAY.cron(), ZoneOffset.UTC, this::advanceDueDays);
	}

	/** Advances every due program to today's local date. */
	public int advanceDueDays() {
		return advanceDueDaysAt(clock.instant());
	}

	/** Advances every program due at {@code now}; tests move {@code now} day by day. */
	public int advanceDueDaysAt(Instant now) {
		int total = 0;
		while (true) {
			Integer advanced = transactions.execute(status -> {
				List<Program> due = programs.claimDue(now, BATCH);
				for (Program program : due) {
					Recipient recipient = programs.recipient(program.tenant(), program.smb()).orElseThrow();
					Program next = recipient.deleted() ? program.cancel(now) : service.advance(program, recipient, now);
					programs.save(next, now);
				}
				return due.size();
			});
			total += advanced == null ? 0 : advanced;
			if (advanced == null || advanced < BATCH) {
				break;
			}
		}
		if (total > 0) {
			log.info("Advanced {} campaign programs", total);
		}
		return total;
	}

}

package com.fibonacco.campaign.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jobrunr.scheduling.JobScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fibonacco.campaign.ManifestDestinyProperties;
import com.fibonacco.campaign.internal.Programs.Recipient;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;
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

	private final ManifestDestinyProperties manifestDestiny;

	private final Clock clock;

	ProgramDays(Programs programs, ProgramService service, TransactionTemplate transactions,
			ManifestDestinyProperties manifestDestiny, Clock clock) {
		this.programs = programs;
		this.service = service;
		this.transactions = transactions;
		this.manifestDestiny = manifestDestiny;
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

	/**
	 * Advances every program due at {@code now}; tests move {@code now} day by day.
	 * {@code advance-workers} batches at a time, each in its own transaction.
	 */
	public int advanceDueDaysAt(Instant now) {
		int workers = manifestDestiny.advanceWorkers();
		int total = 0;
		if (workers <= 1) {
			total = advanceBatches(now);
		}
		else {
			try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
				List<Future<Integer>> futures = new ArrayList<>();
				for (int w = 0; w < workers; w++) {
					futures.add(executor.submit(() -> advanceBatches(now)));
				}
				RuntimeException failure = null;
				for (Future<Integer> future : futures) {
					try {
						total += future.get();
					}
					catch (ExecutionException ex) {
						failure = ex.getCause() instanceof RuntimeException runtime ? runtime
								: new IllegalStateException(ex.getCause());
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						throw new IllegalStateException("interrupted while advancing programs", ex);
					}
				}
				if (failure != null) {
					throw failure;
				}
			}
		}
		if (total > 0) {
			log.info("Advanced {} campaign programs", total);
		}
		return total;
	}

	/** Claims and advances batches until none is left; how many programs it advanced. */
	private int advanceBatches(Instant now) {
		int total = 0;
		while (true) {
			Integer advanced = transactions.execute(status -> advanceBatch(now));
			total += advanced == null ? 0 : advanced;
			if (advanced == null || advanced == 0) {
				return total;
			}
		}
	}

	/**
	 * One batch in one transaction: the programs, their recipients and what queueing
	 * needs read for the whole batch, then every program advanced and saved together.
	 */
	private int advanceBatch(Instant now) {
		List<Programs.Claimed> claimed = programs.claimDue(now, BATCH);
		List<Program> due = new ArrayList<>(claimed.size());
		Map<TenantId, List<SmbId>> smbsByTenant = new LinkedHashMap<>();
		Map<TenantId, Map<SmbId, Recipient>> recipients = new HashMap<>();
		for (Programs.Claimed claim : claimed) {
			Program program = claim.program();
			due.add(program);
			smbsByTenant.computeIfAbsent(program.tenant(), t -> new ArrayList<>()).add(program.smb());
			if (claim.recipient() != null) {
				recipients.computeIfAbsent(program.tenant(), t -> new HashMap<>()).put(program.smb(), claim.recipient());
			}
		}
		Map<TenantId, SendQueue.Lookups> lookups = new HashMap<>();
		smbsByTenant.forEach((tenant, smbs) -> lookups.put(tenant, service.lookups(tenant, smbs)));
		List<ProgramService.Due> advancing = new ArrayList<>(due.size());
		for (Program program : due) {
			Recipient recipient = recipients.getOrDefault(program.tenant(), Map.of()).get(program.smb());
			if (recipient == null) {
				throw new IllegalStateException("program of a missing SMB " + program.smb());
			}
			if (!recipient.deleted()) {
				advancing.add(new ProgramService.Due(program, recipient, lookups.get(program.tenant())));
			}
		}
		// the sends of the batch written together; a deleted SMB's program is cancelled
		Iterator<Program> moved = service.advanceAll(advancing, now).iterator();
		List<Program> advanced = new ArrayList<>(due.size());
		for (Program program : due) {
			advanced.add(recipients.get(program.tenant()).get(program.smb()).deleted() ? program.cancel(now)
					: moved.next());
		}
		programs.saveAll(advanced, now);
		return due.size();
	}

}

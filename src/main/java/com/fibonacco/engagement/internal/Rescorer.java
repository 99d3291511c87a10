package com.fibonacco.engagement.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fibonacco.engagement.internal.EngagementScoring.Task;
import com.fibonacco.engagement.internal.RescoreQueue.Queued;
import com.fibonacco.shared.TenantId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The second step of the real-time path: takes the queued SMBs in rounds of up to
 * {@code fibonacco.engagement.rescore-batch} and rescores each round in one transaction.
 * A listener that queued an SMB wakes it after its commit; it also looks every second
 * (SMBs another process queued, or left queued by a crash). Under load the rounds grow,
 * so many signals share each statement; alone, a signal is scored in milliseconds.
 */
@Component
class Rescorer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Rescorer.class);

	private static final long LOOK_EVERY_MILLIS = 1000;

	private final RescoreQueue queue;

	private final EngagementScoring scoring;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final int batch;

	private final Semaphore nudges = new Semaphore(0);

	private volatile boolean running;

	private @Nullable Thread thread;

	Rescorer(RescoreQueue queue, EngagementScoring scoring, TransactionTemplate transactions, Clock clock,
			@Value("${fibonacco.engagement.rescore-batch:500}") int batch) {
		if (batch < 1 || batch > 5000) {
			throw new IllegalArgumentException("fibonacco.engagement.rescore-batch must be 1 to 5000, not " + batch);
		}
		this.queue = queue;
		this.scoring = scoring;
		this.transactions = transactions;
		this.clock = clock;
		this.batch = batch;
	}

	/** Wakes the rescorer once the current transaction commits (at once without one). */
	void nudgeAfterCommit() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					nudges.release();
				}
			});
		}
		else {
			nudges.release();
		}
	}

	/**
	 * One round: takes up to {@code max} queued SMBs and rescores them in one
	 * transaction. When that fails, each SMB of it on its own, so one bad SMB holds up no
	 * other; one that fails alone is dropped from the queue with an error in the log (its
	 * signals stay in the ledger, and the nightly recompute scores them).
	 * @return how many SMBs it took
	 */
	int round(int max) {
		List<Queued> taken = new ArrayList<>();
		try {
			transactions.executeWithoutResult(tx -> {
				taken.addAll(queue.take(max));
				rescore(taken);
			});
			return taken.size();
		}
		catch (RuntimeException ex) {
			if (taken.size() <= 1) {
				taken.forEach(queued -> drop(queued, ex));
				return taken.size();
			}
			log.warn("Rescoring a round of {} SMBs failed; rescoring them one by one", taken.size(), ex);
			for (Queued queued : taken) {
				try {
					transactions.executeWithoutResult(
							tx -> rescore(queue.take(queued.tenant(), queued.task().smb())));
				}
				catch (RuntimeException alone) {
					drop(queued, alone);
				}
			}
			return taken.size();
		}
	}

	private void rescore(List<Queued> taken) {
		Instant now = clock.instant();
		Map<TenantId, List<Task>> byTenant = new LinkedHashMap<>();
		for (Queued queued : taken) {
			byTenant.computeIfAbsent(queued.tenant(), tenant -> new ArrayList<>()).add(queued.task());
		}
		byTenant.forEach((tenant, tasks) -> scoring.rescoreQueued(tenant, tasks, now));
	}

	private void drop(Queued queued, RuntimeException cause) {
		log.error("Could not rescore SMB {} of tenant {}; dropped from the rescore queue", queued.task().smb().value(),
				queued.tenant().value(), cause);
		try {
			transactions.executeWithoutResult(tx -> queue.take(queued.tenant(), queued.task().smb()));
		}
		catch (RuntimeException ex) {
			log.error("Could not drop SMB {} from the rescore queue", queued.task().smb().value(), ex);
		}
	}

	private void work() {
		while (running) {
			try {
				nudges.drainPermits();
				if (round(batch) < batch) {
					nudges.tryAcquire(LOOK_EVERY_MILLIS, TimeUnit.MILLISECONDS);
				}
			}
			catch (InterruptedException ex) {
				if (!running) {
					return;
				}
			}
			catch (RuntimeException ex) {
				// the database away, say: look again later
				log.warn("Rescore round failed", ex);
				sleep();
			}
		}
	}

	private void sleep() {
		try {
			Thread.sleep(LOOK_EVERY_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void start() {
		running = true;
		thread = Thread.ofPlatform().name("engagement-rescorer").daemon().start(this::work);
	}

	@Override
	public void stop() {
		running = false;
		Thread working = thread;
		if (working != null) {
			working.interrupt();
			try {
				working.join(TimeUnit.SECONDS.toMillis(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		thread = null;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}

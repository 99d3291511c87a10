package com.fibonacco.platform.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

import org.jobrunr.scheduling.JobScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fibonacco.shared.jobs.RecurringJobs;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the event publication registry small: every event delivered to every listener
 * leaves a row, completed rows are kept a week (to see what a listener did) and then
 * deleted; incomplete ones stay until they are delivered. Without it the registry grows
 * by a row per tracked open and click for ever. Public for JobRunr, which calls it.
 */
@Component
public class EventPublicationPurge {

	static final Duration RETENTION = Duration.ofDays(7);

	private static final Logger log = LoggerFactory.getLogger(EventPublicationPurge.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	EventPublicationPurge(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void schedule(ApplicationReadyEvent ready) {
		JobScheduler scheduler = ready.getApplicationContext().getBean(JobScheduler.class);
		scheduler.scheduleRecurrently(RecurringJobs.PURGE_COMPLETED_EVENT_PUBLICATIONS.id(),
				RecurringJobs.PURGE_COMPLETED_EVENT_PUBLICATIONS.cron(), ZoneOffset.UTC, this::purgeCompleted);
	}

	/** Deletes the publications completed over a week ago; running it twice deletes nothing more. */
	public int purgeCompleted() {
		var cutoff = clock.instant().minus(RETENTION).atOffset(ZoneOffset.UTC);
		int purged = jdbc.sql("DELETE FROM event_publication WHERE completion_date < :cutoff")
			.param("cutoff", cutoff)
			.update();
		log.info("Purged {} event publications completed before {}", purged, cutoff);
		return purged;
	}

}

package com.fibonacco.smb.internal;

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
import org.springframework.transaction.annotation.Transactional;

/**
 * The smb module's recurring jobs (seed 000 Task 6.2): the weekly purge of SMBs deleted
 * more than 90 days ago and the weekly data quality recompute. Both are set-based and
 * running either twice changes nothing the second time. Public for JobRunr, which calls
 * them.
 */
@Component
public class SmbMaintenance {

	static final Duration RETENTION = Duration.ofDays(90);

	private static final Logger log = LoggerFactory.getLogger(SmbMaintenance.class);

	/**
	 * What refers to an SMB without cascading, deleted before it (children of these
	 * cascade).
	 */
	private static final String[] DEPENDENTS = { "analytics_events", "chat_messages", "email_conversations",
			"content_views", "approvals", "ai_tasks", "callbacks", "rvm_drops", "campaign_sends", "campaign_programs" };

	private final JdbcClient jdbc;

	private final Clock clock;

	SmbMaintenance(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void schedule(ApplicationReadyEvent ready) {
		JobScheduler scheduler = ready.getApplicationContext().getBean(JobScheduler.class);
		scheduler.scheduleRecurrently(RecurringJobs.CLEANUP_DELETED_SMBS.id(),
				RecurringJobs.CLEANUP_DELETED_SMBS.cron(), ZoneOffset.UTC, this::purgeDeletedSmbs);
		scheduler.scheduleRecurrently(RecurringJobs.RECALCULATE_DATA_QUALITY.id(),
				RecurringJobs.RECALCULATE_DATA_QUALITY.cron(), ZoneOffset.UTC, this::recalculateDataQuality);
	}

	/** Removes SMBs deleted over 90 days ago, with everything that belongs to them. */
	@Transactional
	public int purgeDeletedSmbs() {
		var cutoff = clock.instant().minus(RETENTION).atOffset(ZoneOffset.UTC);
		String expired = "SELECT tenant_id, id FROM smbs WHERE deleted_at < :cutoff";
		for (String table : DEPENDENTS) {
			jdbc.sql("DELETE FROM " + table + " WHERE (tenant_id, smb_id) IN (" + expired + ")")
				.param("cutoff", cutoff)
				.update();
		}
		int purged = jdbc.sql("DELETE FROM smbs WHERE deleted_at < :cutoff").param("cutoff", cutoff).update();
		log.info("Purged {} SMBs deleted before {}", purged, cutoff);
		return purged;
	}

	/** Re-applies the data quality formula to every SMB whose score is off. */
	@Transactional
	public int recalculateDataQuality() {
		int changed = jdbc
			.sql("UPDATE smbs SET data_quality_score = smb_data_quality(smbs) "
					+ "WHERE data_quality_score <> smb_data_quality(smbs)")
			.update();
		log.info("Data quality recomputed: {} SMBs changed", changed);
		return changed;
	}

}

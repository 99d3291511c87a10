package com.fibonacco.shared.jobs;

/**
 * The schedule of recurring jobs (seed 000 Task 6.2), declared in one place. The module
 * that implements a job registers it under its id with its cron; a job runs in UTC unless
 * it works per community time zone itself.
 */
public enum RecurringJobs {

	/** Advance each running program one day, at 00:01 in each community's time zone. */
	ADVANCE_MANIFEST_DESTINY_DAY("advance-manifest-destiny-day", "1 * * * *"),

	/** Recalculate all engagement scores. */
	RECALCULATE_ENGAGEMENT_SCORES("recalculate-engagement-scores", "0 2 * * *"),

	/** Evaluate tier transitions after the recalculation. */
	EVALUATE_TIER_TRANSITIONS("evaluate-tier-transitions", "0 3 * * *"),

	/** Purge SMBs soft-deleted over 90 days ago (weekly, Sunday). */
	CLEANUP_DELETED_SMBS("cleanup-deleted-smbs", "0 0 * * 0"),

	/** Recompute data quality scores (weekly, Sunday 04:00). */
	RECALCULATE_DATA_QUALITY("recalculate-data-quality", "0 4 * * 0"),

	/** Delete event publications completed over a week ago (daily, 05:00). */
	PURGE_COMPLETED_EVENT_PUBLICATIONS("purge-completed-event-publications", "0 5 * * *");

	private final String id;

	private final String cron;

	RecurringJobs(String id, String cron) {
		this.id = id;
		this.cron = cron;
	}

	public String id() {
		return id;
	}

	public String cron() {
		return cron;
	}

}

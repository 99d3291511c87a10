package com.fibonacco.demo;

import com.fibonacco.shared.TenantId;

/** Loads demo data into a tenant. */
public interface DemoData {

	/**
	 * Adds three communities and 300 SMBs, each with the last 30–60 days of campaign
	 * email and engagement behind its score and tier. Loading again adds nothing: what
	 * the tenant already has (by slug) is left as it is.
	 */
	Summary load(TenantId tenant);

	/** How many communities and SMBs were added. */
	record Summary(int communities, int smbs) {
	}

}

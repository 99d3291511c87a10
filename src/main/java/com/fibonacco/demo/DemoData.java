package com.fibonacco.demo;

import com.fibonacco.shared.TenantId;

/** Loads demo data into a tenant. */
public interface DemoData {

	/** Adds three communities and 300 SMBs. */
	Summary load(TenantId tenant);

	record Summary(int communities, int smbs) {
	}

}

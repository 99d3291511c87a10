package com.fibonacco.campaign;

import com.fibonacco.shared.TenantId;

/** The tenant's catalog of Manifest Destiny campaigns. */
public interface CampaignCatalog {

	/**
	 * Adds the default 90-day catalog's campaigns the tenant doesn't have yet; running it
	 * again changes nothing.
	 * @return how many campaigns were added
	 */
	int installDefaultCatalog(TenantId tenant);

	long count(TenantId tenant);

}

package com.fibonacco.campaign;

import java.util.Optional;

import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;

/** The tenant's catalog of Manifest Destiny campaigns. */
public interface CampaignCatalog {

	/**
	 * Adds the default 90-day catalog's campaigns the tenant doesn't have yet; running it
	 * again changes nothing.
	 * @return how many campaigns were added
	 */
	int installDefaultCatalog(TenantId tenant);

	long count(TenantId tenant);

	/** The tenant's campaign with this catalog id, active or not. */
	Optional<Campaign> find(TenantId tenant, String campaignId);

	/** The active campaign of a program day (1…90), if that day has one. */
	Optional<Campaign> getCampaignForDay(TenantId tenant, int day);

	/**
	 * The next active campaign the SMB's program will send: the first one after its
	 * current program day (from day 1 for a program not started) that the SMB has not
	 * been sent yet. Empty when the program is over or the SMB is unknown.
	 */
	Optional<Campaign> getNextCampaignForSmb(TenantId tenant, SmbId smb);

}

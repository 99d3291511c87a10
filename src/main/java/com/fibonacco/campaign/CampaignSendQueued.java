package com.fibonacco.campaign;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

/** A campaign email was queued for an SMB. */
public record CampaignSendQueued(TenantId tenantId, CampaignSendId campaignSendId, com.fibonacco.smb.SmbId smbId,
		String campaignId, @Nullable Instant scheduledFor) {
}

package com.fibonacco.campaign;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

/** A ringless voicemail was queued as the follow-up of an unopened email. */
public record RvmDropQueued(TenantId tenantId, RvmDropId rvmDropId, com.fibonacco.smb.SmbId smbId,
		@Nullable CampaignSendId campaignSendId, @Nullable Instant scheduledFor) {
}

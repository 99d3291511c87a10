package com.fibonacco.campaign;

import java.time.Instant;

import com.fibonacco.shared.TenantId;

/** A campaign send reached a final state (sent, failed, suppressed…). */
public record CampaignSendCompleted(TenantId tenantId, CampaignSendId campaignSendId, com.fibonacco.smb.SmbId smbId,
		String campaignId, String status, Instant occurredAt) {
}

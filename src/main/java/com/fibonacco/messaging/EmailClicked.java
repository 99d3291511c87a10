package com.fibonacco.messaging;

import java.time.Instant;
import java.util.UUID;

import com.fibonacco.shared.TenantId;

/** A link in a campaign email was clicked. Link scanners are flagged. */
public record EmailClicked(TenantId tenantId, UUID emailEventId, UUID campaignSendId, com.fibonacco.smb.SmbId smbId,
		String campaignId, String link, boolean machineGenerated, Instant occurredAt) {
}

package com.fibonacco.messaging;

import java.time.Instant;
import java.util.UUID;

import com.fibonacco.shared.TenantId;

/**
 * A campaign email was opened. Machine opens (privacy proxies) are flagged and don't
 * count as engagement.
 */
public record EmailOpened(TenantId tenantId, UUID emailEventId, UUID campaignSendId, com.fibonacco.smb.SmbId smbId,
		String campaignId, boolean machineGenerated, Instant occurredAt) {
}

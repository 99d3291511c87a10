package com.fibonacco.messaging;

import java.time.Instant;
import java.util.UUID;

import com.fibonacco.shared.TenantId;

/** A campaign email bounced. */
public record EmailBounced(TenantId tenantId, UUID emailEventId, UUID campaignSendId, com.fibonacco.smb.SmbId smbId,
		String bounceType, Instant occurredAt) {
}

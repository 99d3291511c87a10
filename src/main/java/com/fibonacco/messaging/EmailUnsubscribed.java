package com.fibonacco.messaging;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

/**
 * An SMB unsubscribed from campaign email (a one-click unsubscribe or the preference
 * page). The address is suppressed by the messaging module; engagement records the
 * signal.
 */
public record EmailUnsubscribed(TenantId tenantId, UUID unsubscribeId, com.fibonacco.smb.SmbId smbId,
		@Nullable UUID campaignSendId, Instant occurredAt) {
}

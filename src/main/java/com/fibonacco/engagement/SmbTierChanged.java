package com.fibonacco.engagement;

import java.time.Instant;

import com.fibonacco.shared.TenantId;

/** An SMB moved between engagement tiers (1 Premium … 4 Passive). */
public record SmbTierChanged(TenantId tenantId, com.fibonacco.smb.SmbId smbId, int oldTier, int newTier,
		Direction direction, String reason, Instant occurredAt) {
}

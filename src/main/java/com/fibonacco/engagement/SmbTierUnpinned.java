package com.fibonacco.engagement;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

/**
 * An SMB's tier pin was lifted by hand ({@code liftedBy} set) or expired; its score
 * decides its tier again.
 */
public record SmbTierUnpinned(TenantId tenantId, com.fibonacco.smb.SmbId smbId, int pinnedTier, boolean expired,
		@Nullable UUID liftedBy, Instant occurredAt) {
}

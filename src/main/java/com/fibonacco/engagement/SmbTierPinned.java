package com.fibonacco.engagement;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

/**
 * A manager pinned an SMB's tier: it stays there whatever its score until the pin is
 * lifted or expires. A resulting tier move is published as {@link SmbTierChanged} too.
 */
public record SmbTierPinned(TenantId tenantId, com.fibonacco.smb.SmbId smbId, int tier, String reason,
		@Nullable Instant expiresAt, @Nullable UUID pinnedBy, Instant occurredAt) {
}

package com.fibonacco.smb;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

import com.fibonacco.community.CommunityId;

/**
 * An SMB was created (by hand, API or import). {@code performedBy} is the user, or null
 * for the system.
 */
public record SmbCreated(TenantId tenantId, SmbId smbId, CommunityId communityId, String businessName,
		@Nullable UUID performedBy, Instant occurredAt) {
}

package com.fibonacco.smb;

import java.time.Instant;

import com.fibonacco.shared.TenantId;

/** An SMB was created (by hand, API or import). */
public record SmbCreated(TenantId tenantId, com.fibonacco.smb.SmbId smbId,
		com.fibonacco.community.CommunityId communityId, Instant occurredAt) {
}

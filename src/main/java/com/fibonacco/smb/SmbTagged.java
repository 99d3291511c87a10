package com.fibonacco.smb;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

/** A tag was put on an SMB. */
public record SmbTagged(TenantId tenantId, SmbId smbId, UUID tagId, String tagName, @Nullable UUID performedBy,
		Instant occurredAt) {
}

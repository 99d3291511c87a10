package com.fibonacco.smb;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

/** An SMB was soft-deleted; it can be restored for 90 days. */
public record SmbDeleted(TenantId tenantId, SmbId smbId, String businessName, @Nullable UUID performedBy,
		Instant occurredAt) {
}

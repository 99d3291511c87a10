package com.fibonacco.smb;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

/** A soft-deleted SMB was restored. */
public record SmbRestored(TenantId tenantId, SmbId smbId, String businessName, @Nullable UUID performedBy,
		Instant occurredAt) {
}

package com.fibonacco.smb;

import java.time.Instant;

import com.fibonacco.shared.TenantId;

/** An SMB was soft-deleted. */
public record SmbDeleted(TenantId tenantId, SmbId smbId, Instant occurredAt) {
}

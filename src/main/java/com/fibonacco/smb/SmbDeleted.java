package com.fibonacco.smb;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

/** An SMB was soft-deleted. */
public record SmbDeleted(TenantId tenantId, SmbId smbId, Instant occurredAt) {
}

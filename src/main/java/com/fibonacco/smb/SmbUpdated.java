package com.fibonacco.smb;

import java.time.Instant;

import com.fibonacco.shared.TenantId;

/** An SMB's fields changed; {@code changedFields} names them as in the API. */
public record SmbUpdated(TenantId tenantId, SmbId smbId, java.util.Set<String> changedFields, Instant occurredAt) {
}

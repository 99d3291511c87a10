package com.fibonacco.smb;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

/** A task of an SMB was completed. */
public record TaskCompleted(TenantId tenantId, SmbId smbId, UUID taskId, String title, @Nullable UUID performedBy,
		Instant occurredAt) {
}

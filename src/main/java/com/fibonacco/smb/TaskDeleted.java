package com.fibonacco.smb;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

/** A task of an SMB was deleted. */
public record TaskDeleted(TenantId tenantId, SmbId smbId, UUID taskId, String title, @Nullable UUID performedBy,
		Instant occurredAt) {
}

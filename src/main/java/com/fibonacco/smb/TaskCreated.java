package com.fibonacco.smb;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

/** A follow-up task was created for an SMB. */
public record TaskCreated(TenantId tenantId, SmbId smbId, UUID taskId, String title, @Nullable UUID assignedTo,
		@Nullable LocalDate dueDate, String priority, @Nullable UUID performedBy, Instant occurredAt) {
}

package com.fibonacco.smb;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

/**
 * A task of an SMB changed (other than being completed): each changed field with old and
 * new value.
 */
public record TaskUpdated(TenantId tenantId, SmbId smbId, UUID taskId, String title, Map<String, FieldChange> changes,
		@Nullable UUID performedBy, Instant occurredAt) {
}

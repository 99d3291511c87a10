package com.fibonacco.smb;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

/**
 * An SMB's fields changed: each changed field (named as in the API) with its old and new
 * value.
 */
public record SmbUpdated(TenantId tenantId, SmbId smbId, Map<String, FieldChange> changes, @Nullable UUID performedBy,
		Instant occurredAt) {

	public Set<String> changedFields() {
		return changes.keySet();
	}

}

package com.fibonacco.smb;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

/** A note of an SMB was edited, pinned or unpinned. */
public record NoteUpdated(TenantId tenantId, SmbId smbId, UUID noteId, String excerpt, boolean pinned,
		@Nullable UUID performedBy, Instant occurredAt) {
}

package com.fibonacco.smb;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

/** A note was added to an SMB; {@code excerpt} is its first 200 characters. */
public record NoteAdded(TenantId tenantId, SmbId smbId, UUID noteId, String excerpt, boolean pinned,
		@Nullable UUID performedBy, Instant occurredAt) {
}

package com.fibonacco.smb;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

/** A note of an SMB was deleted. */
public record NoteDeleted(TenantId tenantId, SmbId smbId, UUID noteId, @Nullable UUID performedBy, Instant occurredAt) {
}

package com.fibonacco.inbound;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

/** A chat message arrived from a visitor or SMB. */
public record ChatMessageReceived(TenantId tenantId, UUID chatMessageId, UUID sessionId,
		com.fibonacco.smb.@Nullable SmbId smbId, Instant occurredAt) {
}

package com.fibonacco.inbound;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

/** An email from an SMB (or someone) arrived and was classified. */
public record InboundEmailReceived(TenantId tenantId, ConversationId conversationId,
		com.fibonacco.smb.@Nullable SmbId smbId, String intent, Instant occurredAt) {
}

package com.fibonacco.messaging;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

/** An SMB called back (usually after a voicemail). */
public record CallbackReceived(TenantId tenantId, CallbackId callbackId, com.fibonacco.smb.@Nullable SmbId smbId,
		@Nullable UUID rvmDropId, Instant occurredAt) {
}

package com.fibonacco.messaging;

import java.time.Instant;
import java.util.UUID;

import com.fibonacco.shared.TenantId;

/** A ringless voicemail reached the SMB's voicemail box. */
public record RvmDropDelivered(TenantId tenantId, UUID rvmDropId, com.fibonacco.smb.SmbId smbId, Instant occurredAt) {
}

package com.fibonacco.approval;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

/** An upsell was offered after an approval. */
public record UpsellOffered(TenantId tenantId, ApprovalId approvalId, com.fibonacco.smb.SmbId smbId,
		String upsellServiceType, Instant occurredAt) {
}

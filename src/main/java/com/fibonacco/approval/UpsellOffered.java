package com.fibonacco.approval;

import java.time.Instant;

import com.fibonacco.shared.TenantId;

/** An upsell was offered after an approval. */
public record UpsellOffered(TenantId tenantId, ApprovalId approvalId, com.fibonacco.smb.SmbId smbId,
		String upsellServiceType, Instant occurredAt) {
}

package com.fibonacco.approval;

import java.time.Instant;

import com.fibonacco.shared.TenantId;

/** An offered upsell was accepted, creating a new approval. */
public record UpsellAccepted(TenantId tenantId, ApprovalId approvalId, ApprovalId resultingApprovalId,
		com.fibonacco.smb.SmbId smbId, String upsellServiceType, Instant occurredAt) {
}

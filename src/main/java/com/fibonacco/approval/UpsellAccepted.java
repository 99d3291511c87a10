package com.fibonacco.approval;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

/** An offered upsell was accepted, creating a new approval. */
public record UpsellAccepted(TenantId tenantId, ApprovalId approvalId, ApprovalId resultingApprovalId,
		com.fibonacco.smb.SmbId smbId, String upsellServiceType, Instant occurredAt) {
}

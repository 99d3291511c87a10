package com.fibonacco.approval;

import java.time.Instant;

import com.fibonacco.shared.TenantId;

/** An approved service was provisioned. */
public record ApprovalProvisioned(TenantId tenantId, ApprovalId approvalId, com.fibonacco.smb.SmbId smbId,
		String serviceType, Instant occurredAt) {
}

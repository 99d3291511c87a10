package com.fibonacco.approval;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

/** An approved service was provisioned. */
public record ApprovalProvisioned(TenantId tenantId, ApprovalId approvalId, com.fibonacco.smb.SmbId smbId,
		String serviceType, Instant occurredAt) {
}

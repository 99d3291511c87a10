package com.fibonacco.approval;

import java.time.Instant;

import com.fibonacco.shared.TenantId;

/** An SMB approved a service. */
public record ApprovalSubmitted(TenantId tenantId, ApprovalId approvalId, com.fibonacco.smb.SmbId smbId,
		String serviceType, Instant occurredAt) {
}

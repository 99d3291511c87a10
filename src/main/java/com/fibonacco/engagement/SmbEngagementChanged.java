package com.fibonacco.engagement;

import java.time.Instant;

import com.fibonacco.shared.TenantId;

/** An SMB's engagement score moved by more than the reporting threshold. */
public record SmbEngagementChanged(TenantId tenantId, com.fibonacco.smb.SmbId smbId, int oldScore, int newScore,
		Instant occurredAt) {
}

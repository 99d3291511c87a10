package com.fibonacco.smb;

import java.time.Instant;
import java.util.UUID;

import com.fibonacco.shared.TenantId;

/**
 * An import job merged rows into the tenant's SMBs: one event per job, not one per row,
 * so a million-row import doesn't flood the listeners. Published when the job ends
 * (completed, or stopped by a cancel or a failure after some batches were merged) and
 * only if it created or updated at least one SMB; a dry run publishes nothing.
 */
public record SmbsImported(TenantId tenantId, UUID importId, long created, long updated, Instant occurredAt) {
}

package com.fibonacco.smb.importing;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

/** A row of {@code smb_imports}. */
record ImportRow(UUID tenantId, UUID id, String status, String phase, String fileName, String fileFormat, long fileSize,
		@Nullable Long fileOid, @Nullable UUID communityId, String onDuplicate, String matchOn, String mapping,
		boolean dryRun, long bytesRead, @Nullable Long rowsTotal, long rowsProcessed, long created,
		long updated, long skipped, long failed, int attempts, @Nullable String failureReason,
		@Nullable UUID requestedBy, Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt,
		Instant updatedAt) {

	TenantId tenant() {
		return new TenantId(tenantId);
	}

	boolean ended() {
		return status.equals("completed") || status.equals("failed") || status.equals("cancelled");
	}

	/**
	 * Percent done: reading the file into staging is the first half (by bytes read), the
	 * merge the second (by rows decided).
	 */
	int progress() {
		if (status.equals("completed")) {
			return 100;
		}
		if (phase.equals("staging")) {
			return fileSize == 0 ? 0 : (int) Math.min(50, bytesRead * 50 / fileSize);
		}
		long total = rowsTotal == null ? 0 : rowsTotal;
		return total == 0 ? 50 : (int) Math.min(99, 50 + rowsProcessed * 50 / total);
	}

}

package com.fibonacco.content;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

/** An SMB finished a piece of learning-center content. */
public record ContentCompleted(TenantId tenantId, ContentViewId viewId, com.fibonacco.smb.@Nullable SmbId smbId,
		String contentSlug, Instant occurredAt) {
}

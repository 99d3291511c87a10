package com.fibonacco.identity.internal;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.security.CurrentUser;
import com.fibonacco.shared.security.Role;

/** A row of {@code users}. Never leaves the server as is: see {@link UserResponse}. */
record UserRow(UUID id, TenantId tenantId, String email, String name, Role role, String passwordHash,
		boolean platformAdmin, boolean active, @Nullable Instant lastLoginAt, Instant createdAt, Instant updatedAt) {

	CurrentUser toCurrentUser() {
		return new CurrentUser(id, tenantId, email, name, role, platformAdmin);
	}

}

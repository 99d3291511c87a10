package com.fibonacco.identity;

import java.util.Optional;
import java.util.UUID;

import com.fibonacco.shared.TenantId;

/** Looks up the tenant's users, e.g. to check a task's assignee. */
public interface UserDirectory {

	/** The tenant's user; empty for an unknown id or another tenant's user. */
	Optional<UserSummary> find(TenantId tenant, UUID userId);

	record UserSummary(UUID id, String name, String email, String role, boolean active) {
	}

}

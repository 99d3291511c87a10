package com.fibonacco.shared.security;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import com.fibonacco.shared.TenantId;

import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The signed-in user of a request: the principal of its authentication, loaded fresh on
 * every request so a role change or deactivation takes effect at once.
 */
public record CurrentUser(UUID userId, TenantId tenantId, String email, String name, Role role, boolean platformAdmin) {

	public Set<String> permissions() {
		Set<String> permissions = new HashSet<>(role.permissions());
		if (platformAdmin) {
			permissions.add(Permissions.TENANTS_MANAGE);
		}
		return permissions;
	}

	/** The user of the current request; only call behind an authenticated endpoint. */
	public static CurrentUser get() {
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
			return user;
		}
		throw new IllegalStateException("no signed-in user on this request");
	}

}

package com.fibonacco.identity;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** Creates the first tenant and its platform admin, into an empty database only. */
public interface TenantBootstrap {

	/**
	 * Creates tenant "Demo" and its admin if no tenant exists yet; safe when several
	 * server processes start at once against one empty database.
	 * @param adminEmail the admin's login
	 * @param adminPassword the admin's password, or null to generate one
	 * @return the created tenant, or empty when the database already had one
	 */
	Optional<FirstTenant> createFirstTenantIfEmpty(String adminEmail, @Nullable String adminPassword);

}

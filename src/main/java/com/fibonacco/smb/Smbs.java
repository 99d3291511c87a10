package com.fibonacco.smb;

import java.util.Optional;

import com.fibonacco.shared.TenantId;

/** The SMB records of a tenant: the module's API for other modules. */
public interface Smbs {

	/** Creates the SMB and publishes {@link SmbCreated}. */
	SmbId create(TenantId tenant, NewSmb smb);

	/** Whether the tenant has this SMB and it is not deleted. */
	boolean exists(TenantId tenant, SmbId smb);

	/** The tenant's SMB (not deleted) with this slug. */
	Optional<SmbId> findBySlug(TenantId tenant, String slug);

	long count(TenantId tenant);

	/**
	 * The tenant's SMB (not deleted) whose primary phone is this number, read as E.164
	 * (US unless it has a country code); the earliest created when several share it.
	 * Empty for another tenant's SMB, an unknown number or one that is not a number.
	 */
	Optional<SmbId> findByPhone(TenantId tenant, String phone);

}

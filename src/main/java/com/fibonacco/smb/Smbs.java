package com.fibonacco.smb;

import com.fibonacco.shared.TenantId;

/** The SMB records of a tenant: the module's API for other modules. */
public interface Smbs {

	/** Creates the SMB and publishes {@link SmbCreated}. */
	SmbId create(TenantId tenant, NewSmb smb);

	/** Whether the tenant has this SMB and it is not deleted. */
	boolean exists(TenantId tenant, SmbId smb);

	long count(TenantId tenant);

}

package com.fibonacco.smb;

import com.fibonacco.shared.TenantId;

/** The SMB records of a tenant: the module's API for other modules. */
public interface Smbs {

	/** Creates the SMB and publishes {@link SmbCreated}. */
	SmbId create(TenantId tenant, NewSmb smb);

	long count(TenantId tenant);

}

package com.fibonacco.community;

import com.fibonacco.shared.TenantId;

/** The communities of a tenant: the module's API for other modules. */
public interface Communities {

	CommunityId create(TenantId tenant, NewCommunity community);

	long count(TenantId tenant);

}

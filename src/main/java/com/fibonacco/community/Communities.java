package com.fibonacco.community;

import java.util.Optional;

import com.fibonacco.shared.TenantId;

/** The communities of a tenant: the module's API for other modules. */
public interface Communities {

	CommunityId create(TenantId tenant, NewCommunity community);

	/** The tenant's community; empty for an unknown id or another tenant's community. */
	Optional<CommunityRef> find(TenantId tenant, CommunityId id);

	/** The tenant's community with this slug (slugs are unique per tenant). */
	Optional<CommunityRef> findBySlug(TenantId tenant, String slug);

	default boolean exists(TenantId tenant, CommunityId id) {
		return find(tenant, id).isPresent();
	}

	long count(TenantId tenant);

}

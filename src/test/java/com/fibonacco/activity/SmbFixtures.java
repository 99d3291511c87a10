package com.fibonacco.activity;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fibonacco.community.Communities;
import com.fibonacco.community.CommunityId;
import com.fibonacco.community.NewCommunity;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.NewSmb;
import com.fibonacco.smb.SmbId;
import com.fibonacco.smb.Smbs;

/**
 * Communities and SMBs for timeline tests, made through the community and SMB modules'
 * APIs.
 */
final class SmbFixtures {

	private final Communities communities;

	private final Smbs smbs;

	SmbFixtures(Communities communities, Smbs smbs) {
		this.communities = communities;
		this.smbs = smbs;
	}

	CommunityId community(TenantId tenant) {
		return communities.create(tenant, new NewCommunity("Kent", "kent-" + suffix(), "OH", "Portage", 28_215,
				"America/New_York", Map.of("send_time_local", "09:00")));
	}

	/** A diner on Main Street in a fresh community of the tenant. */
	SmbId smb(TenantId tenant) {
		return smb(tenant, community(tenant), "Water Street Diner");
	}

	SmbId smb(TenantId tenant, CommunityId community, String businessName) {
		return smbs.create(tenant, newSmb(community, businessName));
	}

	static NewSmb newSmb(CommunityId community, String businessName) {
		String slug = businessName.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-" + suffix();
		return new NewSmb(community, slug, businessName, null, "restaurant", "Restaurants", "Maria Alvarez",
				"maria@waterstreetdiner.example", "+13305550142", List.of(), "https://waterstreetdiner.example",
				"112 W Main St", "Kent", "OH", "44240", new BigDecimal("41.153667"), new BigDecimal("-81.357887"),
				"Breakfast and lunch since 1987", List.of("breakfast", "lunch", "catering"), 4, 0, null, null,
				"self_serve", "free", true, false, true, false, false, "test", Map.of());
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}

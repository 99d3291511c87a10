package com.fibonacco.campaign;

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

/** Communities in real time zones and SMBs that read like local businesses. */
final class CampaignFixtures {

	private final Communities communities;

	private final Smbs smbs;

	CampaignFixtures(Communities communities, Smbs smbs) {
		this.communities = communities;
		this.smbs = smbs;
	}

	CommunityId community(TenantId tenant, String name, String state, String zone) {
		return communities.create(tenant,
				new NewCommunity(name,
						name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-" + suffix(), state,
						null, 20_000, zone, Map.of()));
	}

	CommunityId kent(TenantId tenant) {
		return community(tenant, "Kent", "OH", "America/New_York");
	}

	SmbId smb(TenantId tenant, CommunityId community, String businessName, String contact, String email) {
		String slug = businessName.toLowerCase(java.util.Locale.ROOT)
			.replaceAll("[^a-z0-9]+", "-")
			.replaceAll("^-|-$", "") + "-" + suffix();
		return smbs.create(tenant,
				new NewSmb(community, slug, businessName, null, "restaurant", "Restaurants", contact, email,
						"+13305550142", List.of(), "https://waterstreetdiner.example", "112 W Main St", "Kent", "OH",
						"44240", new BigDecimal("41.153667"), new BigDecimal("-81.357887"),
						"Breakfast and lunch since 1987", List.of("breakfast", "lunch"), 1, 0, null, null, "self_serve",
						"free", true, false, true, false, false, "test", Map.of()));
	}

	SmbId diner(TenantId tenant, CommunityId community) {
		return smb(tenant, community, "Water Street Diner", "Maria Alvarez",
				"maria-" + suffix() + "@waterstreetdiner.example");
	}

	static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}

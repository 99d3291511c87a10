package com.fibonacco.demo.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fibonacco.community.Communities;
import com.fibonacco.community.CommunityId;
import com.fibonacco.community.NewCommunity;
import com.fibonacco.demo.DemoData;
import com.fibonacco.engagement.EngagementProperties;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.NewSmb;
import com.fibonacco.smb.Smbs;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads the generated demo book of business through the community and SMB modules' APIs.
 */
@Service
class DemoDataLoader implements DemoData {

	static final int SMB_COUNT = 300;

	/** Fixed, so every fresh install shows the same demo businesses. */
	static final long SEED = 20261122L;

	private final Communities communities;

	private final Smbs smbs;

	private final EngagementProperties engagement;

	private final Clock clock;

	DemoDataLoader(Communities communities, Smbs smbs, EngagementProperties engagement, Clock clock) {
		this.communities = communities;
		this.smbs = smbs;
		this.engagement = engagement;
		this.clock = clock;
	}

	@Override
	@Transactional
	public Summary load(TenantId tenant) {
		List<DemoCommunity> towns = DemoSmbGenerator.defaultCommunities();
		List<CommunityId> ids = new ArrayList<>();
		for (DemoCommunity town : towns) {
			ids.add(communities.create(tenant, new NewCommunity(town.name(), town.slug(), town.state(), town.county(),
					town.population(), town.timezone(), Map.of("send_time_local", "09:00"))));
		}
		Set<String> slugs = new HashSet<>();
		List<DemoSmb> generated = DemoSmbGenerator.generate(SEED, towns, SMB_COUNT, clock.instant());
		for (DemoSmb smb : generated) {
			smbs.create(tenant, toNewSmb(smb, ids.get(smb.communityIndex()), uniqueSlug(smb.businessName(), slugs)));
		}
		return new Summary(towns.size(), generated.size());
	}

	private NewSmb toNewSmb(DemoSmb smb, CommunityId community, String slug) {
		List<Map<String, String>> contacts = smb.secondaryContacts().stream().map(contact -> {
			Map<String, String> map = new LinkedHashMap<>();
			map.put("name", contact.name());
			map.put("email", contact.email());
			map.put("phone", contact.phone());
			map.put("role", contact.role());
			return map;
		}).toList();
		return new NewSmb(community, slug, smb.businessName(), smb.dbaName(), smb.businessType(), smb.category(),
				smb.primaryContactName(), smb.primaryEmail(), smb.primaryPhone(), contacts, smb.website(),
				smb.address(), smb.city(), smb.state(), smb.zip(), smb.latitude(), smb.longitude(),
				smb.businessDescription(), smb.productsServices(), engagement.tierFor(smb.engagementScore()),
				smb.engagementScore(), smb.lastEmailOpen(), smb.lastEmailClick(), smb.serviceModel(),
				smb.subscriptionTier(), smb.emailOptedIn(), smb.smsOptedIn(), smb.rvmOptedIn(), smb.phoneOptedIn(),
				smb.doNotContact(), smb.source(), Map.of("demo", true));
	}

	private static String uniqueSlug(String name, Set<String> taken) {
		String base = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
			.replaceAll("\\p{M}", "")
			.toLowerCase(java.util.Locale.ROOT)
			.replaceAll("[^a-z0-9]+", "-")
			.replaceAll("(^-+|-+$)", "");
		String slug = base;
		for (int n = 2; !taken.add(slug); n++) {
			slug = base + "-" + n;
		}
		return slug;
	}

}

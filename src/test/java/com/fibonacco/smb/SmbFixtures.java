package com.fibonacco.smb;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fibonacco.community.Communities;
import com.fibonacco.community.CommunityId;
import com.fibonacco.community.NewCommunity;
import com.fibonacco.shared.TenantId;
import com.fibonacco.support.Http;

import static org.assertj.core.api.Assertions.assertThat;

/** Communities and SMBs that read like a real book of local businesses. */
final class SmbFixtures {

	private SmbFixtures() {
	}

	static UUID community(Communities communities, UUID tenant, String name, String timezone) {
		String slug = name.toLowerCase().replaceAll("[^a-z0-9]+", "-") + "-"
				+ UUID.randomUUID().toString().substring(0, 6);
		CommunityId id = communities.create(new TenantId(tenant),
				new NewCommunity(name, slug, "NC", "Henderson", 15_000, timezone, Map.of()));
		return id.value();
	}

	static Map<String, Object> bakery(UUID community) {
		Map<String, Object> smb = new LinkedHashMap<>();
		smb.put("community_id", community.toString());
		smb.put("business_name", "Main Street Bakery");
		smb.put("primary_contact_name", "Maria Alvarez");
		smb.put("primary_email", "Maria@MainStreetBakery.com");
		smb.put("primary_phone", "(828) 692-4417");
		smb.put("address", "412 N Main St");
		smb.put("city", "Hendersonville");
		smb.put("state", "nc");
		smb.put("zip", "28792");
		smb.put("category", "Food & Drink");
		smb.put("business_type", "bakery");
		return smb;
	}

	static Map<String, Object> smb(UUID community, String name, String email, String phone) {
		Map<String, Object> smb = new LinkedHashMap<>();
		smb.put("community_id", community.toString());
		smb.put("business_name", name);
		smb.put("primary_email", email);
		smb.put("primary_phone", phone);
		smb.put("city", "Hendersonville");
		smb.put("state", "NC");
		return smb;
	}

	static Http.Response create(Http client, Map<String, Object> smb) {
		Http.Response response = client.post("/api/v1/smbs", smb);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response;
	}

	static Http.Response patch(Http client, String id, String etag, Object body) {
		return client.send("PATCH", "/api/v1/smbs/" + id, body, Map.of("If-Match", etag));
	}

}

package com.fibonacco.community;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.smb.NewSmb;
import com.fibonacco.support.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test fixtures for communities: request bodies for real small towns, and SMBs in them.
 */
final class Towns {

	static final String PATH = "/api/v1/communities";

	private Towns() {
	}

	static Map<String, @Nullable Object> hendersonville() {
		return town("Hendersonville", "NC", "Henderson County", 15_137, "America/New_York");
	}

	static Map<String, @Nullable Object> stillwater() {
		return town("Stillwater", "OK", "Payne County", 48_394, "America/Chicago");
	}

	static Map<String, @Nullable Object> bozeman() {
		return town("Bozeman", "MT", "Gallatin County", 53_293, "America/Denver");
	}

	static Map<String, @Nullable Object> town(String name, String state, @Nullable String county,
			@Nullable Integer population, @Nullable String timezone) {
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("name", name);
		body.put("state", state);
		body.put("county", county);
		body.put("population", population);
		body.put("timezone", timezone);
		return body;
	}

	/** A copy of the body with the field set, to null too. */
	static Map<String, @Nullable Object> with(Map<String, @Nullable Object> body, String field,
			@Nullable Object value) {
		Map<String, @Nullable Object> copy = new LinkedHashMap<>(body);
		copy.put(field, value);
		return copy;
	}

	static Map<String, @Nullable Object> without(Map<String, @Nullable Object> body, String field) {
		Map<String, @Nullable Object> copy = new LinkedHashMap<>(body);
		copy.remove(field);
		return copy;
	}

	/** Creates the community through the API and answers its id. */
	static UUID create(Http client, Map<String, @Nullable Object> body) {
		Http.Response created = client.post(PATH, body);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return UUID.fromString(created.text("/data/id"));
	}

	static long total(Http client) {
		Http.Response list = client.get(PATH);
		assertThat(list.status()).as(list.body()).isEqualTo(200);
		return list.json().at("/meta/total").asLong();
	}

	/** A plain SMB on Main Street of the community. */
	static NewSmb smbIn(UUID community, String businessName) {
		String slug = businessName.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-"
				+ UUID.randomUUID().toString().substring(0, 8);
		return new NewSmb(new CommunityId(community), slug, businessName, null, "Restaurant", "Food & Drink",
				"Maria Alvarez", "owner@" + slug + ".example.com", "+18285550142", List.of(),
				"https://" + slug + ".example.com", "412 Main St", "Hendersonville", "NC", "28792",
				new BigDecimal("35.318700"), new BigDecimal("-82.461000"), "A family diner on Main Street.",
				List.of("breakfast", "lunch"), 4, 0, null, null, "self_serve", "free", true, false, true, false, false,
				"test", Map.of());
	}

}

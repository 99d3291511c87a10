package com.fibonacco.smb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.fibonacco.community.Communities;
import com.fibonacco.support.Http;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;
import com.fibonacco.support.Tenancy.TestTenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Filtering, searching, sorting and paging the SMB list; bulk update; a community's SMBs.
 */
@ServerTest
class SmbListTests {

	@LocalServerPort
	int port;

	@Autowired
	Communities communities;

	@Autowired
	JdbcClient jdbc;

	Tenancy tenancy;

	TestTenant tenant;

	UUID hendersonville;

	UUID bozeman;

	@BeforeEach
	void setUp() {
		tenancy = new Tenancy(port);
		tenant = tenancy.newTenant("Blue Ridge Outreach");
		hendersonville = SmbFixtures.community(communities, tenant.id(), "Hendersonville", "America/New_York");
		bozeman = SmbFixtures.community(communities, tenant.id(), "Bozeman", "America/Denver");
		SmbFixtures.create(tenant.admin(), SmbFixtures.bakery(hendersonville));
		SmbFixtures.create(tenant.admin(),
				SmbFixtures.smb(hendersonville, "Rodriguez Family Dental", "office@rodriguezdental.com", "8286921100"));
		SmbFixtures.create(tenant.admin(), SmbFixtures.smb(hendersonville, "Blue Ridge Plumbing & Heating",
				"jobs@blueridgeplumb.com", "8286925500"));
		SmbFixtures.create(tenant.admin(),
				SmbFixtures.smb(bozeman, "Gallatin Valley Bikes", "ride@gallatinbikes.com", "4065870101"));
		SmbFixtures.create(tenant.admin(),
				SmbFixtures.smb(bozeman, "Kim's Nail Studio", "kim@kimsnails.com", "4065870202"));
	}

	@Test
	void filtersNarrowTheList() {
		jdbc.sql("UPDATE smbs SET engagement_tier = 1, campaign_status = 'running' WHERE tenant_id = :t "
				+ "AND business_name = 'Kim''s Nail Studio'")
			.param("t", tenant.id())
			.update();

		assertThat(names("community_id=" + bozeman)).containsExactly("Gallatin Valley Bikes", "Kim's Nail Studio");
		assertThat(names("engagement_tier=1")).containsExactly("Kim's Nail Studio");
		assertThat(names("campaign_status=running,paused")).containsExactly("Kim's Nail Studio");
		assertThat(names("engagement_tier=4&community_id=" + hendersonville)).hasSize(3);
		assertThat(names("can_receive=email")).hasSize(5);
		assertThat(names("can_receive=sms")).isEmpty();
		assertThat(names("data_quality_score_min=80")).containsExactly("Main Street Bakery");
		assertThat(names("created_after=2000-01-01")).hasSize(5);
		assertThat(names("created_before=2000-01-01")).isEmpty();
	}

	@Test
	void searchFindsPartialWordsTyposPhonesAndEmails() {
		assertThat(names("search=bak")).containsExactly("Main Street Bakery");
		assertThat(names("search=bakry")).containsExactly("Main Street Bakery");
		assertThat(names("search=dentl")).containsExactly("Rodriguez Family Dental");
		assertThat(names("search=(406) 587-0202")).containsExactly("Kim's Nail Studio");
		assertThat(names("search=gallatinbikes")).containsExactly("Gallatin Valley Bikes");
		assertThat(names("search=maria")).containsExactly("Main Street Bakery");
		assertThat(names("search=zzzzqqq")).isEmpty();
		assertThat(names("search=zz%zz")).isEmpty();
	}

	@Test
	void sortingAndKeysetPagingWalkTheWholeListOnce() {
		assertThat(names("sort=-business_name")).containsExactly("Rodriguez Family Dental", "Main Street Bakery",
				"Kim's Nail Studio", "Gallatin Valley Bikes", "Blue Ridge Plumbing & Heating");

		List<String> walked = new ArrayList<>();
		String cursor = null;
		do {
			Http.Response page = tenant.admin()
				.get("/api/v1/smbs?per_page=2&sort=business_name" + (cursor == null ? "" : "&cursor=" + cursor));
			assertThat(page.status()).as(page.body()).isEqualTo(200);
			page.json().at("/data").forEach(smb -> walked.add(smb.at("/business_name").asString()));
			JsonNode next = page.json().at("/meta/next_cursor");
			cursor = next.isNull() || next.isMissingNode() ? null : next.asString();
		}
		while (cursor != null);

		assertThat(walked).containsExactly("Blue Ridge Plumbing & Heating", "Gallatin Valley Bikes",
				"Kim's Nail Studio", "Main Street Bakery", "Rodriguez Family Dental");
	}

	@Test
	void offsetPagesCarryTheTotal() {
		Http.Response page = tenant.admin().get("/api/v1/smbs?page=2&per_page=2");

		assertThat(page.json().at("/meta/total").asLong()).isEqualTo(5);
		assertThat(page.json().at("/meta/last_page").asLong()).isEqualTo(3);
		assertThat(page.json().at("/data").size()).isEqualTo(2);
	}

	@Test
	void badParametersAreNamed() {
		assertThat(tenant.admin().get("/api/v1/smbs?sort=password_hash").text("/errors/0/field")).isEqualTo("sort");
		assertThat(tenant.admin().get("/api/v1/smbs?sort=password_hash").status()).isEqualTo(422);
		assertThat(tenant.admin().get("/api/v1/smbs?engagement_tier=7").text("/errors/0/field"))
			.isEqualTo("engagement_tier");
		assertThat(tenant.admin().get("/api/v1/smbs?campaign_status=active").status()).isEqualTo(422);
		assertThat(tenant.admin().get("/api/v1/smbs?can_receive=fax").status()).isEqualTo(422);
		assertThat(tenant.admin().get("/api/v1/smbs?community_id=not-a-uuid").status()).isEqualTo(422);
		assertThat(tenant.admin().get("/api/v1/smbs?per_page=201").status()).isEqualTo(422);
		assertThat(tenant.admin().get("/api/v1/smbs?colour=blue").status()).isEqualTo(400);
		assertThat(tenant.admin().get("/api/v1/smbs?cursor=garbage").text("/code")).isEqualTo("invalid_cursor");
		assertThat(tenant.admin().get("/api/v1/smbs?search=x").status()).isEqualTo(422);
	}

	@Test
	void anotherTenantsSmbsNeverAppear() {
		TestTenant other = tenancy.newTenant("Elsewhere Agency");

		Http.Response list = other.admin().get("/api/v1/smbs?search=bakery");
		Http.Response byForeignCommunity = other.admin().get("/api/v1/smbs?community_id=" + hendersonville);

		assertThat(list.json().at("/meta/total").asLong()).isZero();
		assertThat(byForeignCommunity.json().at("/meta/total").asLong()).isZero();
	}

	@Test
	void aBulkUpdateChangesTheMatchingSmbsOnly() {
		Http.Response response = tenant.admin()
			.post("/api/v1/smbs/bulk-update", Map.of("filters", Map.of("community_id", bozeman.toString()), "updates",
					Map.of("subscription_tier", "premium", "sms_opted_in", true)));

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().at("/data/updated_count").asInt()).isEqualTo(2);
		assertThat(names("subscription_tier=premium")).containsExactly("Gallatin Valley Bikes", "Kim's Nail Studio");
		assertThat(names("can_receive=sms")).hasSize(2);
		Http.Response again = tenant.admin()
			.post("/api/v1/smbs/bulk-update", Map.of("filters", Map.of("community_id", bozeman.toString()), "updates",
					Map.of("subscription_tier", "premium")));
		assertThat(again.json().at("/data/updated_count").asInt()).isZero();
	}

	@Test
	void aBulkUpdateRefusesComputedFieldsAndForeignIds() {
		TestTenant other = tenancy.newTenant("Elsewhere Agency");
		UUID foreignCommunity = SmbFixtures.community(communities, other.id(), "Asheville", "America/New_York");
		String foreignSmb = SmbFixtures.create(other.admin(), SmbFixtures.bakery(foreignCommunity)).text("/data/id");

		Http.Response computed = tenant.admin()
			.post("/api/v1/smbs/bulk-update",
					Map.of("ids", List.of(foreignSmb), "updates", Map.of("engagement_score", 100)));
		Http.Response foreign = tenant.admin()
			.post("/api/v1/smbs/bulk-update",
					Map.of("ids", List.of(foreignSmb), "updates", Map.of("subscription_tier", "premium")));
		Map<String, Object> everyone = new HashMap<>();
		everyone.put("updates", Map.of("subscription_tier", "premium"));
		Http.Response unfiltered = tenant.admin().post("/api/v1/smbs/bulk-update", everyone);

		assertThat(computed.status()).isEqualTo(422);
		assertThat(computed.text("/errors/0/field")).isEqualTo("updates.engagement_score");
		assertThat(foreign.json().at("/data/updated_count").asInt()).isZero();
		assertThat(unfiltered.status()).isEqualTo(422);
		assertThat(other.admin().get("/api/v1/smbs/" + foreignSmb).text("/data/subscription_tier")).isEqualTo("free");
	}

	@Test
	void bulkActionsFilteredByAnotherTenantsCommunityTouchNoneOfItsSmbs() {
		TestTenant other = tenancy.newTenant("Elsewhere Agency");
		UUID foreignCommunity = SmbFixtures.community(communities, other.id(), "Asheville", "America/New_York");
		String foreignSmb = SmbFixtures.create(other.admin(), SmbFixtures.bakery(foreignCommunity)).text("/data/id");
		String vip = tenant.admin().post("/api/v1/tags", Map.of("name", "VIP")).text("/data/id");
		Map<String, Object> theirCommunity = Map.of("community_id", foreignCommunity.toString());

		Http.Response update = tenant.admin()
			.post("/api/v1/smbs/bulk-update",
					Map.of("filters", theirCommunity, "updates", Map.of("subscription_tier", "premium")));
		Http.Response tag = tenant.admin().post("/api/v1/tags/" + vip + "/smbs", Map.of("filters", theirCommunity));

		// the filters are read within the caller's tenant: a foreign community selects none of its SMBs
		assertThat(update.status()).as(update.body()).isEqualTo(200);
		assertThat(update.json().at("/data/updated_count").asInt()).isZero();
		assertThat(tag.status()).as(tag.body()).isEqualTo(200);
		assertThat(tag.json().at("/data/tagged_count").asInt()).isZero();
		Http.Response theirs = other.admin().get("/api/v1/smbs/" + foreignSmb);
		assertThat(theirs.raw().headers().firstValue("ETag")).hasValue("\"v0\"");
		assertThat(theirs.text("/data/subscription_tier")).isEqualTo("free");
		assertThat(other.admin().get("/api/v1/smbs/" + foreignSmb + "/tags").json().at("/data").size()).isZero();
		assertThat(jdbc.sql("SELECT count(*) FROM smb_tags WHERE smb_id = :s")
			.param("s", UUID.fromString(foreignSmb))
			.query(Long.class)
			.single()).isZero();
		assertThat(names("subscription_tier=premium")).isEmpty();
		assertThat(names("tag=" + vip)).isEmpty();
	}

	@Test
	void aCommunityListsItsSmbsAndCountsThem() {
		jdbc.sql("UPDATE smbs SET engagement_tier = 2, campaign_status = 'running' WHERE tenant_id = :t "
				+ "AND business_name = 'Gallatin Valley Bikes'")
			.param("t", tenant.id())
			.update();

		Http.Response smbs = tenant.admin().get("/api/v1/communities/" + bozeman + "/smbs?sort=-business_name");
		Http.Response stats = tenant.admin().get("/api/v1/communities/" + bozeman + "/stats");

		assertThat(smbs.json().at("/data").findValuesAsString("business_name")).containsExactly("Kim's Nail Studio",
				"Gallatin Valley Bikes");
		assertThat(stats.json().at("/data/total_smbs").asLong()).isEqualTo(2);
		assertThat(stats.json().at("/data/active_campaigns").asLong()).isEqualTo(1);
		assertThat(stats.json().at("/data/by_tier/2").asLong()).isEqualTo(1);
		assertThat(stats.json().at("/data/by_tier/4").asLong()).isEqualTo(1);
		assertThat(stats.json().at("/data/by_campaign_status/pending").asLong()).isEqualTo(1);
		assertThat(stats.json().at("/data/opted_in/email").asLong()).isEqualTo(2);
		assertThat(stats.json().at("/data/can_contact/rvm").asLong()).isEqualTo(2);

		TestTenant other = tenancy.newTenant("Elsewhere Agency");
		assertThat(other.admin().get("/api/v1/communities/" + bozeman + "/stats").status()).isEqualTo(404);
		assertThat(other.admin().get("/api/v1/communities/" + bozeman + "/smbs").status()).isEqualTo(404);
	}

	@Test
	void tagsFilterTheListAndAFilterTagsEverythingItSelects() {
		String vip = tenant.admin().post("/api/v1/tags", Map.of("name", "VIP", "color", "purple")).text("/data/id");
		String cafe = tenant.admin().post("/api/v1/tags", Map.of("name", "Cafe owners")).text("/data/id");

		Http.Response byFilter = tenant.admin()
			.post("/api/v1/tags/" + vip + "/smbs", Map.of("filters", Map.of("community_id", bozeman.toString())));
		String bakery = tenant.admin().get("/api/v1/smbs/slug/main-street-bakery").text("/data/id");
		tenant.admin().post("/api/v1/smbs/" + bakery + "/tags", Map.of("tag_ids", List.of(vip, cafe)));

		assertThat(byFilter.status()).as(byFilter.body()).isEqualTo(200);
		assertThat(byFilter.json().at("/data/tagged_count").asInt()).isEqualTo(2);
		assertThat(names("tag=" + vip)).containsExactly("Gallatin Valley Bikes", "Kim's Nail Studio",
				"Main Street Bakery");
		assertThat(names("tag=" + vip + "," + cafe + "&tag_match=all")).containsExactly("Main Street Bakery");
		assertThat(names("tag=" + cafe + "&tag_match=any")).containsExactly("Main Street Bakery");
		assertThat(tenant.admin().get("/api/v1/smbs?tag_match=some&tag=" + vip).status()).isEqualTo(422);
		assertThat(tenant.admin()
			.post("/api/v1/tags/" + vip + "/smbs", Map.of("filters", Map.of("engagement_tier", "9")))
			.status()).isEqualTo(422);
	}

	private List<String> names(String query) {
		StringBuilder encoded = new StringBuilder();
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			encoded.append('&')
				.append(pair, 0, eq + 1)
				.append(java.net.URLEncoder.encode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
		}
		Http.Response response = tenant.admin().get("/api/v1/smbs?per_page=200" + encoded);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().at("/data").findValuesAsString("business_name");
	}

}

package com.fibonacco.campaign;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fibonacco.support.Http;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;
import com.fibonacco.support.Tenancy.TestTenant;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@ServerTest
class CampaignCatalogApiTests {

	@LocalServerPort
	int port;

	Tenancy tenancy;

	TestTenant tenant;

	@BeforeEach
	void setUp() {
		tenancy = new Tenancy(port);
		tenant = tenancy.newTenant("Harbor Marketing");
	}

	static Map<String, Object> campaign(String id, int day, String slug) {
		Map<String, Object> body = new HashMap<>();
		body.put("id", id);
		body.put("type", "PROMO");
		body.put("day", day);
		body.put("title", "Holiday hours that bring people in");
		body.put("subject", "{{contact_first_name}}, your holiday hours");
		body.put("slug", slug);
		body.put("body_html", "<p>Hi {{contact_first_name}}, <a href=\"https://example.com/holiday\">read</a> "
				+ "<a href=\"{{unsubscribe_url}}\">Unsubscribe</a></p>");
		body.put("body_text",
				"Hi {{contact_first_name}}: https://example.com/holiday\nUnsubscribe: {{unsubscribe_url}}");
		body.put("upsell_services", List.of("local_seo"));
		body.put("is_active", false);
		return body;
	}

	@Test
	void everyNewTenantHasTheDefault52CampaignCatalogInProgramOrder() {
		Http.Response list = tenant.admin().get("/api/v1/campaigns?per_page=200");

		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().at("/meta/total").asLong()).isEqualTo(52);
		assertThat(list.text("/data/0/id")).isEqualTo("HOOK-001");
		assertThat(list.json().at("/data/0/day").asInt()).isEqualTo(1);
		assertThat(list.json().at("/data/51/day").asInt()).isEqualTo(90);
	}

	@Test
	void aViewerReadsTheCatalogButCannotEditIt() {
		Http viewer = tenancy.newUser(tenant, "viewer").http();

		assertThat(viewer.get("/api/v1/campaigns/HOOK-001").status()).isEqualTo(200);
		Http.Response created = viewer.post("/api/v1/campaigns", campaign("PROMO-100", 3, "holiday-hours"));
		assertThat(created.status()).isEqualTo(403);
		assertThat(viewer.put("/api/v1/campaigns/HOOK-001", campaign(null, 1, "x")).status()).isEqualTo(403);
		assertThat(tenant.admin().get("/api/v1/campaigns/PROMO-100").status()).isEqualTo(404);
	}

	@Test
	void aManagerAddsAndReplacesACampaign() {
		Http manager = tenancy.newUser(tenant, "manager").http();

		Http.Response created = manager.post("/api/v1/campaigns", campaign("PROMO-100", 3, "holiday-hours"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.json().at("/data/week").asInt()).isEqualTo(1);
		assertThat(created.json().at("/data/is_active").asBoolean()).isFalse();

		Map<String, Object> changed = campaign(null, 3, "holiday-hours");
		changed.put("title", "Holiday hours, updated");
		Http.Response replaced = manager.put("/api/v1/campaigns/PROMO-100", changed);
		assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
		assertThat(manager.get("/api/v1/campaigns/PROMO-100").text("/data/title")).isEqualTo("Holiday hours, updated");
	}

	@Test
	void invalidCampaignsAnswer422NamingTheFieldAndNothingIsStored() {
		Map<String, Object> body = campaign("PROMO-101", 3, "holiday-hours-2");
		body.put("type", "SPAM");
		body.put("week", 5);
		body.put("body_html", "<p>{{credit_card}}</p>");

		Http.Response response = tenant.admin().post("/api/v1/campaigns", body);

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.body()).contains("\"type\"", "\"week\"", "\"body_html\"", "{{credit_card}}");
		assertThat(tenant.admin().get("/api/v1/campaigns/PROMO-101").status()).isEqualTo(404);

		Map<String, Object> badId = campaign("promo one", 3, "holiday-hours-3");
		assertThat(tenant.admin().post("/api/v1/campaigns", badId).body()).contains("\"id\"");
	}

	@Test
	void aSecondActiveCampaignOnADayOrADuplicateIdIsAConflict() {
		Map<String, Object> onDayOne = campaign("PROMO-102", 1, "day-one-promo");
		onDayOne.put("is_active", true);
		Http.Response dayTaken = tenant.admin().post("/api/v1/campaigns", onDayOne);
		assertThat(dayTaken.status()).isEqualTo(409);
		assertThat(dayTaken.text("/code")).isEqualTo("day_taken");

		Http.Response exists = tenant.admin().post("/api/v1/campaigns", campaign("HOOK-001", 3, "another-slug"));
		assertThat(exists.status()).isEqualTo(409);
		assertThat(exists.text("/code")).isEqualTo("campaign_exists");
	}

	@Test
	void anotherTenantsCampaignEditAnswers404() {
		TestTenant other = tenancy.newTenant("Globex Marketing");
		assertThat(other.admin().post("/api/v1/campaigns", campaign("PROMO-103", 3, "only-mine")).status())
			.isEqualTo(201);

		assertThat(tenant.admin().get("/api/v1/campaigns/PROMO-103").status()).isEqualTo(404);
		assertThat(tenant.admin().put("/api/v1/campaigns/PROMO-103", campaign(null, 3, "only-mine")).status())
			.isEqualTo(404);
	}

}

package com.fibonacco.smb;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fibonacco.community.Communities;
import com.fibonacco.support.Http;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;
import com.fibonacco.support.Tenancy.TestTenant;
import com.fibonacco.support.Tenancy.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Create, read, edit with If-Match, delete and restore one SMB through the API. */
@ServerTest
class SmbRecordTests {

	@LocalServerPort
	int port;

	@Autowired
	Communities communities;

	@Autowired
	JdbcClient jdbc;

	Tenancy tenancy;

	TestTenant tenant;

	UUID community;

	@BeforeEach
	void setUp() {
		tenancy = new Tenancy(port);
		tenant = tenancy.newTenant("Blue Ridge Outreach");
		community = SmbFixtures.community(communities, tenant.id(), "Hendersonville", "America/New_York");
	}

	@Test
	void aCreatedSmbIsNormalisedScoredAndCarriesItsEtag() {
		Http.Response created = SmbFixtures.create(tenant.admin(), SmbFixtures.bakery(community));

		assertThat(created.raw().headers().firstValue("ETag")).hasValue("\"v0\"");
		assertThat(created.text("/data/primary_email")).isEqualTo("maria@mainstreetbakery.com");
		assertThat(created.text("/data/primary_phone")).isEqualTo("+18286924417");
		assertThat(created.text("/data/state")).isEqualTo("NC");
		assertThat(created.text("/data/slug")).isEqualTo("main-street-bakery");
		assertThat(created.text("/data/campaign_status")).isEqualTo("pending");
		assertThat(created.json().at("/data/engagement_tier").asInt()).isEqualTo(4);
		// name 10 + email 15 + phone 15 + address 10 + city 10 + state 10 + category 10
		assertThat(created.json().at("/data/data_quality_score").asInt()).isEqualTo(80);
		assertThat(created.json().at("/data/can_contact/email").asBoolean()).isTrue();
		assertThat(created.json().at("/data/can_contact/sms").asBoolean()).isFalse();
		assertThat(created.json().at("/data/can_contact/rvm").asBoolean()).isTrue();
	}

	@Test
	void aSecondSmbWithTheSameNameGetsTheNextSlugAndATakenSlugIsAConflict() {
		SmbFixtures.create(tenant.admin(), SmbFixtures.bakery(community));

		Http.Response second = SmbFixtures.create(tenant.admin(), SmbFixtures.bakery(community));
		Map<String, Object> taken = SmbFixtures.bakery(community);
		taken.put("slug", "main-street-bakery");
		Http.Response conflict = tenant.admin().post("/api/v1/smbs", taken);

		assertThat(second.text("/data/slug")).isEqualTo("main-street-bakery-2");
		assertThat(conflict.status()).isEqualTo(409);
		assertThat(conflict.text("/code")).isEqualTo("slug_taken");
	}

	@Test
	void invalidValuesAreNamedAndNothingIsWritten() {
		Map<String, Object> bad = new HashMap<>(SmbFixtures.bakery(community));
		bad.put("primary_email", "not-an-email");
		bad.put("primary_phone", "123");
		bad.put("state", "XX");
		bad.put("zip", "ABCDE");
		bad.put("latitude", 123);
		bad.put("longitude", 10);
		bad.put("service_model", "franchise");
		bad.put("email_opted_in", "yes");
		bad.put("business_name", "x".repeat(201));
		bad.put("secondary_contacts", List.of(Map.of("name", "Ann", "email", "nope")));

		Http.Response response = tenant.admin().post("/api/v1/smbs", bad);

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.json().at("/errors").findValuesAsString("field")).contains("primary_email", "primary_phone",
				"state", "zip", "latitude", "service_model", "email_opted_in", "business_name",
				"secondary_contacts[0].email");
		assertThat(count()).isZero();
	}

	@Test
	void anUnknownFieldOrAReadOnlyFieldIsRejected() {
		Map<String, Object> smb = new HashMap<>(SmbFixtures.bakery(community));
		smb.put("engagement_score", 99);
		smb.put("tenant_id", UUID.randomUUID().toString());

		Http.Response response = tenant.admin().post("/api/v1/smbs", smb);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().at("/errors").findValuesAsString("field")).contains("engagement_score", "tenant_id");
		assertThat(count()).isZero();
	}

	@Test
	void anotherTenantsCommunityIsRefused() {
		TestTenant other = tenancy.newTenant("Elsewhere Agency");
		UUID foreign = SmbFixtures.community(communities, other.id(), "Bozeman", "America/Denver");

		Http.Response response = tenant.admin().post("/api/v1/smbs", SmbFixtures.bakery(foreign));

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.text("/errors/0/field")).isEqualTo("community_id");
		assertThat(count()).isZero();
	}

	@Test
	void anotherTenantsSmbAnswers404Everywhere() {
		TestTenant other = tenancy.newTenant("Elsewhere Agency");
		String id = SmbFixtures.create(tenant.admin(), SmbFixtures.bakery(community)).text("/data/id");

		assertThat(other.admin().get("/api/v1/smbs/" + id).status()).isEqualTo(404);
		assertThat(SmbFixtures.patch(other.admin(), id, "\"v0\"", Map.of("city", "X")).status()).isEqualTo(404);
		assertThat(other.admin()
			.send("PUT", "/api/v1/smbs/" + id, SmbFixtures.bakery(community), Map.of("If-Match", "\"v0\""))
			.status()).isEqualTo(404);
		assertThat(other.admin().delete("/api/v1/smbs/" + id).status()).isEqualTo(404);
		assertThat(other.admin().post("/api/v1/smbs/" + id + "/restore", null).status()).isEqualTo(404);
		assertThat(other.admin().get("/api/v1/smbs/slug/main-street-bakery").status()).isEqualTo(404);
		assertThat(other.admin().get("/api/v1/smbs/lookup?email=maria@mainstreetbakery.com").status()).isEqualTo(404);
		assertThat(other.admin().get("/api/v1/smbs/lookup?phone=828.692.4417").status()).isEqualTo(404);
		assertThat(tenant.admin().get("/api/v1/smbs/" + id).text("/data/city")).isEqualTo("Hendersonville");
	}

	@Test
	void rolesDecideWhoMayReadWriteAndDelete() {
		TestUser viewer = tenancy.newUser(tenant, "viewer");
		TestUser agent = tenancy.newUser(tenant, "agent");
		String id = SmbFixtures.create(tenant.admin(), SmbFixtures.bakery(community)).text("/data/id");

		assertThat(viewer.http().get("/api/v1/smbs/" + id).status()).isEqualTo(200);
		assertThat(viewer.http().get("/api/v1/smbs").status()).isEqualTo(200);
		assertThat(viewer.http().post("/api/v1/smbs", SmbFixtures.bakery(community)).status()).isEqualTo(403);
		assertThat(SmbFixtures.patch(viewer.http(), id, "\"v0\"", Map.of("city", "Asheville")).status()).isEqualTo(403);
		assertThat(viewer.http().delete("/api/v1/smbs/" + id).status()).isEqualTo(403);
		assertThat(SmbFixtures.patch(agent.http(), id, "\"v0\"", Map.of("city", "Asheville")).status()).isEqualTo(200);
		assertThat(agent.http().delete("/api/v1/smbs/" + id).status()).isEqualTo(403);
		assertThat(agent.http()
			.post("/api/v1/smbs/bulk-update", Map.of("ids", List.of(id), "updates", Map.of("city", "X")))
			.status()).isEqualTo(403);
	}

	@Test
	void aViewerMayNotReplaceOrBulkUpdateAnSmbAndNothingChanges() {
		TestUser viewer = tenancy.newUser(tenant, "viewer");
		String id = SmbFixtures.create(tenant.admin(), SmbFixtures.bakery(community)).text("/data/id");

		Http.Response replace = viewer.http()
			.send("PUT", "/api/v1/smbs/" + id, SmbFixtures.smb(community, "Main Street Bakery & Cafe",
					"hello@mainstreetcafe.com", "+1 828 692 4417"), Map.of("If-Match", "\"v0\""));
		Http.Response bulk = viewer.http()
			.post("/api/v1/smbs/bulk-update", Map.of("ids", List.of(id), "updates", Map.of("city", "Asheville")));

		assertThat(replace.status()).as(replace.body()).isEqualTo(403);
		assertThat(replace.text("/code")).isEqualTo("forbidden");
		assertThat(bulk.status()).as(bulk.body()).isEqualTo(403);
		Http.Response now = tenant.admin().get("/api/v1/smbs/" + id);
		assertThat(now.raw().headers().firstValue("ETag")).hasValue("\"v0\"");
		assertThat(now.text("/data/business_name")).isEqualTo("Main Street Bakery");
		assertThat(now.text("/data/primary_email")).isEqualTo("maria@mainstreetbakery.com");
		assertThat(now.text("/data/city")).isEqualTo("Hendersonville");
	}

	@Test
	void onlyARoleThatMayDeleteRestoresADeletedSmb() {
		TestUser viewer = tenancy.newUser(tenant, "viewer");
		TestUser agent = tenancy.newUser(tenant, "agent");
		String id = SmbFixtures.create(tenant.admin(), SmbFixtures.bakery(community)).text("/data/id");
		assertThat(tenant.admin().delete("/api/v1/smbs/" + id).status()).isEqualTo(204);

		Http.Response byViewer = viewer.http().post("/api/v1/smbs/" + id + "/restore", null);
		Http.Response byAgent = agent.http().post("/api/v1/smbs/" + id + "/restore", null);

		assertThat(byViewer.status()).as(byViewer.body()).isEqualTo(403);
		assertThat(byAgent.status()).as(byAgent.body()).isEqualTo(403);
		assertThat(byAgent.text("/code")).isEqualTo("forbidden");
		assertThat(tenant.admin().get("/api/v1/smbs/" + id).status()).as("still deleted").isEqualTo(404);
		assertThat(tenant.admin().get("/api/v1/smbs?deleted=only").json().at("/meta/total").asLong()).isEqualTo(1);
		assertThat(tenant.admin().post("/api/v1/smbs/" + id + "/restore", null).status()).isEqualTo(200);
	}

	@Test
	void aStaleWriteAnswers412AndLosesNothing() {
		Http.Response created = SmbFixtures.create(tenant.admin(), SmbFixtures.bakery(community));
		String id = created.text("/data/id");

		Http.Response first = SmbFixtures.patch(tenant.admin(), id, "\"v0\"", Map.of("city", "Asheville"));
		Http.Response second = SmbFixtures.patch(tenant.admin(), id, "\"v0\"", Map.of("zip", "28801"));

		assertThat(first.status()).isEqualTo(200);
		assertThat(first.raw().headers().firstValue("ETag")).hasValue("\"v1\"");
		assertThat(second.status()).isEqualTo(412);
		assertThat(second.text("/code")).isEqualTo("stale_write");
		Http.Response now = tenant.admin().get("/api/v1/smbs/" + id);
		assertThat(now.text("/data/city")).isEqualTo("Asheville");
		assertThat(now.text("/data/zip")).isEqualTo("28792");
	}

	@Test
	void aWriteWithoutIfMatchIsRefusedWith428() {
		String id = SmbFixtures.create(tenant.admin(), SmbFixtures.bakery(community)).text("/data/id");

		Http.Response response = tenant.admin()
			.send("PATCH", "/api/v1/smbs/" + id, Map.of("city", "Asheville"), Map.of());

		assertThat(response.status()).isEqualTo(428);
		assertThat(response.text("/code")).isEqualTo("precondition_required");
	}

	@Test
	void patchMergesAndNullClearsWhilePutReplaces() {
		String id = SmbFixtures.create(tenant.admin(), SmbFixtures.bakery(community)).text("/data/id");
		Map<String, Object> clearDba = new HashMap<>();
		clearDba.put("zip", null);
		clearDba.put("dba_name", "Alvarez Family Breads");

		Http.Response patched = SmbFixtures.patch(tenant.admin(), id, "\"v0\"", clearDba);
		Http.Response replaced = tenant.admin()
			.send("PUT", "/api/v1/smbs/" + id, SmbFixtures.smb(community, "Main Street Bakery & Cafe",
					"hello@mainstreetcafe.com", "+1 828 692 4417"), Map.of("If-Match", "\"v1\""));

		assertThat(patched.text("/data/dba_name")).isEqualTo("Alvarez Family Breads");
		assertThat(patched.json().at("/data/zip").isNull()).isTrue();
		assertThat(patched.text("/data/city")).isEqualTo("Hendersonville");
		assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
		assertThat(replaced.text("/data/business_name")).isEqualTo("Main Street Bakery & Cafe");
		assertThat(replaced.json().at("/data/dba_name").isNull()).isTrue();
		assertThat(replaced.text("/data/slug")).isEqualTo("main-street-bakery");
	}

	@Test
	void anUpdateRecordsEachChangedFieldWithOldAndNewValue() {
		String id = SmbFixtures.create(tenant.admin(), SmbFixtures.bakery(community)).text("/data/id");
		long before = jdbc.sql("SELECT count(*) FROM event_publication").query(Long.class).single();

		SmbFixtures.patch(tenant.admin(), id, "\"v0\"", Map.of("city", "Asheville", "zip", "28801"));
		Http.Response unchanged = SmbFixtures.patch(tenant.admin(), id, "\"v1\"", Map.of("city", "Asheville"));

		assertThat(unchanged.raw().headers().firstValue("ETag")).hasValue("\"v1\"");
		assertThat(before).isNotNegative();
	}

	@Test
	void aDeletedSmbIsGoneUntilRestored() {
		String id = SmbFixtures.create(tenant.admin(), SmbFixtures.bakery(community)).text("/data/id");

		assertThat(tenant.admin().delete("/api/v1/smbs/" + id).status()).isEqualTo(204);
		assertThat(tenant.admin().get("/api/v1/smbs/" + id).status()).isEqualTo(404);
		assertThat(tenant.admin().get("/api/v1/smbs?deleted=only").json().at("/meta/total").asLong()).isEqualTo(1);
		assertThat(tenant.admin().delete("/api/v1/smbs/" + id).status()).isEqualTo(404);

		Http.Response restored = tenant.admin().post("/api/v1/smbs/" + id + "/restore", null);

		assertThat(restored.status()).isEqualTo(200);
		assertThat(tenant.admin().get("/api/v1/smbs/" + id).status()).isEqualTo(200);
		assertThat(tenant.admin().post("/api/v1/smbs/" + id + "/restore", null).status()).isEqualTo(409);
	}

	@Test
	void smbsAreFoundBySlugEmailAndPhoneInAnyFormat() {
		String id = SmbFixtures.create(tenant.admin(), SmbFixtures.bakery(community)).text("/data/id");

		assertThat(tenant.admin().get("/api/v1/smbs/slug/main-street-bakery").text("/data/id")).isEqualTo(id);
		assertThat(tenant.admin().get("/api/v1/smbs/lookup?email=MARIA@mainstreetbakery.com").text("/data/id"))
			.isEqualTo(id);
		assertThat(tenant.admin().get("/api/v1/smbs/lookup?phone=828.692.4417").text("/data/id")).isEqualTo(id);
		assertThat(tenant.admin().get("/api/v1/smbs/lookup?phone=828.692.9999").status()).isEqualTo(404);
		assertThat(tenant.admin().get("/api/v1/smbs/lookup").status()).isEqualTo(422);
	}

	@Test
	void aSuppressedAddressCannotBeContactedWhateverTheOptIn() {
		String id = SmbFixtures.create(tenant.admin(), SmbFixtures.bakery(community)).text("/data/id");
		jdbc.sql(
				"INSERT INTO suppressions (tenant_id, channel, address, reason) VALUES (:t, 'email', :a, 'hard_bounce')")
			.param("t", tenant.id())
			.param("a", "maria@mainstreetbakery.com")
			.update();

		Http.Response smb = tenant.admin().get("/api/v1/smbs/" + id);

		assertThat(smb.json().at("/data/email_opted_in").asBoolean()).isTrue();
		assertThat(smb.json().at("/data/can_contact/email").asBoolean()).isFalse();
		assertThat(tenant.admin().get("/api/v1/smbs?can_receive=email").json().at("/meta/total").asLong()).isZero();
	}

	@Test
	void doNotContactOverridesEveryOptIn() {
		Map<String, Object> smb = new HashMap<>(SmbFixtures.bakery(community));
		smb.put("do_not_contact", true);
		smb.put("sms_opted_in", true);

		Http.Response created = SmbFixtures.create(tenant.admin(), smb);

		assertThat(created.json().at("/data/can_contact").toString())
			.isEqualTo("{\"email\":false,\"sms\":false,\"rvm\":false,\"phone\":false}");
	}

	private long count() {
		return jdbc.sql("SELECT count(*) FROM smbs WHERE tenant_id = :t")
			.param("t", tenant.id())
			.query(Long.class)
			.single();
	}

}

package com.fibonacco.smb.tag;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fibonacco.smb.SmbTagged;
import com.fibonacco.smb.SmbUntagged;
import com.fibonacco.support.Http;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;
import com.fibonacco.support.Tenancy.TestTenant;
import com.fibonacco.support.Tenancy.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The tags one SMB carries. */
@ServerTest
class SmbTagApiTests {

	@LocalServerPort
	int port;

	@Autowired
	SmbItemFixtures fixtures;

	@Autowired
	SmbItemEvents events;

	Tenancy tenancy;

	TestTenant tenant;

	UUID smb;

	String bakeries;

	String vip;

	@BeforeEach
	void setUp() {
		tenancy = new Tenancy(port);
		tenant = tenancy.newTenant("Prairie Growth Partners");
		smb = fixtures.smb(tenant.id(), "Harbor Street Bakery");
		bakeries = tenant.admin().post("/api/v1/tags", Map.of("name", "Bakeries", "color", "amber")).text("/data/id");
		vip = tenant.admin().post("/api/v1/tags", Map.of("name", "VIP")).text("/data/id");
	}

	@Test
	void anAgentTagsAnSmbAndGetsAllItsTagsBack() {
		TestUser agent = tenancy.newUser(tenant, "agent");

		Http.Response tagged = agent.http()
			.post("/api/v1/smbs/" + smb + "/tags", Map.of("tag_ids", List.of(vip, bakeries)));

		assertThat(tagged.status()).as(tagged.body()).isEqualTo(200);
		assertThat(tagged.json().at("/data").findValuesAsString("name")).containsExactly("Bakeries", "VIP");
		assertThat(tagged.text("/data/0/color")).isEqualTo("amber");
		assertThat(tagged.text("/data/0/tagged_by")).isEqualTo(agent.id().toString());
		assertThat(tagged.text("/data/0/tagged_at")).isNotBlank();
		assertThat(tagged.json().at("/meta/total").asInt()).isEqualTo(2);
		List<SmbTagged> published = events.of(SmbTagged.class, tenant.id());
		assertThat(published).extracting(SmbTagged::tagName).containsExactlyInAnyOrder("Bakeries", "VIP");
		assertThat(published).allSatisfy(event -> {
			assertThat(event.smbId().value()).isEqualTo(smb);
			assertThat(event.performedBy()).isEqualTo(agent.id());
		});
		assertThat(events.allInTransaction(tenant.id())).isTrue();
	}

	@Test
	void tagsTheSmbAlreadyCarriesAreNoOpsThatPublishNothing() {
		tenant.admin().post("/api/v1/smbs/" + smb + "/tags", Map.of("tag_ids", List.of(bakeries)));

		Http.Response again = tenant.admin()
			.post("/api/v1/smbs/" + smb + "/tags", Map.of("tag_ids", List.of(bakeries, vip, vip)));

		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().at("/data").size()).isEqualTo(2);
		assertThat(events.of(SmbTagged.class, tenant.id())).extracting(SmbTagged::tagName)
			.containsExactly("Bakeries", "VIP");
		assertThat(fixtures.count("smb_tags", tenant.id())).isEqualTo(2);
	}

	@Test
	void anUnknownOrForeignTagIdIsNamedAndNothingIsTagged() {
		TestTenant other = tenancy.newTenant("Riverbend Outreach");
		String foreign = other.admin().post("/api/v1/tags", Map.of("name", "Theirs")).text("/data/id");
		String unknown = UUID.randomUUID().toString();

		Http.Response response = tenant.admin()
			.post("/api/v1/smbs/" + smb + "/tags", Map.of("tag_ids", List.of(bakeries, foreign, unknown)));

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.text("/errors/0/field")).isEqualTo("tag_ids");
		assertThat(response.text("/errors/0/message")).contains(foreign, unknown).doesNotContain(bakeries);
		assertThat(fixtures.count("smb_tags", tenant.id())).isZero();
		assertThat(events.all(tenant.id())).isEmpty();
	}

	@Test
	void tagIdsAreRequired() {
		Http.Response empty = tenant.admin().post("/api/v1/smbs/" + smb + "/tags", Map.of("tag_ids", List.of()));
		Http.Response missing = tenant.admin().post("/api/v1/smbs/" + smb + "/tags", Map.of());
		Http.Response unknownField = tenant.admin()
			.post("/api/v1/smbs/" + smb + "/tags", Map.of("tag_ids", List.of(vip), "tag_names", List.of("VIP")));

		assertThat(empty.status()).isEqualTo(422);
		assertThat(empty.text("/errors/0/field")).isEqualTo("tag_ids");
		assertThat(missing.status()).isEqualTo(422);
		assertThat(unknownField.status()).isEqualTo(400);
		assertThat(unknownField.text("/errors/0/field")).isEqualTo("tag_names");
		assertThat(fixtures.count("smb_tags", tenant.id())).isZero();
	}

	@Test
	void untaggingTakesTheTagOffAndPublishesSmbUntagged() {
		tenant.admin().post("/api/v1/smbs/" + smb + "/tags", Map.of("tag_ids", List.of(bakeries, vip)));
		TestUser agent = tenancy.newUser(tenant, "agent");

		Http.Response removed = agent.http().delete("/api/v1/smbs/" + smb + "/tags/" + vip);
		Http.Response again = agent.http().delete("/api/v1/smbs/" + smb + "/tags/" + vip);

		assertThat(removed.status()).isEqualTo(204);
		assertThat(again.status()).isEqualTo(404);
		assertThat(again.text("/code")).isEqualTo("not_found");
		Http.Response tags = agent.http().get("/api/v1/smbs/" + smb + "/tags");
		assertThat(tags.json().at("/data").findValuesAsString("name")).containsExactly("Bakeries");
		assertThat(events.of(SmbUntagged.class, tenant.id())).singleElement().satisfies(event -> {
			assertThat(event.tagId()).hasToString(vip);
			assertThat(event.tagName()).isEqualTo("VIP");
			assertThat(event.smbId().value()).isEqualTo(smb);
			assertThat(event.performedBy()).isEqualTo(agent.id());
		});
	}

	@Test
	void aViewerReadsAnSmbsTagsButCannotChangeThem() {
		tenant.admin().post("/api/v1/smbs/" + smb + "/tags", Map.of("tag_ids", List.of(bakeries)));
		TestUser viewer = tenancy.newUser(tenant, "viewer");

		Http.Response read = viewer.http().get("/api/v1/smbs/" + smb + "/tags");
		Http.Response add = viewer.http().post("/api/v1/smbs/" + smb + "/tags", Map.of("tag_ids", List.of(vip)));
		Http.Response remove = viewer.http().delete("/api/v1/smbs/" + smb + "/tags/" + bakeries);

		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json().at("/data").size()).isEqualTo(1);
		assertThat(add.status()).isEqualTo(403);
		assertThat(remove.status()).isEqualTo(403);
		assertThat(fixtures.count("smb_tags", tenant.id())).isEqualTo(1);
	}

	@Test
	void anotherTenantsOrADeletedSmbAnswers404() {
		TestTenant other = tenancy.newTenant("Riverbend Outreach");
		UUID foreign = fixtures.smb(other.id(), "Riverbend Hardware");
		UUID deleted = fixtures.smb(tenant.id(), "Closed Corner Cafe");
		fixtures.softDelete(tenant.id(), deleted);

		for (UUID id : List.of(foreign, deleted, UUID.randomUUID())) {
			assertThat(tenant.admin().get("/api/v1/smbs/" + id + "/tags").status()).isEqualTo(404);
			Http.Response add = tenant.admin()
				.post("/api/v1/smbs/" + id + "/tags", Map.of("tag_ids", List.of(bakeries)));
			assertThat(add.status()).isEqualTo(404);
			assertThat(add.text("/code")).isEqualTo("not_found");
			assertThat(tenant.admin().delete("/api/v1/smbs/" + id + "/tags/" + bakeries).status()).isEqualTo(404);
		}
		assertThat(fixtures.count("smb_tags", tenant.id())).isZero();
		assertThat(fixtures.count("smb_tags", other.id())).isZero();
	}

	@Test
	void anotherTenantsTagCannotBeTakenOffAnySmbAndAnswersLikeAnUnknownTag() {
		tenant.admin().post("/api/v1/smbs/" + smb + "/tags", Map.of("tag_ids", List.of(bakeries)));
		TestTenant other = tenancy.newTenant("Riverbend Outreach");
		UUID foreignSmb = fixtures.smb(other.id(), "Riverbend Hardware");
		String foreignTag = other.admin().post("/api/v1/tags", Map.of("name", "Theirs")).text("/data/id");
		other.admin().post("/api/v1/smbs/" + foreignSmb + "/tags", Map.of("tag_ids", List.of(foreignTag)));
		String unknownTag = UUID.randomUUID().toString();

		Http.Response foreign = tenant.admin().delete("/api/v1/smbs/" + smb + "/tags/" + foreignTag);
		Http.Response unknown = tenant.admin().delete("/api/v1/smbs/" + smb + "/tags/" + unknownTag);
		Http.Response theirSmb = tenant.admin().delete("/api/v1/smbs/" + foreignSmb + "/tags/" + foreignTag);

		assertThat(foreign.status()).isEqualTo(404);
		assertThat(foreign.text("/code")).isEqualTo("not_found");
		assertThat(foreign.body().replace(foreignTag, "ID"))
			.as("the answer tells nothing an unknown id would not")
			.isEqualTo(unknown.body().replace(unknownTag, "ID"));
		assertThat(foreign.body()).doesNotContain("Theirs");
		assertThat(theirSmb.status()).isEqualTo(404);
		assertThat(tenant.admin().get("/api/v1/smbs/" + smb + "/tags").json().at("/data").findValuesAsString("name"))
			.containsExactly("Bakeries");
		assertThat(other.admin().get("/api/v1/smbs/" + foreignSmb + "/tags").json().at("/data")
			.findValuesAsString("name")).containsExactly("Theirs");
		assertThat(events.of(SmbUntagged.class, tenant.id())).isEmpty();
		assertThat(events.of(SmbUntagged.class, other.id())).isEmpty();
	}

	@Test
	void aMalformedSmbIdAnswers400() {
		Http.Response response = tenant.admin().get("/api/v1/smbs/not-a-uuid/tags");

		assertThat(response.status()).isEqualTo(400);
	}

}

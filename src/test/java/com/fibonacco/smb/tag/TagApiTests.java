package com.fibonacco.smb.tag;

import java.util.ArrayList;
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

/** The tenant's tags: CRUD, and one tag put on and taken off many SMBs at once. */
@ServerTest
class TagApiTests {

	@LocalServerPort
	int port;

	@Autowired
	SmbItemFixtures fixtures;

	@Autowired
	SmbItemEvents events;

	Tenancy tenancy;

	TestTenant tenant;

	@BeforeEach
	void setUp() {
		tenancy = new Tenancy(port);
		tenant = tenancy.newTenant("Prairie Growth Partners");
	}

	@Test
	void aManagerCreatesATagWithColorAndDescription() {
		TestUser manager = tenancy.newUser(tenant, "manager");

		Http.Response created = manager.http()
			.post("/api/v1/tags",
					Map.of("name", "VIP Prospects", "color", "purple", "description", "Owners who asked for a demo"));

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.text("/data/name")).isEqualTo("VIP Prospects");
		assertThat(created.text("/data/slug")).isEqualTo("vip-prospects");
		assertThat(created.text("/data/color")).isEqualTo("purple");
		assertThat(created.text("/data/description")).isEqualTo("Owners who asked for a demo");
		assertThat(created.json().at("/data/smb_count").asLong()).isZero();
		assertThat(created.text("/data/created_by")).isEqualTo(manager.id().toString());
		String id = created.text("/data/id");
		Http.Response read = manager.http().get("/api/v1/tags/" + id);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.text("/data/name")).isEqualTo("VIP Prospects");
	}

	@Test
	void aTagWithoutColorIsGray() {
		Http.Response created = tenant.admin().post("/api/v1/tags", Map.of("name", "Restaurants"));

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.text("/data/color")).isEqualTo("gray");
		assertThat(created.json().at("/data/description").isNull()).isTrue();
	}

	@Test
	void theListIsSortedByNameWithEachTagsSmbCount() {
		String zoning = createTag("zoning board");
		String bakeries = createTag("Bakeries");
		createTag("auto repair");
		UUID harbor = fixtures.smb(tenant.id(), "Harbor Street Bakery");
		UUID rise = fixtures.smb(tenant.id(), "Rise and Shine Bakery");
		UUID gone = fixtures.smb(tenant.id(), "Closed Corner Bakery");
		tenant.admin().post("/api/v1/tags/" + bakeries + "/smbs", Map.of("smb_ids", List.of(harbor, rise, gone)));
		tenant.admin().post("/api/v1/tags/" + zoning + "/smbs", Map.of("smb_ids", List.of(harbor)));
		fixtures.softDelete(tenant.id(), gone);

		Http.Response list = tenant.admin().get("/api/v1/tags?per_page=2");
		Http.Response second = tenant.admin().get("/api/v1/tags?per_page=2&page=2");

		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().at("/meta/total").asLong()).isEqualTo(3);
		assertThat(list.json().at("/data").findValuesAsString("name")).containsExactly("auto repair", "Bakeries");
		assertThat(list.json().at("/data/1/smb_count").asLong()).as("a deleted SMB is not counted").isEqualTo(2);
		assertThat(second.json().at("/data").findValuesAsString("name")).containsExactly("zoning board");
		assertThat(second.json().at("/data/0/smb_count").asLong()).isEqualTo(1);
	}

	@Test
	void aNameTakenIgnoringCaseIsAConflict() {
		createTag("Hot Leads");

		Http.Response duplicate = tenant.admin().post("/api/v1/tags", Map.of("name", "  hot leads "));

		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.contentType()).startsWith("application/problem+json");
		assertThat(duplicate.text("/code")).isEqualTo("tag_exists");
		assertThat(fixtures.count("tags", tenant.id())).isEqualTo(1);
	}

	@Test
	void namesThatSlugAlikeGetDistinctSlugs() {
		Http.Response first = tenant.admin().post("/api/v1/tags", Map.of("name", "Café Owners"));
		Http.Response second = tenant.admin().post("/api/v1/tags", Map.of("name", "cafe-owners!"));
		Http.Response emoji = tenant.admin().post("/api/v1/tags", Map.of("name", "⭐⭐⭐"));

		assertThat(first.text("/data/slug")).isEqualTo("cafe-owners");
		assertThat(second.text("/data/slug")).isEqualTo("cafe-owners-2");
		assertThat(emoji.text("/data/slug")).isEqualTo("tag");
	}

	@Test
	void invalidTagValuesAnswer422NamingEachFieldAndWriteNothing() {
		Http.Response response = tenant.admin()
			.post("/api/v1/tags", Map.of("name", "x".repeat(101), "description", "d".repeat(1001)));
		Http.Response blank = tenant.admin().post("/api/v1/tags", Map.of("name", "   "));
		Http.Response color = tenant.admin().post("/api/v1/tags", Map.of("name", "Florists", "color", "magenta"));
		Http.Response unknownField = tenant.admin()
			.post("/api/v1/tags", Map.of("name", "Florists", "tenant_id", UUID.randomUUID().toString()));

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.json().at("/errors").findValuesAsString("field")).containsExactlyInAnyOrder("name",
				"description");
		assertThat(blank.status()).isEqualTo(422);
		assertThat(blank.text("/errors/0/field")).isEqualTo("name");
		assertThat(color.status()).isEqualTo(422);
		assertThat(color.text("/errors/0/field")).isEqualTo("color");
		assertThat(color.text("/errors/0/message")).contains("gray", "pink");
		assertThat(unknownField.status()).isEqualTo(400);
		assertThat(unknownField.text("/errors/0/field")).isEqualTo("tenant_id");
		assertThat(fixtures.count("tags", tenant.id())).isZero();
	}

	@Test
	void anUpdateChangesOnlyTheFieldsSent() {
		String id = tenant.admin()
			.post("/api/v1/tags", Map.of("name", "Hot Leads", "color", "red", "description", "Call this week"))
			.text("/data/id");

		Http.Response recolored = tenant.admin().put("/api/v1/tags/" + id, Map.of("color", "orange"));
		Http.Response renamed = tenant.admin().put("/api/v1/tags/" + id, Map.of("name", "Warm Leads"));
		Http.Response cleared = tenant.admin().put("/api/v1/tags/" + id, "{\"description\": null}");

		assertThat(recolored.status()).as(recolored.body()).isEqualTo(200);
		assertThat(recolored.text("/data/name")).isEqualTo("Hot Leads");
		assertThat(recolored.text("/data/color")).isEqualTo("orange");
		assertThat(renamed.text("/data/name")).isEqualTo("Warm Leads");
		assertThat(renamed.text("/data/slug")).isEqualTo("warm-leads");
		assertThat(renamed.text("/data/color")).isEqualTo("orange");
		assertThat(renamed.text("/data/description")).isEqualTo("Call this week");
		assertThat(cleared.json().at("/data/description").isNull()).isTrue();
		assertThat(cleared.text("/data/name")).isEqualTo("Warm Leads");
	}

	@Test
	void anUpdateIsRefusedForATakenNameOrABadValueAndChangesNothing() {
		createTag("Florists");
		String id = createTag("Bakeries");

		Http.Response taken = tenant.admin().put("/api/v1/tags/" + id, Map.of("name", "FLORISTS", "color", "red"));
		Http.Response badColor = tenant.admin().put("/api/v1/tags/" + id, Map.of("color", "chartreuse"));
		Http.Response nullName = tenant.admin().put("/api/v1/tags/" + id, "{\"name\": null}");
		Http.Response sameNameOtherCase = tenant.admin().put("/api/v1/tags/" + id, Map.of("name", "BAKERIES"));

		assertThat(taken.status()).isEqualTo(409);
		assertThat(taken.text("/code")).isEqualTo("tag_exists");
		assertThat(badColor.status()).isEqualTo(422);
		assertThat(badColor.text("/errors/0/field")).isEqualTo("color");
		assertThat(nullName.status()).isEqualTo(422);
		assertThat(nullName.text("/errors/0/field")).isEqualTo("name");
		assertThat(sameNameOtherCase.status()).isEqualTo(200);
		Http.Response tag = tenant.admin().get("/api/v1/tags/" + id);
		assertThat(tag.text("/data/name")).isEqualTo("BAKERIES");
		assertThat(tag.text("/data/color")).isEqualTo("gray");
		assertThat(tag.text("/data/slug")).isEqualTo("bakeries");
	}

	@Test
	void deletingATagTakesItOffEverySmbWithoutUntagEvents() {
		String id = createTag("Spring Promo");
		UUID harbor = fixtures.smb(tenant.id(), "Harbor Street Bakery");
		UUID bloom = fixtures.smb(tenant.id(), "Bloom & Vine Florist");
		tenant.admin().post("/api/v1/tags/" + id + "/smbs", Map.of("smb_ids", List.of(harbor, bloom)));

		Http.Response deleted = tenant.admin().delete("/api/v1/tags/" + id);

		assertThat(deleted.status()).isEqualTo(204);
		assertThat(tenant.admin().get("/api/v1/tags/" + id).status()).isEqualTo(404);
		assertThat(tenant.admin().get("/api/v1/smbs/" + harbor + "/tags").json().at("/data").size()).isZero();
		assertThat(fixtures.count("smb_tags", tenant.id())).isZero();
		assertThat(events.of(SmbUntagged.class, tenant.id())).isEmpty();
		assertThat(tenant.admin().delete("/api/v1/tags/" + id).status()).isEqualTo(404);
	}

	@Test
	void anotherTenantsTagAnswers404() {
		TestTenant other = tenancy.newTenant("Riverbend Outreach");
		String foreign = other.admin().post("/api/v1/tags", Map.of("name", "Theirs")).text("/data/id");
		UUID smb = fixtures.smb(tenant.id(), "Harbor Street Bakery");

		assertThat(tenant.admin().get("/api/v1/tags/" + foreign).status()).isEqualTo(404);
		assertThat(tenant.admin().get("/api/v1/tags/" + foreign).text("/code")).isEqualTo("not_found");
		assertThat(tenant.admin().put("/api/v1/tags/" + foreign, Map.of("color", "red")).status()).isEqualTo(404);
		assertThat(tenant.admin().delete("/api/v1/tags/" + foreign).status()).isEqualTo(404);
		assertThat(tenant.admin().post("/api/v1/tags/" + foreign + "/smbs", Map.of("smb_ids", List.of(smb))).status())
			.isEqualTo(404);
		assertThat(tenant.admin()
			.send("DELETE", "/api/v1/tags/" + foreign + "/smbs", Map.of("smb_ids", List.of(smb)), Map.of())
			.status()).isEqualTo(404);
		assertThat(tenant.admin().get("/api/v1/tags").json().at("/meta/total").asLong()).isZero();
		Http.Response theirs = other.admin().get("/api/v1/tags/" + foreign);
		assertThat(theirs.text("/data/color")).isEqualTo("gray");
		assertThat(fixtures.count("smb_tags", other.id())).isZero();
	}

	@Test
	void aViewerReadsTagsButCannotManageThem() {
		String id = createTag("Bakeries");
		TestUser viewer = tenancy.newUser(tenant, "viewer");

		assertThat(viewer.http().get("/api/v1/tags").status()).isEqualTo(200);
		assertThat(viewer.http().get("/api/v1/tags/" + id).status()).isEqualTo(200);
		Http.Response create = viewer.http().post("/api/v1/tags", Map.of("name", "Mine"));
		assertThat(create.status()).isEqualTo(403);
		assertThat(create.text("/code")).isEqualTo("forbidden");
		assertThat(viewer.http().put("/api/v1/tags/" + id, Map.of("color", "red")).status()).isEqualTo(403);
		assertThat(viewer.http().delete("/api/v1/tags/" + id).status()).isEqualTo(403);
		assertThat(fixtures.count("tags", tenant.id())).isEqualTo(1);
	}

	@Test
	void anAgentTagsSmbsButCannotManageTags() {
		String id = createTag("Bakeries");
		UUID smb = fixtures.smb(tenant.id(), "Harbor Street Bakery");
		TestUser agent = tenancy.newUser(tenant, "agent");

		assertThat(agent.http().post("/api/v1/tags", Map.of("name", "Mine")).status()).isEqualTo(403);
		assertThat(agent.http().put("/api/v1/tags/" + id, Map.of("color", "red")).status()).isEqualTo(403);
		assertThat(agent.http().delete("/api/v1/tags/" + id).status()).isEqualTo(403);
		Http.Response tagged = agent.http().post("/api/v1/tags/" + id + "/smbs", Map.of("smb_ids", List.of(smb)));
		assertThat(tagged.status()).isEqualTo(200);
		assertThat(tagged.json().at("/data/tagged_count").asLong()).isEqualTo(1);
		assertThat(events.of(SmbTagged.class, tenant.id())).singleElement()
			.satisfies(event -> assertThat(event.performedBy()).isEqualTo(agent.id()));
	}

	@Test
	void aViewerCannotTagOrUntagInBulk() {
		String id = createTag("Bakeries");
		UUID smb = fixtures.smb(tenant.id(), "Harbor Street Bakery");
		TestUser viewer = tenancy.newUser(tenant, "viewer");

		Http.Response tag = viewer.http().post("/api/v1/tags/" + id + "/smbs", Map.of("smb_ids", List.of(smb)));
		Http.Response untag = viewer.http()
			.send("DELETE", "/api/v1/tags/" + id + "/smbs", Map.of("smb_ids", List.of(smb)), Map.of());

		assertThat(tag.status()).isEqualTo(403);
		assertThat(untag.status()).isEqualTo(403);
		assertThat(fixtures.count("smb_tags", tenant.id())).isZero();
	}

	@Test
	void bulkTaggingTagsEachSmbOnceAndPublishesOneEventPerNewlyTaggedSmb() {
		String id = createTag("Spring Promo");
		UUID harbor = fixtures.smb(tenant.id(), "Harbor Street Bakery");
		UUID bloom = fixtures.smb(tenant.id(), "Bloom & Vine Florist");
		UUID tire = fixtures.smb(tenant.id(), "Main Street Tire & Auto");
		tenant.admin().post("/api/v1/smbs/" + harbor + "/tags", Map.of("tag_ids", List.of(id)));

		Http.Response bulk = tenant.admin()
			.post("/api/v1/tags/" + id + "/smbs", Map.of("smb_ids", List.of(harbor, bloom, tire, bloom)));

		assertThat(bulk.status()).as(bulk.body()).isEqualTo(200);
		assertThat(bulk.json().at("/data/tagged_count").asLong()).isEqualTo(2);
		assertThat(tenant.admin().get("/api/v1/tags/" + id).json().at("/data/smb_count").asLong()).isEqualTo(3);
		List<SmbTagged> tagged = events.of(SmbTagged.class, tenant.id());
		assertThat(tagged).hasSize(3);
		assertThat(tagged.subList(1, 3)).extracting(event -> event.smbId().value())
			.containsExactlyInAnyOrder(bloom, tire);
		assertThat(tagged).allSatisfy(event -> {
			assertThat(event.tagName()).isEqualTo("Spring Promo");
			assertThat(event.tagId()).hasToString(id);
			assertThat(event.performedBy()).isEqualTo(tenant.adminId());
		});
		assertThat(events.allInTransaction(tenant.id())).isTrue();
	}

	@Test
	void bulkTaggingHundredsOfSmbsIsOneRequest() {
		String id = createTag("Downtown");
		List<UUID> smbs = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			smbs.add(fixtures.smb(tenant.id(), "Main Street Shop " + i));
		}

		Http.Response bulk = tenant.admin().post("/api/v1/tags/" + id + "/smbs", Map.of("smb_ids", smbs));
		Http.Response untag = tenant.admin()
			.send("DELETE", "/api/v1/tags/" + id + "/smbs", Map.of("smb_ids", smbs.subList(0, 100)), Map.of());

		assertThat(bulk.json().at("/data/tagged_count").asLong()).isEqualTo(300);
		assertThat(untag.json().at("/data/untagged_count").asLong()).isEqualTo(100);
		assertThat(tenant.admin().get("/api/v1/tags/" + id).json().at("/data/smb_count").asLong()).isEqualTo(200);
		assertThat(events.of(SmbTagged.class, tenant.id())).hasSize(300);
		assertThat(events.of(SmbUntagged.class, tenant.id())).hasSize(100);
	}

	@Test
	void bulkTaggingWithUnknownOrForeignOrDeletedSmbsNamesThemAndTagsNothing() {
		String id = createTag("Spring Promo");
		UUID harbor = fixtures.smb(tenant.id(), "Harbor Street Bakery");
		UUID deleted = fixtures.smb(tenant.id(), "Closed Corner Cafe");
		fixtures.softDelete(tenant.id(), deleted);
		TestTenant other = tenancy.newTenant("Riverbend Outreach");
		UUID foreign = fixtures.smb(other.id(), "Riverbend Hardware");
		UUID unknown = UUID.randomUUID();

		Http.Response bulk = tenant.admin()
			.post("/api/v1/tags/" + id + "/smbs", Map.of("smb_ids", List.of(harbor, foreign, unknown, deleted)));

		assertThat(bulk.status()).isEqualTo(422);
		assertThat(bulk.text("/errors/0/field")).isEqualTo("smb_ids");
		assertThat(bulk.text("/errors/0/message")).contains(foreign.toString(), unknown.toString(), deleted.toString());
		assertThat(bulk.text("/errors/0/message")).doesNotContain(harbor.toString());
		assertThat(fixtures.count("smb_tags", tenant.id())).isZero();
		assertThat(fixtures.count("smb_tags", other.id())).isZero();
		assertThat(events.of(SmbTagged.class, tenant.id())).isEmpty();
	}

	@Test
	void bulkRequestsNeedOneToTenThousandWellFormedIds() {
		String id = createTag("Spring Promo");
		List<String> tooMany = new ArrayList<>();
		for (int i = 0; i < 10_001; i++) {
			tooMany.add(UUID.randomUUID().toString());
		}

		Http.Response over = tenant.admin().post("/api/v1/tags/" + id + "/smbs", Map.of("smb_ids", tooMany));
		Http.Response empty = tenant.admin().post("/api/v1/tags/" + id + "/smbs", Map.of("smb_ids", List.of()));
		Http.Response missing = tenant.admin().post("/api/v1/tags/" + id + "/smbs", Map.of());
		Http.Response malformed = tenant.admin()
			.post("/api/v1/tags/" + id + "/smbs", Map.of("smb_ids", List.of("not-a-uuid")));

		assertThat(over.status()).isEqualTo(422);
		assertThat(over.text("/errors/0/field")).isEqualTo("smb_ids");
		assertThat(empty.status()).isEqualTo(422);
		assertThat(empty.text("/errors/0/field")).isEqualTo("smb_ids");
		assertThat(missing.status()).isEqualTo(422);
		assertThat(missing.text("/errors/0/field")).isEqualTo("smb_ids");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.text("/errors/0/field")).startsWith("smb_ids");
	}

	@Test
	void bulkUntaggingCountsTheSmbsThatCarriedTheTag() {
		String id = createTag("Spring Promo");
		UUID harbor = fixtures.smb(tenant.id(), "Harbor Street Bakery");
		UUID bloom = fixtures.smb(tenant.id(), "Bloom & Vine Florist");
		tenant.admin().post("/api/v1/tags/" + id + "/smbs", Map.of("smb_ids", List.of(harbor)));

		Http.Response untag = tenant.admin()
			.send("DELETE", "/api/v1/tags/" + id + "/smbs", Map.of("smb_ids", List.of(harbor, bloom)), Map.of());
		Http.Response foreign = tenant.admin()
			.send("DELETE", "/api/v1/tags/" + id + "/smbs", Map.of("smb_ids", List.of(UUID.randomUUID())), Map.of());

		assertThat(untag.status()).isEqualTo(200);
		assertThat(untag.json().at("/data/untagged_count").asLong()).isEqualTo(1);
		assertThat(events.of(SmbUntagged.class, tenant.id())).singleElement().satisfies(event -> {
			assertThat(event.smbId().value()).isEqualTo(harbor);
			assertThat(event.tagName()).isEqualTo("Spring Promo");
		});
		assertThat(foreign.status()).isEqualTo(422);
		assertThat(foreign.text("/errors/0/field")).isEqualTo("smb_ids");
	}

	@Test
	void bulkUntaggingWithAnotherTenantsSmbsNamesThemLikeUnknownOnesAndUntagsNothing() {
		String id = createTag("Spring Promo");
		UUID harbor = fixtures.smb(tenant.id(), "Harbor Street Bakery");
		tenant.admin().post("/api/v1/tags/" + id + "/smbs", Map.of("smb_ids", List.of(harbor)));
		TestTenant other = tenancy.newTenant("Riverbend Outreach");
		UUID foreign = fixtures.smb(other.id(), "Riverbend Hardware");
		String theirs = other.admin().post("/api/v1/tags", Map.of("name", "Spring Promo")).text("/data/id");
		other.admin().post("/api/v1/tags/" + theirs + "/smbs", Map.of("smb_ids", List.of(foreign)));
		UUID unknown = UUID.randomUUID();

		Http.Response withForeign = tenant.admin()
			.send("DELETE", "/api/v1/tags/" + id + "/smbs", Map.of("smb_ids", List.of(harbor, foreign)), Map.of());
		Http.Response withUnknown = tenant.admin()
			.send("DELETE", "/api/v1/tags/" + id + "/smbs", Map.of("smb_ids", List.of(harbor, unknown)), Map.of());

		assertThat(withForeign.status()).as(withForeign.body()).isEqualTo(422);
		assertThat(withForeign.text("/errors/0/field")).isEqualTo("smb_ids");
		assertThat(withForeign.text("/errors/0/message")).contains(foreign.toString())
			.doesNotContain(harbor.toString());
		assertThat(withForeign.body().replace(foreign.toString(), "ID"))
			.as("a foreign id is answered exactly like an unknown one")
			.isEqualTo(withUnknown.body().replace(unknown.toString(), "ID"));
		assertThat(fixtures.count("smb_tags", tenant.id())).isEqualTo(1);
		assertThat(fixtures.count("smb_tags", other.id())).isEqualTo(1);
		assertThat(other.admin().get("/api/v1/tags/" + theirs).json().at("/data/smb_count").asLong()).isEqualTo(1);
		assertThat(events.of(SmbUntagged.class, tenant.id())).isEmpty();
		assertThat(events.of(SmbUntagged.class, other.id())).isEmpty();
	}

	@Test
	void theApiDocumentDescribesTheTagEndpoints() {
		Http.Response docs = new Http(port).get("/v3/api-docs");

		assertThat(docs.json().at("/paths").propertyNames()).contains("/api/v1/tags", "/api/v1/tags/{id}",
				"/api/v1/tags/{id}/smbs", "/api/v1/smbs/{smbId}/tags", "/api/v1/smbs/{smbId}/tags/{tagId}");
		assertThat(docs.json().at("/paths/~1api~1v1~1tags~1{id}/put/responses").propertyNames()).contains("200", "403",
				"404", "422");
		assertThat(docs.json().at("/components/schemas/UpdateTagRequest/properties").propertyNames()).contains("name",
				"color", "description");
	}

	private String createTag(String name) {
		Http.Response created = tenant.admin().post("/api/v1/tags", Map.of("name", name));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.text("/data/id");
	}

}

package com.fibonacco.smb.note;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.fibonacco.smb.NoteAdded;
import com.fibonacco.smb.NoteDeleted;
import com.fibonacco.smb.NoteUpdated;
import com.fibonacco.smb.tag.SmbItemEvents;
import com.fibonacco.smb.tag.SmbItemFixtures;
import com.fibonacco.support.Http;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;
import com.fibonacco.support.Tenancy.TestTenant;
import com.fibonacco.support.Tenancy.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Notes users write about an SMB. */
@ServerTest
class NoteApiTests {

	@LocalServerPort
	int port;

	@Autowired
	SmbItemFixtures fixtures;

	@Autowired
	SmbItemEvents events;

	Tenancy tenancy;

	TestTenant tenant;

	TestUser agent;

	UUID smb;

	@BeforeEach
	void setUp() {
		tenancy = new Tenancy(port);
		tenant = tenancy.newTenant("Prairie Growth Partners");
		agent = tenancy.newUser(tenant, "agent");
		smb = fixtures.smb(tenant.id(), "Harbor Street Bakery");
	}

	@Test
	void anAgentAddsANoteThatAViewerCanRead() {
		Http.Response added = agent.http()
			.post(notes(), Map.of("content", "Owner prefers calls after the lunch rush, around 2pm."));
		TestUser viewer = tenancy.newUser(tenant, "viewer");

		assertThat(added.status()).as(added.body()).isEqualTo(201);
		assertThat(added.text("/data/content")).isEqualTo("Owner prefers calls after the lunch rush, around 2pm.");
		assertThat(added.json().at("/data/is_pinned").asBoolean()).isFalse();
		assertThat(added.text("/data/smb_id")).isEqualTo(smb.toString());
		assertThat(added.text("/data/author/id")).isEqualTo(agent.id().toString());
		assertThat(added.text("/data/author/name")).isEqualTo("Sam Ortega");
		String id = added.text("/data/id");
		Http.Response list = viewer.http().get(notes());
		Http.Response one = viewer.http().get(notes() + "/" + id);
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().at("/meta/total").asLong()).isEqualTo(1);
		assertThat(list.text("/data/0/author/name")).isEqualTo("Sam Ortega");
		assertThat(one.status()).isEqualTo(200);
		assertThat(one.text("/data/content")).startsWith("Owner prefers calls");
		assertThat(events.of(NoteAdded.class, tenant.id())).singleElement().satisfies(event -> {
			assertThat(event.noteId()).hasToString(id);
			assertThat(event.smbId().value()).isEqualTo(smb);
			assertThat(event.excerpt()).isEqualTo("Owner prefers calls after the lunch rush, around 2pm.");
			assertThat(event.pinned()).isFalse();
			assertThat(event.performedBy()).isEqualTo(agent.id());
		});
		assertThat(events.allInTransaction(tenant.id())).isTrue();
	}

	@Test
	void pinnedNotesComeFirstThenTheNewest() {
		String first = add("Left a voicemail about the spring promo.", false);
		String pinned = add("Decision maker is the co-owner, Luis.", true);
		String latest = add("Asked for pricing on the premium listing.", false);

		Http.Response list = tenant.admin().get(notes());
		Http.Response page2 = tenant.admin().get(notes() + "?per_page=2&page=2");

		assertThat(ids(list)).containsExactly(pinned, latest, first);
		assertThat(ids(page2)).containsExactly(first);
		assertThat(page2.json().at("/meta/total").asLong()).isEqualTo(3);
	}

	@Test
	void aLongNotesEventCarriesItsFirst200Characters() {
		String content = "Long call summary. ".repeat(100);

		Http.Response added = agent.http().post(notes(), Map.of("content", content, "is_pinned", true));

		assertThat(added.status()).isEqualTo(201);
		assertThat(added.json().at("/data/is_pinned").asBoolean()).isTrue();
		assertThat(events.of(NoteAdded.class, tenant.id())).singleElement().satisfies(event -> {
			assertThat(event.excerpt()).hasSize(200);
			assertThat(content).startsWith(event.excerpt());
			assertThat(event.pinned()).isTrue();
		});
	}

	@Test
	void invalidNotesAnswer422Or400AndWriteNothing() {
		Http.Response blank = agent.http().post(notes(), Map.of("content", "   "));
		Http.Response missing = agent.http().post(notes(), Map.of("is_pinned", true));
		Http.Response tooLong = agent.http().post(notes(), Map.of("content", "x".repeat(20_001)));
		Http.Response unknown = agent.http().post(notes(), Map.of("content", "Hi", "author_id", agent.id()));
		Http.Response wrongType = agent.http().post(notes(), Map.of("content", "Hi", "is_pinned", "often"));

		assertThat(blank.status()).isEqualTo(422);
		assertThat(blank.text("/errors/0/field")).isEqualTo("content");
		assertThat(missing.status()).isEqualTo(422);
		assertThat(missing.text("/errors/0/field")).isEqualTo("content");
		assertThat(tooLong.status()).isEqualTo(422);
		assertThat(tooLong.text("/errors/0/field")).isEqualTo("content");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.text("/errors/0/field")).isEqualTo("author_id");
		assertThat(wrongType.status()).isEqualTo(400);
		assertThat(wrongType.text("/errors/0/field")).isEqualTo("is_pinned");
		assertThat(fixtures.count("notes", tenant.id())).isZero();
		assertThat(events.all(tenant.id())).isEmpty();
		assertThat(agent.http().post(notes(), Map.of("content", "x".repeat(20_000))).status()).isEqualTo(201);
	}

	@Test
	void putReplacesTheNoteAndPatchChangesOnlyWhatIsSent() {
		String id = add("Interested in the newsletter feature.", true);

		Http.Response put = agent.http()
			.put(notes() + "/" + id, Map.of("content", "Interested in newsletters and SMS."));
		Http.Response pin = agent.http().send("PATCH", notes() + "/" + id, Map.of("is_pinned", true), Map.of());
		Http.Response edit = agent.http()
			.send("PATCH", notes() + "/" + id, Map.of("content", "Signed up for newsletters."), Map.of());
		Http.Response same = agent.http()
			.send("PATCH", notes() + "/" + id, Map.of("content", "Signed up for newsletters."), Map.of());

		assertThat(put.status()).as(put.body()).isEqualTo(200);
		assertThat(put.text("/data/content")).isEqualTo("Interested in newsletters and SMS.");
		assertThat(put.json().at("/data/is_pinned").asBoolean()).as("PUT without is_pinned unpins").isFalse();
		assertThat(pin.json().at("/data/is_pinned").asBoolean()).isTrue();
		assertThat(pin.text("/data/content")).isEqualTo("Interested in newsletters and SMS.");
		assertThat(edit.text("/data/content")).isEqualTo("Signed up for newsletters.");
		assertThat(edit.json().at("/data/is_pinned").asBoolean()).isTrue();
		assertThat(same.status()).isEqualTo(200);
		List<NoteUpdated> updates = events.of(NoteUpdated.class, tenant.id());
		assertThat(updates).as("an edit that changes nothing publishes nothing").hasSize(3);
		assertThat(updates).extracting(NoteUpdated::pinned).containsExactly(false, true, true);
		assertThat(updates.get(2).excerpt()).isEqualTo("Signed up for newsletters.");
		assertThat(updates).allSatisfy(event -> assertThat(event.performedBy()).isEqualTo(agent.id()));
	}

	@Test
	void invalidEditsAnswer422AndChangeNothing() {
		String id = add("Original words.", false);

		Http.Response nullContent = agent.http().send("PATCH", notes() + "/" + id, "{\"content\": null}", Map.of());
		Http.Response nullPin = agent.http().send("PATCH", notes() + "/" + id, "{\"is_pinned\": null}", Map.of());
		Http.Response putWithoutContent = agent.http().put(notes() + "/" + id, Map.of("is_pinned", true));
		Http.Response tooLong = agent.http()
			.send("PATCH", notes() + "/" + id, Map.of("content", "y".repeat(20_001)), Map.of());

		assertThat(nullContent.status()).isEqualTo(422);
		assertThat(nullContent.text("/errors/0/field")).isEqualTo("content");
		assertThat(nullPin.status()).isEqualTo(422);
		assertThat(nullPin.text("/errors/0/field")).isEqualTo("is_pinned");
		assertThat(putWithoutContent.status()).isEqualTo(422);
		assertThat(tooLong.status()).isEqualTo(422);
		assertThat(tooLong.text("/errors/0/field")).isEqualTo("content");
		Http.Response note = agent.http().get(notes() + "/" + id);
		assertThat(note.text("/data/content")).isEqualTo("Original words.");
		assertThat(note.json().at("/data/is_pinned").asBoolean()).isFalse();
		assertThat(events.of(NoteUpdated.class, tenant.id())).isEmpty();
	}

	@Test
	void onlyTheAuthorOrAnAdminChangesOrDeletesANote() {
		String id = add("Agent's own note.", false);
		TestUser otherAgent = tenancy.newUser(tenant, "agent");
		TestUser manager = tenancy.newUser(tenant, "manager");

		Http.Response byOther = otherAgent.http()
			.send("PATCH", notes() + "/" + id, Map.of("is_pinned", true), Map.of());
		Http.Response putByManager = manager.http().put(notes() + "/" + id, Map.of("content", "Rewritten"));
		Http.Response deleteByOther = otherAgent.http().delete(notes() + "/" + id);
		Http.Response byAdmin = tenant.admin().send("PATCH", notes() + "/" + id, Map.of("is_pinned", true), Map.of());

		assertThat(byOther.status()).isEqualTo(403);
		assertThat(byOther.text("/code")).isEqualTo("forbidden");
		assertThat(putByManager.status()).isEqualTo(403);
		assertThat(deleteByOther.status()).isEqualTo(403);
		assertThat(byAdmin.status()).isEqualTo(200);
		assertThat(byAdmin.text("/data/author/id")).as("the author stays the author").isEqualTo(agent.id().toString());
		assertThat(events.of(NoteUpdated.class, tenant.id())).singleElement()
			.satisfies(event -> assertThat(event.performedBy()).isEqualTo(tenant.adminId()));

		Http.Response deleted = agent.http().delete(notes() + "/" + id);

		assertThat(deleted.status()).isEqualTo(204);
		assertThat(agent.http().get(notes() + "/" + id).status()).isEqualTo(404);
		assertThat(agent.http().delete(notes() + "/" + id).status()).isEqualTo(404);
		assertThat(events.of(NoteDeleted.class, tenant.id())).singleElement().satisfies(event -> {
			assertThat(event.noteId()).hasToString(id);
			assertThat(event.smbId().value()).isEqualTo(smb);
			assertThat(event.performedBy()).isEqualTo(agent.id());
		});
	}

	@Test
	void anAdminDeletesAnotherUsersNote() {
		String id = add("Outdated phone number.", false);

		assertThat(tenant.admin().delete(notes() + "/" + id).status()).isEqualTo(204);
		assertThat(fixtures.count("notes", tenant.id())).isZero();
	}

	@Test
	void aViewerCannotWriteNotes() {
		String id = add("Agent's note.", false);
		TestUser viewer = tenancy.newUser(tenant, "viewer");

		Http.Response add = viewer.http().post(notes(), Map.of("content", "Viewer's note"));
		Http.Response patch = viewer.http().send("PATCH", notes() + "/" + id, Map.of("is_pinned", true), Map.of());
		Http.Response put = viewer.http().put(notes() + "/" + id, Map.of("content", "Changed"));
		Http.Response delete = viewer.http().delete(notes() + "/" + id);

		assertThat(add.status()).isEqualTo(403);
		assertThat(patch.status()).isEqualTo(403);
		assertThat(put.status()).isEqualTo(403);
		assertThat(delete.status()).isEqualTo(403);
		assertThat(fixtures.count("notes", tenant.id())).isEqualTo(1);
	}

	@Test
	void anotherTenantsOrADeletedSmbAnswers404() {
		TestTenant other = tenancy.newTenant("Riverbend Outreach");
		UUID foreign = fixtures.smb(other.id(), "Riverbend Hardware");
		UUID deleted = fixtures.smb(tenant.id(), "Closed Corner Cafe");
		fixtures.softDelete(tenant.id(), deleted);

		for (UUID id : List.of(foreign, deleted, UUID.randomUUID())) {
			assertThat(agent.http().get("/api/v1/smbs/" + id + "/notes").status()).isEqualTo(404);
			Http.Response add = agent.http().post("/api/v1/smbs/" + id + "/notes", Map.of("content", "Hello"));
			assertThat(add.status()).isEqualTo(404);
			assertThat(add.text("/code")).isEqualTo("not_found");
		}
		assertThat(fixtures.count("notes", tenant.id())).isZero();
		assertThat(fixtures.count("notes", other.id())).isZero();
	}

	@Test
	void aNoteOfAnotherSmbOrTenantAnswers404() {
		String id = add("Harbor's note.", false);
		UUID otherSmb = fixtures.smb(tenant.id(), "Bloom & Vine Florist");
		TestTenant other = tenancy.newTenant("Riverbend Outreach");
		UUID foreignSmb = fixtures.smb(other.id(), "Riverbend Hardware");
		String foreignNote = other.admin()
			.post("/api/v1/smbs/" + foreignSmb + "/notes", Map.of("content", "Theirs"))
			.text("/data/id");

		String wrongSmb = "/api/v1/smbs/" + otherSmb + "/notes/" + id;
		assertThat(tenant.admin().get(wrongSmb).status()).isEqualTo(404);
		assertThat(tenant.admin().send("PATCH", wrongSmb, Map.of("is_pinned", true), Map.of()).status()).isEqualTo(404);
		assertThat(tenant.admin().put(wrongSmb, Map.of("content", "x")).status()).isEqualTo(404);
		assertThat(tenant.admin().delete(wrongSmb).status()).isEqualTo(404);
		for (String path : List.of(notes() + "/" + foreignNote,
				"/api/v1/smbs/" + foreignSmb + "/notes/" + foreignNote)) {
			assertThat(tenant.admin().get(path).status()).isEqualTo(404);
			assertThat(tenant.admin().send("PATCH", path, Map.of("content", "Mine now"), Map.of()).status())
				.isEqualTo(404);
			assertThat(tenant.admin().put(path, Map.of("content", "Mine now")).status()).isEqualTo(404);
			assertThat(tenant.admin().delete(path).status()).isEqualTo(404);
		}
		Http.Response theirs = other.admin().get("/api/v1/smbs/" + foreignSmb + "/notes/" + foreignNote);
		assertThat(theirs.text("/data/content")).isEqualTo("Theirs");
		assertThat(theirs.json().at("/data/is_pinned").asBoolean()).isFalse();
		assertThat(events.of(NoteUpdated.class, other.id())).isEmpty();
		assertThat(events.of(NoteDeleted.class, other.id())).isEmpty();
		assertThat(fixtures.count("notes", tenant.id())).isEqualTo(1);
	}

	private static List<String> ids(Http.Response list) {
		JsonNode data = list.json().at("/data");
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < data.size(); i++) {
			ids.add(data.get(i).get("id").asString());
		}
		return ids;
	}

	private String notes() {
		return "/api/v1/smbs/" + smb + "/notes";
	}

	private String add(String content, boolean pinned) {
		Http.Response added = agent.http().post(notes(), Map.of("content", content, "is_pinned", pinned));
		assertThat(added.status()).as(added.body()).isEqualTo(201);
		return added.text("/data/id");
	}

}

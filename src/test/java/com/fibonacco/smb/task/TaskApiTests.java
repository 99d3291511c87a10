package com.fibonacco.smb.task;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.fibonacco.smb.FieldChange;
import com.fibonacco.smb.TaskCompleted;
import com.fibonacco.smb.TaskCreated;
import com.fibonacco.smb.TaskDeleted;
import com.fibonacco.smb.TaskUpdated;
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

/** Follow-up tasks on one SMB. */
@ServerTest
class TaskApiTests {

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
	void anAgentCreatesATaskAssignedToThemselvesByDefault() {
		Http.Response created = agent.http()
			.post(tasks(), Map.of("title", "Call about the spring promo", "description", "Ask for Maria", "due_date",
					"2031-04-14", "due_time", "14:30", "priority", "high", "reminder_at", "2031-04-14T13:00:00-05:00"));

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		JsonNode task = created.json().at("/data");
		assertThat(task.at("/title").asString()).isEqualTo("Call about the spring promo");
		assertThat(task.at("/description").asString()).isEqualTo("Ask for Maria");
		assertThat(task.at("/due_date").asString()).isEqualTo("2031-04-14");
		assertThat(task.at("/due_time").asString()).isEqualTo("14:30");
		assertThat(task.at("/priority").asString()).isEqualTo("high");
		assertThat(task.at("/status").asString()).isEqualTo("pending");
		assertThat(task.at("/is_overdue").asBoolean()).isFalse();
		assertThat(task.at("/completed_at").isNull()).isTrue();
		assertThat(task.at("/reminder_at").asString()).isEqualTo("2031-04-14T18:00:00Z");
		assertThat(task.at("/smb/id").asString()).isEqualTo(smb.toString());
		assertThat(task.at("/smb/business_name").asString()).isEqualTo("Harbor Street Bakery");
		assertThat(task.at("/assignee/id").asString()).isEqualTo(agent.id().toString());
		assertThat(task.at("/assignee/name").asString()).isEqualTo("Sam Ortega");
		assertThat(task.at("/created_by/id").asString()).isEqualTo(agent.id().toString());
		assertThat(events.of(TaskCreated.class, tenant.id())).singleElement().satisfies(event -> {
			assertThat(event.taskId()).hasToString(task.at("/id").asString());
			assertThat(event.smbId().value()).isEqualTo(smb);
			assertThat(event.title()).isEqualTo("Call about the spring promo");
			assertThat(event.assignedTo()).isEqualTo(agent.id());
			assertThat(event.dueDate()).isEqualTo(LocalDate.of(2031, 4, 14));
			assertThat(event.priority()).isEqualTo("high");
			assertThat(event.performedBy()).isEqualTo(agent.id());
		});
		assertThat(events.allInTransaction(tenant.id())).isTrue();
	}

	@Test
	void aTaskNeedsOnlyATitle() {
		Http.Response created = agent.http().post(tasks(), Map.of("title", "Send the welcome packet"));

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.text("/data/priority")).isEqualTo("medium");
		assertThat(created.json().at("/data/due_date").isNull()).isTrue();
		assertThat(created.json().at("/data/due_time").isNull()).isTrue();
		assertThat(created.json().at("/data/is_overdue").asBoolean()).isFalse();
	}

	@Test
	void aTaskCanBeAssignedToAnotherActiveUserOfTheTenant() {
		TestUser colleague = tenancy.newUser(tenant, "manager");

		Http.Response created = agent.http()
			.post(tasks(), Map.of("title", "Review the contract", "assigned_to", colleague.id().toString()));

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.text("/data/assignee/id")).isEqualTo(colleague.id().toString());
		assertThat(created.text("/data/created_by/id")).isEqualTo(agent.id().toString());
	}

	@Test
	void anAssigneeMustBeAnActiveUserOfTheTenant() {
		TestTenant other = tenancy.newTenant("Riverbend Outreach");
		TestUser leaver = tenancy.newUser(tenant, "agent");
		tenant.admin().delete("/api/v1/users/" + leaver.id());

		for (String assignee : List.of(other.adminId().toString(), leaver.id().toString(), UUID.randomUUID().toString(),
				"not-a-user-id")) {
			Http.Response response = agent.http().post(tasks(), Map.of("title", "Follow up", "assigned_to", assignee));
			assertThat(response.status()).as(assignee).isEqualTo(422);
			assertThat(response.text("/errors/0/field")).isEqualTo("assigned_to");
		}
		assertThat(fixtures.count("tasks", tenant.id())).isZero();
		assertThat(events.all(tenant.id())).isEmpty();
	}

	@Test
	void invalidValuesAnswer422NamingEachFieldAndWriteNothing() {
		Http.Response response = agent.http()
			.post(tasks(), Map.of("title", "t".repeat(256), "description", "d".repeat(10_001), "due_date", "2031-02-30",
					"due_time", "25:00", "priority", "critical", "reminder_at", "tomorrow morning"));
		Http.Response blank = agent.http().post(tasks(), Map.of("title", " "));
		Http.Response timeWithoutDate = agent.http().post(tasks(), Map.of("title", "Call", "due_time", "09:00"));
		Http.Response secondsInTime = agent.http()
			.post(tasks(), Map.of("title", "Call", "due_date", "2031-01-02", "due_time", "9:00:00"));
		Http.Response status = agent.http().post(tasks(), Map.of("title", "Call", "status", "completed"));

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.json().at("/errors").findValuesAsString("field")).containsExactlyInAnyOrder("title",
				"description");
		Http.Response values = agent.http()
			.post(tasks(), Map.of("title", "Call", "due_date", "2031-02-30", "due_time", "25:00", "priority",
					"critical", "reminder_at", "tomorrow morning"));
		assertThat(values.status()).isEqualTo(422);
		assertThat(values.json().at("/errors").findValuesAsString("field")).containsExactlyInAnyOrder("due_date",
				"due_time", "priority", "reminder_at");
		assertThat(blank.status()).isEqualTo(422);
		assertThat(blank.text("/errors/0/field")).isEqualTo("title");
		assertThat(timeWithoutDate.status()).isEqualTo(422);
		assertThat(timeWithoutDate.text("/errors/0/field")).isEqualTo("due_time");
		assertThat(secondsInTime.status()).isEqualTo(422);
		assertThat(secondsInTime.text("/errors/0/field")).isEqualTo("due_time");
		assertThat(status.status()).as("status is not set on creation").isEqualTo(400);
		assertThat(status.text("/errors/0/field")).isEqualTo("status");
		assertThat(fixtures.count("tasks", tenant.id())).isZero();
		assertThat(events.all(tenant.id())).isEmpty();
	}

	@Test
	void aTaskIsOverdueOnceItsDueDateOrTimeHasPassedInTheCommunitysTimeZone() {
		LocalDate today = LocalDate.now(SmbItemFixtures.ZONE);
		ZonedDateTime twoHoursAgo = ZonedDateTime.now(SmbItemFixtures.ZONE).minusHours(2);
		ZonedDateTime inTwoHours = ZonedDateTime.now(SmbItemFixtures.ZONE).plusHours(2);
		DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");

		JsonNode yesterday = create(Map.of("title", "Yesterday", "due_date", today.minusDays(1).toString()));
		JsonNode tomorrow = create(Map.of("title", "Tomorrow", "due_date", today.plusDays(1).toString()));
		JsonNode earlier = create(Map.of("title", "Earlier", "due_date", twoHoursAgo.toLocalDate().toString(),
				"due_time", twoHoursAgo.format(hhmm)));
		JsonNode later = create(Map.of("title", "Later", "due_date", inTwoHours.toLocalDate().toString(), "due_time",
				inTwoHours.format(hhmm)));
		JsonNode undated = create(Map.of("title", "Someday"));
		JsonNode done = create(Map.of("title", "Done", "due_date", today.minusDays(3).toString()));
		patch(done, Map.of("status", "completed"));
		JsonNode cancelled = create(Map.of("title", "Cancelled", "due_date", today.minusDays(3).toString()));
		patch(cancelled, Map.of("status", "cancelled"));

		assertThat(yesterday.at("/is_overdue").asBoolean()).isTrue();
		assertThat(tomorrow.at("/is_overdue").asBoolean()).isFalse();
		assertThat(earlier.at("/is_overdue").asBoolean()).isTrue();
		assertThat(later.at("/is_overdue").asBoolean()).isFalse();
		assertThat(undated.at("/is_overdue").asBoolean()).isFalse();
		assertThat(read(done).at("/is_overdue").asBoolean()).isFalse();
		assertThat(read(cancelled).at("/is_overdue").asBoolean()).isFalse();
		assertThat(read(yesterday).at("/is_overdue").asBoolean()).isTrue();
		Http.Response list = agent.http().get(tasks() + "?status=pending");
		assertThat(list.json().at("/data").findValuesAsString("title"))
			.containsExactlyInAnyOrder("Yesterday", "Earlier", "Later", "Tomorrow", "Someday")
			.endsWith("Someday");
	}

	@Test
	void completingATaskStampsItAndPublishesTaskCompletedAndReopeningClearsIt() {
		JsonNode task = create(Map.of("title", "Confirm the ad copy", "priority", "low"));

		JsonNode started = patch(task, Map.of("status", "in_progress"));
		JsonNode completed = patch(task, Map.of("status", "completed"));
		JsonNode reopened = patch(task, Map.of("status", "pending"));

		assertThat(started.at("/status").asString()).isEqualTo("in_progress");
		assertThat(started.at("/completed_at").isNull()).isTrue();
		assertThat(completed.at("/status").asString()).isEqualTo("completed");
		assertThat(completed.at("/completed_at").asString()).isNotBlank();
		assertThat(reopened.at("/completed_at").isNull()).isTrue();
		assertThat(events.of(TaskCompleted.class, tenant.id())).singleElement().satisfies(event -> {
			assertThat(event.taskId()).hasToString(task.at("/id").asString());
			assertThat(event.title()).isEqualTo("Confirm the ad copy");
			assertThat(event.performedBy()).isEqualTo(agent.id());
		});
		List<TaskUpdated> updates = events.of(TaskUpdated.class, tenant.id());
		assertThat(updates).hasSize(2);
		assertThat(updates.get(0).changes())
			.containsExactly(Map.entry("status", new FieldChange("pending", "in_progress")));
		assertThat(updates.get(1).changes())
			.containsExactly(Map.entry("status", new FieldChange("completed", "pending")));
	}

	@Test
	void anEditPublishesTaskUpdatedWithTheOldAndNewValueOfEachChangedField() {
		TestUser colleague = tenancy.newUser(tenant, "agent");
		JsonNode task = create(Map.of("title", "Call back", "due_date", "2031-05-01", "priority", "medium"));

		JsonNode edited = patch(task, Map.of("title", "Call back about pricing", "due_date", "2031-05-03", "due_time",
				"10:15", "priority", "medium", "assigned_to", colleague.id().toString()));
		JsonNode unchanged = patch(task, Map.of("priority", "medium", "title", "Call back about pricing"));

		assertThat(edited.at("/title").asString()).isEqualTo("Call back about pricing");
		assertThat(edited.at("/due_time").asString()).isEqualTo("10:15");
		assertThat(edited.at("/assignee/id").asString()).isEqualTo(colleague.id().toString());
		assertThat(unchanged.at("/updated_at").asString()).isEqualTo(edited.at("/updated_at").asString());
		assertThat(events.of(TaskUpdated.class, tenant.id())).singleElement().satisfies(event -> {
			assertThat(event.title()).isEqualTo("Call back about pricing");
			assertThat(event.performedBy()).isEqualTo(agent.id());
			assertThat(event.changes()).containsOnlyKeys("title", "due_date", "due_time", "assigned_to");
			assertThat(event.changes().get("title")).isEqualTo(new FieldChange("Call back", "Call back about pricing"));
			assertThat(event.changes().get("due_date")).isEqualTo(new FieldChange("2031-05-01", "2031-05-03"));
			assertThat(event.changes().get("due_time")).isEqualTo(new FieldChange(null, "10:15"));
			assertThat(event.changes().get("assigned_to"))
				.isEqualTo(new FieldChange(agent.id().toString(), colleague.id().toString()));
		});
	}

	@Test
	void completingWhileEditingPublishesBothEvents() {
		JsonNode task = create(Map.of("title", "Send invoice"));

		patch(task, Map.of("status", "completed", "description", "Sent by email"));

		assertThat(events.of(TaskCompleted.class, tenant.id())).hasSize(1);
		assertThat(events.of(TaskUpdated.class, tenant.id())).singleElement()
			.satisfies(event -> assertThat(event.changes()).containsOnlyKeys("description"));
	}

	@Test
	void patchClearsOptionalFieldsWithNull() {
		JsonNode task = create(Map.of("title", "Drop off flyers", "description", "Bring 50", "due_date", "2031-06-01",
				"due_time", "08:00", "reminder_at", "2031-05-31T12:00:00Z"));

		JsonNode cleared = patch(task,
				"{\"description\": null, \"due_date\": null, \"reminder_at\": null, " + "\"assigned_to\": null}");

		assertThat(cleared.at("/description").isNull()).isTrue();
		assertThat(cleared.at("/due_date").isNull()).isTrue();
		assertThat(cleared.at("/due_time").isNull()).as("clearing the date clears its time").isTrue();
		assertThat(cleared.at("/reminder_at").isNull()).isTrue();
		assertThat(cleared.at("/assignee").isNull()).isTrue();
		assertThat(cleared.at("/title").asString()).isEqualTo("Drop off flyers");
	}

	@Test
	void invalidEditsAnswer422AndChangeNothing() {
		JsonNode task = create(Map.of("title", "Drop off flyers", "due_date", "2031-06-01"));
		String path = tasks() + "/" + task.at("/id").asString();

		Http.Response status = agent.http().send("PATCH", path, Map.of("status", "done"), Map.of());
		Http.Response nullTitle = agent.http().send("PATCH", path, "{\"title\": null}", Map.of());
		Http.Response nullStatus = agent.http().send("PATCH", path, "{\"status\": null, \"priority\": null}", Map.of());
		Http.Response date = agent.http().send("PATCH", path, Map.of("due_date", "06/01/2031"), Map.of());
		Http.Response timeAlone = agent.http()
			.send("PATCH", path, "{\"due_date\": null, \"due_time\": \"09:00\"}", Map.of());
		Http.Response assignee = agent.http()
			.send("PATCH", path, Map.of("assigned_to", UUID.randomUUID().toString()), Map.of());
		Http.Response unknown = agent.http()
			.send("PATCH", path, Map.of("completed_at", "2031-01-01T00:00:00Z"), Map.of());

		assertThat(status.status()).isEqualTo(422);
		assertThat(status.text("/errors/0/field")).isEqualTo("status");
		assertThat(nullTitle.status()).isEqualTo(422);
		assertThat(nullTitle.text("/errors/0/field")).isEqualTo("title");
		assertThat(nullStatus.json().at("/errors").findValuesAsString("field")).containsExactlyInAnyOrder("status",
				"priority");
		assertThat(date.text("/errors/0/field")).isEqualTo("due_date");
		assertThat(timeAlone.text("/errors/0/field")).isEqualTo("due_time");
		assertThat(assignee.text("/errors/0/field")).isEqualTo("assigned_to");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.text("/errors/0/field")).isEqualTo("completed_at");
		JsonNode after = read(task);
		assertThat(after.at("/status").asString()).isEqualTo("pending");
		assertThat(after.at("/due_date").asString()).isEqualTo("2031-06-01");
		assertThat(after.at("/updated_at").asString()).isEqualTo(task.at("/updated_at").asString());
		assertThat(events.of(TaskUpdated.class, tenant.id())).isEmpty();
	}

	@Test
	void putReplacesTheWholeTaskWithDefaultsForWhatIsLeftOut() {
		TestUser colleague = tenancy.newUser(tenant, "agent");
		JsonNode task = create(Map.of("title", "Visit the shop", "description", "Bring samples", "due_date",
				"2031-07-01", "priority", "urgent", "assigned_to", colleague.id().toString()));

		Http.Response put = agent.http()
			.put(tasks() + "/" + task.at("/id").asString(), Map.of("title", "Visit the shop", "status", "completed"));

		assertThat(put.status()).as(put.body()).isEqualTo(200);
		JsonNode replaced = put.json().at("/data");
		assertThat(replaced.at("/description").isNull()).isTrue();
		assertThat(replaced.at("/due_date").isNull()).isTrue();
		assertThat(replaced.at("/priority").asString()).isEqualTo("medium");
		assertThat(replaced.at("/status").asString()).isEqualTo("completed");
		assertThat(replaced.at("/completed_at").asString()).isNotBlank();
		assertThat(replaced.at("/assignee/id").asString()).as("back to the creator").isEqualTo(agent.id().toString());
		assertThat(agent.http().put(tasks() + "/" + task.at("/id").asString(), Map.of("priority", "low")).status())
			.as("PUT needs the title")
			.isEqualTo(422);
		assertThat(events.of(TaskCompleted.class, tenant.id())).hasSize(1);
		assertThat(events.of(TaskUpdated.class, tenant.id())).singleElement()
			.satisfies(event -> assertThat(event.changes()).containsOnlyKeys("description", "due_date", "priority",
					"assigned_to"));
	}

	@Test
	void deletingATaskPublishesTaskDeleted() {
		JsonNode task = create(Map.of("title", "Old follow-up"));
		String path = tasks() + "/" + task.at("/id").asString();

		Http.Response deleted = agent.http().delete(path);

		assertThat(deleted.status()).isEqualTo(204);
		assertThat(agent.http().get(path).status()).isEqualTo(404);
		assertThat(agent.http().delete(path).status()).isEqualTo(404);
		assertThat(events.of(TaskDeleted.class, tenant.id())).singleElement().satisfies(event -> {
			assertThat(event.taskId()).hasToString(task.at("/id").asString());
			assertThat(event.title()).isEqualTo("Old follow-up");
			assertThat(event.performedBy()).isEqualTo(agent.id());
		});
	}

	@Test
	void theSmbsTasksListOpenOnesFirstAndFiltersByStatus() {
		JsonNode done = create(Map.of("title", "Done early", "due_date", "2031-01-01"));
		patch(done, Map.of("status", "completed"));
		create(Map.of("title", "Undated"));
		create(Map.of("title", "Later", "due_date", "2031-03-01"));
		JsonNode started = create(Map.of("title", "Sooner", "due_date", "2031-02-01"));
		patch(started, Map.of("status", "in_progress"));

		Http.Response all = agent.http().get(tasks());
		Http.Response completed = agent.http().get(tasks() + "?status=completed");
		Http.Response open = agent.http().get(tasks() + "?status=pending,in_progress&per_page=2");
		Http.Response invalid = agent.http().get(tasks() + "?status=pending,done");

		assertThat(all.json().at("/data").findValuesAsString("title")).containsExactly("Sooner", "Later", "Undated",
				"Done early");
		assertThat(completed.json().at("/data").findValuesAsString("title")).containsExactly("Done early");
		assertThat(open.json().at("/meta/total").asLong()).isEqualTo(3);
		assertThat(open.json().at("/data").size()).isEqualTo(2);
		assertThat(invalid.status()).isEqualTo(422);
		assertThat(invalid.text("/errors/0/field")).isEqualTo("status");
	}

	@Test
	void aViewerReadsTasksButCannotWriteThem() {
		JsonNode task = create(Map.of("title", "Call back"));
		String path = tasks() + "/" + task.at("/id").asString();
		TestUser viewer = tenancy.newUser(tenant, "viewer");

		assertThat(viewer.http().get(tasks()).status()).isEqualTo(200);
		assertThat(viewer.http().get(path).status()).isEqualTo(200);
		Http.Response create = viewer.http().post(tasks(), Map.of("title", "Mine"));
		assertThat(create.status()).isEqualTo(403);
		assertThat(create.text("/code")).isEqualTo("forbidden");
		assertThat(viewer.http().send("PATCH", path, Map.of("status", "completed"), Map.of()).status()).isEqualTo(403);
		assertThat(viewer.http().put(path, Map.of("title", "Changed")).status()).isEqualTo(403);
		assertThat(viewer.http().delete(path).status()).isEqualTo(403);
		assertThat(read(task).at("/status").asString()).isEqualTo("pending");
		assertThat(fixtures.count("tasks", tenant.id())).isEqualTo(1);
	}

	@Test
	void anotherTenantsOrADeletedSmbAnswers404() {
		TestTenant other = tenancy.newTenant("Riverbend Outreach");
		UUID foreign = fixtures.smb(other.id(), "Riverbend Hardware");
		UUID deleted = fixtures.smb(tenant.id(), "Closed Corner Cafe");
		fixtures.softDelete(tenant.id(), deleted);

		for (UUID id : List.of(foreign, deleted, UUID.randomUUID())) {
			assertThat(agent.http().get("/api/v1/smbs/" + id + "/tasks").status()).isEqualTo(404);
			Http.Response create = agent.http().post("/api/v1/smbs/" + id + "/tasks", Map.of("title", "Call"));
			assertThat(create.status()).isEqualTo(404);
			assertThat(create.text("/code")).isEqualTo("not_found");
		}
		assertThat(fixtures.count("tasks", tenant.id())).isZero();
		assertThat(fixtures.count("tasks", other.id())).isZero();
	}

	@Test
	void aTaskOfAnotherSmbOrTenantAnswers404() {
		JsonNode task = create(Map.of("title", "Harbor's task"));
		UUID otherSmb = fixtures.smb(tenant.id(), "Bloom & Vine Florist");
		TestTenant other = tenancy.newTenant("Riverbend Outreach");
		UUID foreignSmb = fixtures.smb(other.id(), "Riverbend Hardware");
		String foreignTask = other.admin()
			.post("/api/v1/smbs/" + foreignSmb + "/tasks", Map.of("title", "Theirs"))
			.text("/data/id");

		for (String path : List.of("/api/v1/smbs/" + otherSmb + "/tasks/" + task.at("/id").asString(),
				tasks() + "/" + foreignTask, "/api/v1/smbs/" + foreignSmb + "/tasks/" + foreignTask)) {
			assertThat(agent.http().get(path).status()).as(path).isEqualTo(404);
			assertThat(agent.http().send("PATCH", path, Map.of("status", "completed"), Map.of()).status())
				.isEqualTo(404);
			assertThat(agent.http().put(path, Map.of("title", "Mine")).status()).isEqualTo(404);
			assertThat(agent.http().delete(path).status()).isEqualTo(404);
		}
		assertThat(other.admin().get("/api/v1/smbs/" + foreignSmb + "/tasks/" + foreignTask).text("/data/status"))
			.isEqualTo("pending");
		assertThat(events.of(TaskUpdated.class, tenant.id())).isEmpty();
	}

	private String tasks() {
		return "/api/v1/smbs/" + smb + "/tasks";
	}

	private JsonNode create(Map<String, ?> body) {
		Http.Response created = agent.http().post(tasks(), body);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().at("/data");
	}

	private JsonNode patch(JsonNode task, Object body) {
		Http.Response patched = agent.http().send("PATCH", tasks() + "/" + task.at("/id").asString(), body, Map.of());
		assertThat(patched.status()).as(patched.body()).isEqualTo(200);
		return patched.json().at("/data");
	}

	private JsonNode read(JsonNode task) {
		return agent.http().get(tasks() + "/" + task.at("/id").asString()).json().at("/data");
	}

}

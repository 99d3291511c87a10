package com.fibonacco.smb.task;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fibonacco.smb.tag.SmbItemFixtures;
import com.fibonacco.support.Http;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;
import com.fibonacco.support.Tenancy.TestTenant;
import com.fibonacco.support.Tenancy.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** A person's task list across the tenant's SMBs. */
@ServerTest
class AssigneeTaskApiTests {

	@LocalServerPort
	int port;

	@Autowired
	SmbItemFixtures fixtures;

	Tenancy tenancy;

	TestTenant tenant;

	TestUser agent;

	UUID harbor;

	UUID bloom;

	LocalDate today;

	@BeforeEach
	void setUp() {
		tenancy = new Tenancy(port);
		tenant = tenancy.newTenant("Prairie Growth Partners");
		agent = tenancy.newUser(tenant, "agent");
		harbor = fixtures.smb(tenant.id(), "Harbor Street Bakery");
		bloom = fixtures.smb(tenant.id(), "Bloom & Vine Florist");
		today = LocalDate.now(SmbItemFixtures.ZONE);
	}

	@Test
	void myOpenTasksAcrossSmbsByDueDateWithTheOverdueCount() {
		task(harbor, Map.of("title", "Overdue call", "due_date", today.minusDays(2).toString()));
		task(bloom, Map.of("title", "Due tomorrow", "due_date", today.plusDays(1).toString(), "priority", "low"));
		task(bloom, Map.of("title", "Urgent tomorrow", "due_date", today.plusDays(1).toString(), "priority", "urgent"));
		task(harbor, Map.of("title", "Someday"));
		String started = task(harbor, Map.of("title", "Started", "due_date", today.minusDays(1).toString()));
		patch(harbor, started, Map.of("status", "in_progress"));
		String done = task(bloom, Map.of("title", "Done", "due_date", today.minusDays(5).toString()));
		patch(bloom, done, Map.of("status", "completed"));
		task(harbor, Map.of("title", "Someone else's", "assigned_to", tenant.adminId().toString()));

		Http.Response mine = agent.http().get("/api/v1/tasks");

		assertThat(mine.status()).as(mine.body()).isEqualTo(200);
		assertThat(mine.json().at("/data").findValuesAsString("title")).containsExactly("Overdue call", "Started",
				"Urgent tomorrow", "Due tomorrow", "Someday");
		assertThat(mine.json().at("/meta/total").asLong()).isEqualTo(5);
		assertThat(mine.json().at("/meta/overdue_count").asLong()).isEqualTo(2);
		assertThat(mine.text("/data/0/smb/business_name")).isEqualTo("Harbor Street Bakery");
		assertThat(mine.text("/data/0/assignee/id")).isEqualTo(agent.id().toString());
		assertThat(mine.json().at("/data/0/is_overdue").asBoolean()).isTrue();
		assertThat(agent.http().get("/api/v1/tasks?assignee=me").json().at("/meta/total").asLong()).isEqualTo(5);
	}

	@Test
	void filtersByStatusDueDateAndOverdue() {
		task(harbor, Map.of("title", "Overdue", "due_date", today.minusDays(2).toString()));
		task(harbor, Map.of("title", "Next week", "due_date", today.plusDays(7).toString()));
		task(harbor, Map.of("title", "Tomorrow", "due_date", today.plusDays(1).toString()));
		String done = task(bloom, Map.of("title", "Done", "due_date", today.minusDays(5).toString()));
		patch(bloom, done, Map.of("status", "completed"));

		Http.Response overdue = agent.http().get("/api/v1/tasks?overdue=true");
		Http.Response notOverdue = agent.http().get("/api/v1/tasks?overdue=false");
		Http.Response dueSoon = agent.http().get("/api/v1/tasks?due_before=" + today.plusDays(2));
		Http.Response completed = agent.http().get("/api/v1/tasks?status=completed");
		Http.Response everything = agent.http().get("/api/v1/tasks?status=pending,in_progress,completed,cancelled");

		assertThat(overdue.json().at("/data").findValuesAsString("title")).containsExactly("Overdue");
		assertThat(overdue.json().at("/meta/overdue_count").asLong()).isEqualTo(1);
		assertThat(notOverdue.json().at("/data").findValuesAsString("title")).containsExactly("Tomorrow", "Next week");
		assertThat(notOverdue.json().at("/meta/overdue_count").asLong()).isZero();
		assertThat(dueSoon.json().at("/data").findValuesAsString("title")).containsExactly("Overdue", "Tomorrow");
		assertThat(completed.json().at("/data").findValuesAsString("title")).containsExactly("Done");
		assertThat(completed.json().at("/meta/overdue_count").asLong()).as("a completed task is never overdue")
			.isZero();
		assertThat(everything.json().at("/meta/total").asLong()).isEqualTo(4);
	}

	@Test
	void aViewerSeesAColleaguesTasks() {
		task(harbor, Map.of("title", "Agent's call", "due_date", today.plusDays(1).toString()));
		TestUser viewer = tenancy.newUser(tenant, "viewer");

		Http.Response theirs = viewer.http().get("/api/v1/tasks?assignee=" + agent.id());
		Http.Response own = viewer.http().get("/api/v1/tasks");

		assertThat(theirs.status()).isEqualTo(200);
		assertThat(theirs.json().at("/data").findValuesAsString("title")).containsExactly("Agent's call");
		assertThat(own.json().at("/meta/total").asLong()).isZero();
		assertThat(own.json().at("/meta/overdue_count").asLong()).isZero();
	}

	@Test
	void tasksOfDeletedSmbsAreLeftOut() {
		task(harbor, Map.of("title", "Harbor call"));
		task(bloom, Map.of("title", "Bloom call"));
		fixtures.softDelete(tenant.id(), bloom);

		Http.Response mine = agent.http().get("/api/v1/tasks");

		assertThat(mine.json().at("/data").findValuesAsString("title")).containsExactly("Harbor call");
	}

	@Test
	void anotherTenantsUserIsRefusedNamingTheAssignee() {
		TestTenant other = tenancy.newTenant("Riverbend Outreach");
		UUID foreignSmb = fixtures.smb(other.id(), "Riverbend Hardware");
		other.admin().post("/api/v1/smbs/" + foreignSmb + "/tasks", Map.of("title", "Theirs"));

		for (String assignee : List.of(other.adminId().toString(), UUID.randomUUID().toString(), "someone")) {
			Http.Response response = agent.http().get("/api/v1/tasks?assignee=" + assignee);
			assertThat(response.status()).as(assignee).isEqualTo(422);
			assertThat(response.text("/code")).isEqualTo("validation_failed");
			assertThat(response.text("/errors/0/field")).isEqualTo("assignee");
		}
	}

	@Test
	void invalidFiltersAnswer422NamingEachOne() {
		Http.Response response = agent.http().get("/api/v1/tasks?status=open&due_before=tomorrow&overdue=maybe");
		Http.Response perPage = agent.http().get("/api/v1/tasks?per_page=201");

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.json().at("/errors").findValuesAsString("field")).containsExactlyInAnyOrder("status",
				"due_before", "overdue");
		assertThat(perPage.status()).isEqualTo(422);
		assertThat(perPage.text("/errors/0/field")).isEqualTo("per_page");
	}

	@Test
	void theListIsPaged() {
		for (int i = 1; i <= 3; i++) {
			task(harbor, Map.of("title", "Call " + i, "due_date", today.plusDays(i).toString()));
		}

		Http.Response page2 = agent.http().get("/api/v1/tasks?per_page=2&page=2");

		assertThat(page2.json().at("/data").findValuesAsString("title")).containsExactly("Call 3");
		assertThat(page2.json().at("/meta/total").asLong()).isEqualTo(3);
		assertThat(page2.json().at("/meta/last_page").asLong()).isEqualTo(2);
	}

	private String task(UUID smb, Map<String, ?> body) {
		Http.Response created = agent.http().post("/api/v1/smbs/" + smb + "/tasks", body);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.text("/data/id");
	}

	private void patch(UUID smb, String task, Map<String, ?> body) {
		Http.Response patched = agent.http().send("PATCH", "/api/v1/smbs/" + smb + "/tasks/" + task, body, Map.of());
		assertThat(patched.status()).as(patched.body()).isEqualTo(200);
	}

}

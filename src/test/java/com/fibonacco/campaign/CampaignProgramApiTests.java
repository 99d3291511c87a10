package com.fibonacco.campaign;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.fibonacco.community.Communities;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;
import com.fibonacco.smb.Smbs;
import com.fibonacco.support.Http;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;
import com.fibonacco.support.Tenancy.TestTenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@ServerTest
class CampaignProgramApiTests {

	@LocalServerPort
	int port;

	@Autowired
	Communities communities;

	@Autowired
	Smbs smbs;

	Tenancy tenancy;

	TestTenant tenant;

	SmbId diner;

	String base;

	@BeforeEach
	void setUp() {
		tenancy = new Tenancy(port);
		tenant = tenancy.newTenant("Harbor Marketing");
		TenantId tenantId = new TenantId(tenant.id());
		CampaignFixtures fixtures = new CampaignFixtures(communities, smbs);
		diner = fixtures.diner(tenantId, fixtures.kent(tenantId));
		base = "/api/v1/smbs/" + diner.value();
	}

	@Test
	void startingAProgramPutsTheSmbOnDayOneTodayAndQueuesTheHookForTheLocalSendTime() {
		Http.Response started = tenant.admin().post(base + "/campaign/start", null);

		assertThat(started.status()).as(started.body()).isEqualTo(200);
		assertThat(started.text("/data/campaign_status")).isEqualTo("running");
		assertThat(started.json().at("/data/manifest_destiny_day").asInt()).isEqualTo(1);
		String today = Instant.now().atZone(ZoneId.of("America/New_York")).minusMinutes(1).toLocalDate().toString();
		assertThat(started.text("/data/manifest_destiny_start_date")).isEqualTo(today);
		assertThat(started.text("/data/current_campaign_id")).isEqualTo("HOOK-001");

		JsonNode program = tenant.admin().get(base + "/campaigns").json().at("/data");
		assertThat(program.at("/program/campaign_status").asString()).isEqualTo("running");
		assertThat(program.at("/sends").size()).isEqualTo(1);
		assertThat(program.at("/sends/0/campaign_id").asString()).isEqualTo("HOOK-001");
		assertThat(program.at("/sends/0/status").asString()).isEqualTo("queued");
		assertThat(program.at("/sends/0/subject").asString())
			.isEqualTo("Maria, what do customers see when they search for Water Street Diner?");

		Http.Response smb = tenant.admin().get(base);
		assertThat(smb.text("/data/campaign_status")).isEqualTo("running");
		assertThat(smb.json().at("/data/manifest_destiny_day").asInt()).isEqualTo(1);
	}

	@Test
	void theStateMachineRefusesIllegalMovesWith409() {
		assertIllegal(tenant.admin().post(base + "/campaign/pause", Map.of("reason", "owner on vacation")));
		assertIllegal(tenant.admin().post(base + "/campaign/resume", null));

		assertThat(tenant.admin().post(base + "/campaign/start", null).status()).isEqualTo(200);
		assertIllegal(tenant.admin().post(base + "/campaign/start", null));
		assertIllegal(tenant.admin().post(base + "/campaign/resume", null));

		Http.Response paused = tenant.admin().post(base + "/campaign/pause", Map.of("reason", "owner on vacation"));
		assertThat(paused.status()).isEqualTo(200);
		assertThat(paused.text("/data/campaign_status")).isEqualTo("paused");
		assertThat(paused.text("/data/pause_reason")).isEqualTo("owner on vacation");
		assertIllegal(tenant.admin().post(base + "/campaign/pause", Map.of("reason", "again")));

		Http.Response resumed = tenant.admin().post(base + "/campaign/resume", null);
		assertThat(resumed.text("/data/campaign_status")).isEqualTo("running");
		assertThat(resumed.json().at("/data/manifest_destiny_day").asInt()).isEqualTo(1);

		Http.Response cancelled = tenant.admin().post(base + "/campaign/cancel", null);
		assertThat(cancelled.text("/data/campaign_status")).isEqualTo("cancelled");
		assertIllegal(tenant.admin().post(base + "/campaign/cancel", null));
		assertIllegal(tenant.admin().post(base + "/campaign/start", null));
		assertThat(tenant.admin().get(base + "/campaigns").text("/data/sends/0/status")).isEqualTo("cancelled");
	}

	@Test
	void aProgramStartedForALaterDateIsScheduled() {
		String later = Instant.now().atZone(ZoneId.of("America/New_York")).toLocalDate().plusDays(7).toString();

		Http.Response scheduled = tenant.admin().post(base + "/campaign/start", Map.of("start_date", later));

		assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(200);
		assertThat(scheduled.text("/data/campaign_status")).isEqualTo("scheduled");
		assertThat(scheduled.json().at("/data/manifest_destiny_day").asInt()).isZero();
		assertThat(tenant.admin().get(base + "/campaigns").json().at("/data/sends").size()).isZero();
		assertIllegal(tenant.admin().post(base + "/campaign/pause", Map.of("reason", "not yet")));
	}

	@Test
	void pausingWithoutAReasonAnswers422AndChangesNothing() {
		tenant.admin().post(base + "/campaign/start", null);

		Http.Response response = tenant.admin().post(base + "/campaign/pause", Map.of("reason", " "));

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.text("/errors/0/field")).isEqualTo("reason");
		assertThat(tenant.admin().get(base + "/campaigns").text("/data/program/campaign_status")).isEqualTo("running");
		assertThat(tenant.admin().post(base + "/campaign/pause", Map.of()).status()).isEqualTo(422);
	}

	@Test
	void aStartDateInThePastAnswers422() {
		Http.Response response = tenant.admin().post(base + "/campaign/start", Map.of("start_date", "2020-01-01"));

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.text("/errors/0/field")).isEqualTo("start_date");
		assertThat(tenant.admin().get(base + "/campaigns").text("/data/program/campaign_status")).isEqualTo("pending");
	}

	@Test
	void viewersAndAgentsMayReadTheProgramButNotMoveIt() {
		Http viewer = tenancy.newUser(tenant, "viewer").http();
		Http agent = tenancy.newUser(tenant, "agent").http();

		assertThat(viewer.post(base + "/campaign/start", null).status()).isEqualTo(403);
		assertThat(agent.post(base + "/campaign/start", null).status()).isEqualTo(403);
		assertThat(viewer.post(base + "/campaign/cancel", null).status()).isEqualTo(403);
		Http.Response read = viewer.get(base + "/campaigns");
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.text("/data/program/campaign_status")).isEqualTo("pending");
		assertThat(read.json().at("/data/sends").size()).isZero();
	}

	@Test
	void anotherTenantsSmbAnswers404AndIsNotStarted() {
		TestTenant other = tenancy.newTenant("Globex Marketing");

		assertThat(other.admin().post(base + "/campaign/start", null).status()).isEqualTo(404);
		assertThat(other.admin().post(base + "/campaign/pause", Map.of("reason", "x")).status()).isEqualTo(404);
		assertThat(other.admin().get(base + "/campaigns").status()).isEqualTo(404);
		assertThat(tenant.admin().get(base + "/campaigns").text("/data/program/campaign_status")).isEqualTo("pending");
	}

	private static void assertIllegal(Http.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(409);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.text("/code")).isEqualTo("illegal_program_transition");
	}

}

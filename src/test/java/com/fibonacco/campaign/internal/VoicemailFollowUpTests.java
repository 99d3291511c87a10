package com.fibonacco.campaign.internal;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.fibonacco.community.Communities;
import com.fibonacco.community.CommunityId;
import com.fibonacco.messaging.RvmDropDelivered;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.ChannelEligibility;
import com.fibonacco.smb.SmbId;
import com.fibonacco.smb.Smbs;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;
import com.fibonacco.support.Tenancy.TestTenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.fibonacco.campaign.internal.VoicemailScenario.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Voicemail follow-ups of unopened program emails, dropped through the Drop Cowboy-shaped
 * provider (a WireMock one) on a moved clock: who gets one and when, the provider's
 * retries and refusals, and its signed delivery reports, which queue the follow-up email.
 * A context of its own, whose voicemail transport is the provider's.
 */
@ServerTest
@DirtiesContext
class VoicemailFollowUpTests {

	static final ZoneId ZONE = ZoneId.of("America/New_York");

	static final LocalDate DAY_ONE = LocalDate.of(2027, 5, 3);

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final WireMockServer PROVIDER = new WireMockServer(options().dynamicPort());

	static {
		PROVIDER.start();
	}

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		registry.add("fibonacco.rvm.transport", () -> "drop-cowboy");
		registry.add("fibonacco.rvm.drop-cowboy.base-url", () -> PROVIDER.baseUrl() + "/v1");
		registry.add("fibonacco.rvm.drop-cowboy.team-id", () -> "team-4821");
		registry.add("fibonacco.rvm.drop-cowboy.api-key", () -> "dc-secret-0b9e7d");
		registry.add("fibonacco.rvm.drop-cowboy.brand-id", () -> "brand-fibonacco");
		registry.add("fibonacco.rvm.drop-cowboy.caller-id", () -> "+12075550100");
		registry.add("fibonacco.rvm.drop-cowboy.callback-url", () -> "https://crm.example.com/webhooks/rvm");
		registry.add("fibonacco.rvm.drop-cowboy.timeout", () -> "2s");
		registry.add("fibonacco.rvm.worker.max-attempts", () -> "3");
		// small batches, so two workers at once interleave
		registry.add("fibonacco.rvm.worker.batch-size", () -> "4");
		// this context shares the database with the other tests' context: it must not
		// run their jobs or redeliver their events
		registry.add("jobrunr.background-job-server.enabled", () -> "false");
		registry.add("spring.modulith.events.republish-outstanding-events-on-restart", () -> "false");
	}

	@AfterAll
	static void stop() {
		PROVIDER.stop();
	}

	@LocalServerPort
	int port;

	@Autowired
	Communities communities;

	@Autowired
	Smbs smbs;

	@Autowired
	ChannelEligibility eligibility;

	@Autowired
	ProgramService programs;

	@Autowired
	ProgramDays days;

	@Autowired
	CampaignSender sender;

	@Autowired
	VoicemailFollowUps checks;

	@Autowired
	DropSender drops;

	@Autowired
	JdbcClient jdbc;

	TestTenant tenant;

	TenantId tenantId;

	VoicemailScenario scenario;

	CommunityId community;

	@BeforeEach
	void setUp() {
		tenant = new Tenancy(port).newTenant("Harbor Marketing");
		tenantId = new TenantId(tenant.id());
		scenario = new VoicemailScenario(port, communities, smbs, jdbc);
		community = scenario.community(tenantId, ZONE.getId());
	}

	/**
	 * An SMB whose program started on day one and whose day-1 email went out at 10:05.
	 */
	SmbId emailedOnDayOne(String phone, boolean rvmOptedIn, int tier) {
		SmbId smb = scenario.smb(tenantId, community, phone, rvmOptedIn, tier);
		VoicemailScenario.pinTier(tenant.admin(), smb, tier);
		programs.start(tenantId, smb, null, at(DAY_ONE, 8, 30, ZONE));
		sender.sendDue(at(DAY_ONE, 10, 5, ZONE));
		return smb;
	}

	record Drop(UUID id, UUID send, String status, Instant scheduledFor, String phone, String script, int attempts,
			String lastError, String provider, String providerMessageId) {
	}

	List<Drop> drops(SmbId smb) {
		return jdbc.sql("SELECT * FROM rvm_drops WHERE tenant_id = :t AND smb_id = :s ORDER BY scheduled_for")
			.param("t", tenant.id())
			.param("s", smb.value())
			.query((rs, n) -> new Drop(rs.getObject("id", UUID.class), rs.getObject("campaign_send_id", UUID.class),
					rs.getString("status"), Programs.instant(rs, "scheduled_for"), rs.getString("phone"),
					rs.getString("script"), rs.getInt("attempts"), rs.getString("last_error"), rs.getString("provider"),
					rs.getString("provider_message_id")))
			.list();
	}

	String skipReason(UUID send) {
		return jdbc.sql("SELECT coalesce(rvm_skip_reason, '-') FROM campaign_sends WHERE tenant_id = :t AND id = :s")
			.param("t", tenant.id())
			.param("s", send)
			.query(String.class)
			.single();
	}

	List<String> timeline(SmbId smb) {
		return tenant.admin()
			.get("/api/v1/smbs/" + smb.value() + "/activities?per_page=100")
			.json()
			.at("/data")
			.findValuesAsString("title");
	}

	List<LoggedRequest> providerRequests() {
		return PROVIDER.findAll(postRequestedFor(urlEqualTo("/v1/rvm"))
			.withRequestBody(matchingJsonPath("$.foreign_id", containing(tenant.id().toString()))));
	}

	void providerAnswers(int status, String body) {
		PROVIDER.stubFor(post(urlEqualTo("/v1/rvm"))
			.withRequestBody(matchingJsonPath("$.foreign_id", containing(tenant.id().toString())))
			.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
	}

	@Test
	void anUnopenedEmailGetsAVoicemailQueuedForTenOClockLocalTheDayAfterItsCheckAndASecondRunChangesNothing() {
		SmbId smb = emailedOnDayOne("+12075550143", true, 1);
		UUID send = scenario.send(tenantId, smb, "HOOK-001");

		checks.checkDue(at(DAY_ONE.plusDays(1), 10, 4, ZONE));
		assertThat(drops(smb)).as("24 hours have not passed").isEmpty();
		assertThat(scenario.count(
				"SELECT count(*) FROM campaign_sends WHERE tenant_id = :t AND rvm_checked_at IS NOT NULL",
				Map.of("t", tenant.id())))
			.isZero();

		checks.checkDue(at(DAY_ONE.plusDays(1), 10, 6, ZONE));

		List<Drop> queued = drops(smb);
		assertThat(queued).hasSize(1);
		Drop drop = queued.get(0);
		assertThat(drop.status()).isEqualTo("queued");
		assertThat(drop.send()).isEqualTo(send);
		assertThat(drop.phone()).isEqualTo("+12075550143");
		assertThat(drop.scheduledFor()).isEqualTo(at(DAY_ONE.plusDays(2), 10, 0, ZONE));
		assertThat(drop.script()).startsWith("Hi Priya, this is Sarah with Fibonacco")
			.contains("Harbor Books")
			.doesNotContain("{{");
		assertThat(skipReason(send)).isEqualTo("-");
		assertThat(timeline(smb)).contains("Voicemail queued");

		checks.checkDue(at(DAY_ONE.plusDays(1), 10, 30, ZONE));
		checks.checkDue(at(DAY_ONE.plusDays(5), 10, 30, ZONE));
		assertThat(drops(smb)).containsExactly(drop);
	}

	@Test
	void anOpenedEmailGetsNoVoicemail() throws Exception {
		SmbId smb = emailedOnDayOne("+12075550144", true, 1);
		UUID send = scenario.send(tenantId, smb, "HOOK-001");
		scenario.open(tenantId, send);

		checks.checkDue(at(DAY_ONE.plusDays(1), 10, 6, ZONE));

		assertThat(drops(smb)).isEmpty();
		assertThat(skipReason(send)).isEqualTo("opened");
	}

	@Test
	void anSmbWithoutVoicemailConsentOrAPhoneOrMarkedDoNotContactGetsNoVoicemail() {
		SmbId noConsent = emailedOnDayOne("+12075550145", false, 1);
		SmbId noPhone = emailedOnDayOne(null, true, 1);
		SmbId doNotContact = emailedOnDayOne("+12075550146", true, 1);
		// it marked an email as spam after day 1's went out
		eligibility.doNotContact(tenantId, doNotContact);

		checks.checkDue(at(DAY_ONE.plusDays(1), 10, 6, ZONE));

		for (SmbId smb : List.of(noConsent, noPhone, doNotContact)) {
			assertThat(drops(smb)).isEmpty();
			assertThat(skipReason(scenario.send(tenantId, smb, "HOOK-001"))).isEqualTo("not_eligible");
		}
	}

	@Test
	void anSmbAtItsTiersMonthlyLimitGetsNoMoreVoicemailsThatMonth() {
		// tier 3 (Active): one voicemail a month, one email a week
		SmbId active = emailedOnDayOne("+12075550147", true, 3);
		checks.checkDue(at(DAY_ONE.plusDays(1), 10, 6, ZONE));
		assertThat(drops(active)).hasSize(1);
		for (int d = 1; d <= 7; d++) {
			days.advanceDueDaysAt(at(DAY_ONE.plusDays(d), 0, 5, ZONE));
		}
		sender.sendDue(at(DAY_ONE.plusDays(7), 10, 5, ZONE));
		UUID dayEight = scenario.send(tenantId, active, "HOOK-002");

		checks.checkDue(at(DAY_ONE.plusDays(8), 10, 6, ZONE));

		assertThat(drops(active)).hasSize(1);
		assertThat(skipReason(dayEight)).isEqualTo("monthly_limit");

		// tier 4 (Passive): none at all
		SmbId passive = emailedOnDayOne("+12075550148", true, 4);
		checks.checkDue(at(DAY_ONE.plusDays(1), 10, 6, ZONE));
		assertThat(drops(passive)).isEmpty();
		assertThat(skipReason(scenario.send(tenantId, passive, "HOOK-001"))).isEqualTo("monthly_limit");
	}

	@Test
	void aProviderErrorIsRetriedWithTheSameIdempotencyKeyAndTheVoicemailIsDroppedOnce() {
		SmbId smb = emailedOnDayOne("+12075550149", true, 1);
		checks.checkDue(at(DAY_ONE.plusDays(1), 10, 6, ZONE));
		Drop queued = drops(smb).get(0);
		PROVIDER.stubFor(post(urlEqualTo("/v1/rvm"))
			.withRequestBody(matchingJsonPath("$.foreign_id", containing(tenant.id().toString())))
			.inScenario("retry-" + tenant.id())
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503).withBody("upstream carrier unavailable"))
			.willSetStateTo("recovered"));
		PROVIDER.stubFor(post(urlEqualTo("/v1/rvm"))
			.withRequestBody(matchingJsonPath("$.foreign_id", containing(tenant.id().toString())))
			.inScenario("retry-" + tenant.id())
			.whenScenarioStateIs("recovered")
			.willReturn(okJson("{\"status\":\"queued\",\"drop_id\":\"dc-7731\"}")));
		Instant tenOClock = at(DAY_ONE.plusDays(2), 10, 0, ZONE);

		drops.sendDue(tenOClock.minusSeconds(60));
		assertThat(providerRequests()).as("not due yet").isEmpty();
		drops.sendDue(tenOClock.plusSeconds(30));
		Drop retrying = drops(smb).get(0);
		assertThat(retrying.status()).isEqualTo("queued");
		assertThat(retrying.attempts()).isEqualTo(1);
		assertThat(retrying.lastError()).contains("503");
		drops.sendDue(tenOClock.plusSeconds(60));
		assertThat(drops(smb).get(0).status()).as("backs off a minute").isEqualTo("queued");

		drops.sendDue(tenOClock.plus(Duration.ofMinutes(2)));
		drops.sendDue(tenOClock.plus(Duration.ofMinutes(30)));

		Drop sent = drops(smb).get(0);
		assertThat(sent.status()).isEqualTo("sent");
		assertThat(sent.attempts()).isEqualTo(2);
		assertThat(sent.provider()).isEqualTo("drop_cowboy");
		assertThat(sent.providerMessageId()).isEqualTo("dc-7731");
		List<LoggedRequest> requests = providerRequests();
		assertThat(requests).hasSize(2);
		assertThat(requests).allSatisfy(request -> {
			assertThat(request.getHeader("Idempotency-Key")).isEqualTo(queued.id().toString());
			JsonNode body = JSON.readTree(request.getBodyAsString());
			assertThat(body.at("/team_id").asString()).isEqualTo("team-4821");
			assertThat(body.at("/secret").asString()).isEqualTo("dc-secret-0b9e7d");
			assertThat(body.at("/phone_number").asString()).isEqualTo("+12075550149");
			assertThat(body.at("/caller_id").asString()).isEqualTo("+12075550100");
			assertThat(body.at("/foreign_id").asString()).isEqualTo(tenant.id() + ":" + queued.id());
			assertThat(body.at("/tts_body").asString()).isEqualTo(queued.script());
		});
	}

	@Test
	void aDropTheProviderKeepsFailingEndsFailedAfterTheLastAttempt() {
		SmbId smb = emailedOnDayOne("+12075550150", true, 1);
		checks.checkDue(at(DAY_ONE.plusDays(1), 10, 6, ZONE));
		providerAnswers(502, "{\"error\":\"bad gateway\"}");
		Instant tenOClock = at(DAY_ONE.plusDays(2), 10, 0, ZONE);

		for (int minutes = 0; minutes < 60; minutes += 5) {
			drops.sendDue(tenOClock.plus(Duration.ofMinutes(minutes)));
		}

		Drop failed = drops(smb).get(0);
		assertThat(failed.status()).isEqualTo("failed");
		assertThat(failed.attempts()).isEqualTo(3);
		assertThat(failed.lastError()).contains("502", "bad gateway");
		assertThat(providerRequests()).hasSize(3);
	}

	@Test
	void aDropTheProviderRefusesEndsFailedWithItsReasonAndIsNotRetried() {
		SmbId smb = emailedOnDayOne("+12075550151", true, 1);
		checks.checkDue(at(DAY_ONE.plusDays(1), 10, 6, ZONE));
		providerAnswers(422, "{\"message\":\"phone_number is a landline\"}");
		Instant tenOClock = at(DAY_ONE.plusDays(2), 10, 0, ZONE);

		drops.sendDue(tenOClock.plusSeconds(30));
		drops.sendDue(tenOClock.plus(Duration.ofHours(2)));

		Drop failed = drops(smb).get(0);
		assertThat(failed.status()).isEqualTo("failed");
		assertThat(failed.lastError()).contains("422", "phone_number is a landline");
		assertThat(providerRequests()).hasSize(1);
	}

	/** A drop the provider took at 10:00 on day 3. */
	Drop droppedOnDayThree(SmbId smb) {
		checks.checkDue(at(DAY_ONE.plusDays(1), 10, 6, ZONE));
		providerAnswers(200, "{\"status\":\"queued\",\"drop_id\":\"dc-" + UUID.randomUUID() + "\"}");
		drops.sendDue(at(DAY_ONE.plusDays(2), 10, 0, ZONE).plusSeconds(30));
		Drop sent = drops(smb).get(0);
		assertThat(sent.status()).isEqualTo("sent");
		return sent;
	}

	List<Map<String, Object>> followUps(SmbId smb) {
		return jdbc.sql("""
				SELECT campaign_id, subject, status, scheduled_for, kind FROM campaign_sends
				 WHERE tenant_id = :t AND smb_id = :s AND kind = 'rvm_followup'
				""").param("t", tenant.id()).param("s", smb.value()).query().listOfRows();
	}

	long outboxFor(SmbId smb) {
		return scenario.count(
				"""
						SELECT count(*) FROM outbox_messages o JOIN campaign_sends s ON s.tenant_id = o.tenant_id AND s.id = o.campaign_send_id
						 WHERE o.tenant_id = :t AND s.smb_id = :s AND s.kind = 'rvm_followup'
						""",
				Map.of("t", tenant.id(), "s", smb.value()));
	}

	@Test
	void aSignedDeliveryReportRecordsTheDeliveryPublishesItAndSendsTheFollowUpEmailFiveMinutesLaterOnce()
			throws Exception {
		SmbId smb = emailedOnDayOne("+12075550152", true, 1);
		Drop drop = droppedOnDayThree(smb);
		Instant delivered = at(DAY_ONE.plusDays(2), 10, 1, ZONE);
		String report = VoicemailScenario.deliveryReport(tenantId, drop.id(), "delivered", delivered);

		HttpResponse<String> response = scenario.postRvmReport(report, VoicemailScenario.RVM_SECRET, Instant.now());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(JSON.readTree(response.body()).at("/data/outcome").asString()).isEqualTo("processed");
		assertThat(drops(smb).get(0).status()).isEqualTo("delivered");
		assertThat(scenario.published(RvmDropDelivered.class, drop.id())).isEqualTo(1);
		List<Map<String, Object>> followUps = followUps(smb);
		assertThat(followUps).hasSize(1);
		assertThat(followUps.get(0)).containsEntry("campaign_id", "HOOK-001").containsEntry("status", "queued");
		assertThat(((java.sql.Timestamp) followUps.get(0).get("scheduled_for")).toInstant())
			.isEqualTo(delivered.plus(Duration.ofMinutes(5)));
		assertThat((String) followUps.get(0).get("subject")).startsWith("Following up on my voicemail: Priya, ");

		sender.sendDue(delivered.plus(Duration.ofMinutes(4)));
		assertThat(outboxFor(smb)).isZero();
		sender.sendDue(delivered.plus(Duration.ofMinutes(5)));
		sender.sendDue(delivered.plus(Duration.ofMinutes(20)));
		assertThat(outboxFor(smb)).isEqualTo(1);
		assertThat(followUps(smb).get(0)).containsEntry("status", "sent");
		JsonNode program = tenant.admin().get("/api/v1/smbs/" + smb.value() + "/campaigns").json().at("/data");
		assertThat(program.at("/voicemails/0/status").asString()).isEqualTo("delivered");
		assertThat(program.at("/voicemails/0/campaign_send_id").asString())
			.isEqualTo(scenario.send(tenantId, smb, "HOOK-001").toString());
		assertThat(program.at("/sends").findValuesAsString("kind")).containsExactly("program", "rvm_followup");

		// replayed: changes nothing
		HttpResponse<String> replay = scenario.postRvmReport(report, VoicemailScenario.RVM_SECRET, Instant.now());
		assertThat(replay.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(replay.body()).at("/data/outcome").asString()).isEqualTo("ignored");
		assertThat(scenario.published(RvmDropDelivered.class, drop.id())).isEqualTo(1);
		assertThat(followUps(smb)).hasSize(1);
		sender.sendDue(delivered.plus(Duration.ofMinutes(40)));
		assertThat(outboxFor(smb)).isEqualTo(1);
		assertThat(scenario.count("""
				SELECT count(*) FROM campaign_sends WHERE tenant_id = :t AND smb_id = :s AND campaign_id = 'HOOK-001'
				""", Map.of("t", tenant.id(), "s", smb.value()))).as("one program send and one follow-up").isEqualTo(2);
	}

	@Test
	void aFailureReportMarksTheDropFailedWithTheProvidersReason() throws Exception {
		SmbId smb = emailedOnDayOne("+12075550153", true, 1);
		Drop drop = droppedOnDayThree(smb);
		String report = """
				{"foreign_id":"%s:%s","status":"failed","reason":"voicemail box full"}""".formatted(tenant.id(),
				drop.id());

		HttpResponse<String> response = scenario.postRvmReport(report, VoicemailScenario.RVM_SECRET, Instant.now());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Drop failed = drops(smb).get(0);
		assertThat(failed.status()).isEqualTo("failed");
		assertThat(failed.lastError()).isEqualTo("voicemail box full");
		assertThat(followUps(smb)).isEmpty();
	}

	@Test
	void aReportWithABadStaleOrMissingSignatureIsRefusedAndRecordsNothing() throws Exception {
		SmbId smb = emailedOnDayOne("+12075550154", true, 1);
		Drop drop = droppedOnDayThree(smb);
		String report = VoicemailScenario.deliveryReport(tenantId, drop.id(), "delivered",
				at(DAY_ONE.plusDays(2), 10, 1, ZONE));
		Instant now = Instant.now();

		List<HttpResponse<String>> refused = List.of(
				scenario.postRvmReport(report, "not-the-secret-but-long-enough", now),
				scenario.postRvmReport(report, VoicemailScenario.RVM_SECRET, now.minus(Duration.ofMinutes(6))),
				scenario.postRvmReport(report, VoicemailScenario.RVM_SECRET, now.plus(Duration.ofMinutes(6))),
				scenario.postRvmReport(report.replace("delivered", "failed"),
						"t=" + now.getEpochSecond() + ",v1="
								+ VoicemailScenario.rvmSignature(VoicemailScenario.RVM_SECRET, now, report)),
				scenario.postRvmReport(report, null), scenario.postRvmReport(report, "v1=abc"));

		assertThat(refused)
			.allSatisfy(response -> assertThat(response.statusCode()).as(response.body()).isEqualTo(403));
		assertThat(JSON.readTree(refused.get(1).body()).at("/code").asString()).isEqualTo("rvm_signature_stale");
		assertThat(JSON.readTree(refused.get(0).body()).at("/code").asString()).isEqualTo("rvm_signature_invalid");
		assertThat(drops(smb).get(0).status()).isEqualTo("sent");
		assertThat(scenario.published(RvmDropDelivered.class, drop.id())).isZero();
		assertThat(followUps(smb)).isEmpty();
	}

	@Test
	void twoWorkersShareTheChecksAndTheDropsWithoutDuplicatesAndADeadSendersDropIsTakenAgainWithItsKey() {
		List<SmbId> shops = new java.util.ArrayList<>();
		for (int i = 0; i < 12; i++) {
			SmbId smb = scenario.smb(tenantId, community, "+120755501" + (10 + i), true, 1);
			programs.start(tenantId, smb, null, at(DAY_ONE, 8, 30, ZONE));
			shops.add(smb);
		}
		sender.sendDue(at(DAY_ONE, 10, 5, ZONE));
		Instant checkTime = at(DAY_ONE.plusDays(1), 10, 6, ZONE);

		CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> checks.checkDue(checkTime));
		CompletableFuture<Integer> two = CompletableFuture.supplyAsync(() -> checks.checkDue(checkTime));
		one.join();
		two.join();

		assertThat(shops).allSatisfy(smb -> assertThat(drops(smb)).hasSize(1));

		providerAnswers(200, "{\"status\":\"queued\"}");
		Instant tenOClock = at(DAY_ONE.plusDays(2), 10, 0, ZONE);
		// a sender takes a batch (with at least one of ours) and dies before calling the
		// provider: its drops stay 'sending' until the lease runs out
		List<DropSender.Claimed> orphaned = new java.util.ArrayList<>();
		while (orphaned.stream().noneMatch(drop -> drop.tenant().equals(tenantId))) {
			List<DropSender.Claimed> batch = drops.claim(tenOClock);
			assertThat(batch).isNotEmpty();
			orphaned.addAll(batch);
		}
		int ours = (int) orphaned.stream().filter(drop -> drop.tenant().equals(tenantId)).count();
		CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> drops.sendDue(tenOClock));
		CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> drops.sendDue(tenOClock));
		first.join();
		second.join();
		assertThat(providerRequests()).hasSize(shops.size() - ours);

		drops.sendDue(tenOClock.plus(Duration.ofMinutes(11)));

		assertThat(shops).allSatisfy(smb -> assertThat(drops(smb).get(0).status()).isEqualTo("sent"));
		List<String> keys = providerRequests().stream().map(request -> request.getHeader("Idempotency-Key")).toList();
		assertThat(keys).hasSize(shops.size()).doesNotHaveDuplicates();
		assertThat(scenario.count("SELECT count(*) FROM rvm_drops WHERE tenant_id = :t AND attempts = 2",
				Map.of("t", tenant.id())))
			.as("taken again after the lease")
			.isEqualTo(ours);
	}

}

package com.fibonacco.engagement;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import com.fibonacco.community.Communities;
import com.fibonacco.content.ContentViewId;
import com.fibonacco.content.ContentViewed;
import com.fibonacco.engagement.internal.EngagementJobs;
import com.fibonacco.engagement.internal.TierOverrides;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;
import com.fibonacco.smb.Smbs;
import com.fibonacco.support.Http;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;
import com.fibonacco.support.Tenancy.TestTenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static com.fibonacco.engagement.EngagementFixtures.approval;
import static com.fibonacco.engagement.EngagementFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /api/v1/smbs/{id}/engagement}: the explanation, the score history and the tier
 * pin, with their permissions, tenancy and validation.
 */
@ServerTest
class EngagementApiTests {

	@LocalServerPort
	int port;

	@Autowired
	Communities communities;

	@Autowired
	Smbs smbs;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EngagementJobs jobs;

	@Autowired
	TierOverrides overrides;

	@Autowired
	Clock clock;

	Tenancy tenancy;

	TestTenant tenant;

	TenantId tenantId;

	EngagementFixtures fixtures;

	SmbId smb;

	@BeforeEach
	void setUp() {
		tenancy = new Tenancy(port);
		tenant = tenancy.newTenant("Summit Growth");
		tenantId = new TenantId(tenant.id());
		fixtures = new EngagementFixtures(communities, smbs, events, transactions, jdbc);
		smb = fixtures.smb(tenantId);
	}

	@Test
	void theExplanationGivesEachRulesAndCategorysContribution() {
		Instant now = clock.instant();
		fixtures.publish(open(tenantId, smb, now), open(tenantId, smb, now), open(tenantId, smb, now),
				open(tenantId, smb, now), open(tenantId, smb, now), open(tenantId, smb, now),
				approval(tenantId, smb, now.minus(Duration.ofDays(8))));
		await().atMost(Duration.ofSeconds(5)).until(() -> fixtures.score(smb) == 25 + 24);

		Http.Response response = tenant.admin().get(path(""));

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode data = response.json().at("/data");
		assertThat(data.at("/score").asInt()).isEqualTo(49);
		assertThat(data.at("/tier").asInt()).isEqualTo(3);
		assertThat(data.at("/tier_name").asString()).isEqualTo("Active");
		assertThat(data.at("/explanation").asString())
			.startsWith("Tier 3 (Active): score 49 is at least 20 and below 50.")
			.contains("Email opens 25 (capped from 30)")
			.contains("Approvals 24");
		assertThat(data.at("/tier_policy/email_frequency").asString()).isEqualTo("weekly");
		assertThat(data.at("/tier_policy/rvm_monthly_limit").asInt()).isEqualTo(1);
		Map<String, JsonNode> rules = byKey(data.at("/engagement/rules"), "rule");
		assertThat(rules.get("email_open").at("/occurrences").asInt()).isEqualTo(6);
		assertThat(rules.get("email_open").at("/points").asInt()).isEqualTo(30);
		assertThat(rules.get("approval").at("/points").asInt()).isEqualTo(24);
		Map<String, JsonNode> categories = byKey(data.at("/engagement/categories"), "key");
		assertThat(categories.get("email_opens").at("/cap").asInt()).isEqualTo(25);
		assertThat(categories.get("email_opens").at("/raw_points").asInt()).isEqualTo(30);
		assertThat(categories.get("email_opens").at("/points").asInt()).isEqualTo(25);
		assertThat(data.at("/engagement/bands/0/min_score").asInt()).isEqualTo(80);
		assertThat(data.at("/lead/score").asInt()).isEqualTo(30 + 50 > 100 ? 100 : 80);
		assertThat(data.at("/lead/band").asString()).isEqualTo("qualified");
		assertThat(data.at("/recent_signals").size()).isEqualTo(7);
		assertThat(data.at("/recent_signals/0/signal_type").asString()).isEqualTo("email_open");
		assertThat(data.at("/last_activity/last_email_open").isNull()).isFalse();
		assertThat(data.at("/last_activity/total_approvals").asInt()).isEqualTo(1);
		assertThat(data.at("/tier_changes/0/new_tier").asInt()).isEqualTo(3);
		assertThat(data.at("/tier_changes/0/direction").asString()).isEqualTo("upgrade");
		assertThat(data.at("/pin").isNull()).isTrue();
	}

	@Test
	void aViewerMayReadTheEngagement() {
		Http viewer = tenancy.newUser(tenant, "viewer").http();
		assertThat(viewer.get(path("")).status()).isEqualTo(200);
		assertThat(viewer.get(path("/score-history")).status()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "/score-history", "/override" })
	void anotherTenantsSmbIsNotFound(String suffix) {
		TestTenant other = tenancy.newTenant("Other Agency");
		Http.Response response = other.admin().get(path(suffix));
		assertThat(response.status()).isEqualTo(404);
		assertThat(other.admin().get("/api/v1/smbs/" + UUID.randomUUID() + "/engagement" + suffix).status())
			.isEqualTo(404);
	}

	@Test
	void anotherTenantCannotPinOrLiftTheTier() {
		TestTenant other = tenancy.newTenant("Other Agency");
		assertThat(other.admin().put(path("/override"), pin(1, "VIP")).status()).isEqualTo(404);
		assertThat(other.admin().delete(path("/override")).status()).isEqualTo(404);
		assertThat(pinCount()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "viewer", "agent" })
	void onlyManagersAndAdminsPinATier(String role) {
		Http user = tenancy.newUser(tenant, role).http();

		assertThat(user.put(path("/override"), pin(1, "Sponsor of the chamber gala")).status()).isEqualTo(403);
		assertThat(user.delete(path("/override")).status()).isEqualTo(403);
		assertThat(pinCount()).isZero();
		assertThat(fixtures.tier(smb)).isEqualTo(4);
	}

	@Test
	void invalidPinsAreRefusedNamingTheField() {
		assertInvalid(pin(5, "VIP"), "tier");
		assertInvalid(pin(0, "VIP"), "tier");
		assertInvalid(Map.of("tier", 2), "reason");
		assertInvalid(pin(2, "  "), "reason");
		assertInvalid(pin(2, "x".repeat(501)), "reason");
		Map<String, Object> past = new LinkedHashMap<>(pin(2, "VIP"));
		past.put("expires_at", clock.instant().minus(Duration.ofHours(1)).toString());
		assertInvalid(past, "expires_at");
		assertThat(tenant.admin().put(path("/override"), Map.of("tier", 2, "reason", "x", "colour", "red")).status())
			.isEqualTo(400);
		assertThat(pinCount()).isZero();
	}

	@Test
	void aManagerPinsATierThatHoldsAgainstTheScoreAndIsOnTheTimeline() {
		Http manager = tenancy.newUser(tenant, "manager").http();
		Map<String, Object> body = new LinkedHashMap<>(pin(1, "Sponsor of the chamber gala"));
		Instant expiry = clock.instant().plus(Duration.ofDays(14));
		body.put("expires_at", expiry.toString());

		Http.Response pinned = manager.put(path("/override"), body);

		assertThat(pinned.status()).as(pinned.body()).isEqualTo(200);
		assertThat(pinned.json().at("/data/tier").asInt()).isEqualTo(1);
		assertThat(pinned.json().at("/data/tier_name").asString()).isEqualTo("Premium");
		assertThat(fixtures.tier(smb)).isEqualTo(1);
		assertThat(fixtures.timeline(smb, "tier_pinned")).isEqualTo(1);
		assertThat(fixtures.timeline(smb, "tier_changed")).isEqualTo(1);
		JsonNode engagement = manager.get(path("")).json().at("/data");
		assertThat(engagement.at("/pin/reason").asString()).isEqualTo("Sponsor of the chamber gala");
		assertThat(engagement.at("/explanation").asString()).contains("pinned by hand");
		assertThat(manager.get(path("/override")).json().at("/data/expires_at").asString()).isNotBlank();

		// a signal moves the score, not the pinned tier; nor does the nightly evaluation
		fixtures.publish(approval(tenantId, smb, clock.instant()));
		await().atMost(Duration.ofSeconds(5)).until(() -> fixtures.score(smb) == 25);
		assertThat(fixtures.tier(smb)).isEqualTo(1);
		assertThat(jobs.evaluateTiers(tenantId, clock.instant())).isZero();

		// the pin expires: the score decides again
		assertThat(overrides.liftExpired(expiry.plusSeconds(1))).isEqualTo(1);
		assertThat(fixtures.tier(smb)).isEqualTo(3);
		assertThat(fixtures.timeline(smb, "tier_unpinned")).isEqualTo(1);
		assertThat(manager.get(path("/override")).status()).isEqualTo(404);
	}

	@Test
	void liftingAPinByHandReturnsTheSmbToItsScoresTier() {
		assertThat(tenant.admin().put(path("/override"), pin(2, "Board member")).status()).isEqualTo(200);
		assertThat(fixtures.tier(smb)).isEqualTo(2);

		assertThat(tenant.admin().delete(path("/override")).status()).isEqualTo(204);

		assertThat(fixtures.tier(smb)).isEqualTo(4);
		assertThat(tenant.admin().delete(path("/override")).status()).isEqualTo(404);
		assertThat(jdbc.sql("SELECT title FROM activities WHERE smb_id = :id AND activity_type = 'tier_unpinned'")
			.param("id", smb.value())
			.query(String.class)
			.single()).isEqualTo("Pin to tier 2 (Engaged) lifted");
	}

	@Test
	void theScoreHistoryCarriesEachDaysScoreForward() {
		Instant now = clock.instant();
		fixtures.publish(approval(tenantId, smb, now));
		await().atMost(Duration.ofSeconds(5)).until(() -> fixtures.score(smb) == 25);
		LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
		// three weeks on, the approval is worth 22
		jobs.recalculate(tenantId, now.plus(Duration.ofDays(21)));

		Http.Response response = tenant.admin()
			.get(path("/score-history?from=" + today.minusDays(2) + "&to=" + today.plusDays(22)));

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode days = response.json().at("/data/days");
		assertThat(days.size()).isEqualTo(25);
		assertThat(days.get(0).at("/score").isNull()).isTrue();
		assertThat(days.get(2).at("/day").asString()).isEqualTo(today.toString());
		assertThat(days.get(2).at("/score").asInt()).isEqualTo(25);
		assertThat(days.get(2).at("/tier").asInt()).isEqualTo(3);
		assertThat(days.get(10).at("/score").asInt()).isEqualTo(25);
		assertThat(days.get(23).at("/score").asInt()).isEqualTo(22);
		assertThat(days.get(24).at("/score").asInt()).isEqualTo(22);
	}

	@Test
	void theLeadHistoryNamesTheRuleThatFired() {
		Instant now = clock.instant();
		fixtures.publish(new ContentViewed(tenantId, new ContentViewId(UUID.randomUUID()), smb, "pricing", now));
		await().atMost(Duration.ofSeconds(5)).until(() -> fixtures.score(smb) == 8);

		Http.Response response = tenant.admin().get(path("/score-history?model=lead"));

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode change = response.json().at("/data/changes/0");
		assertThat(change.at("/new_score").asInt()).isEqualTo(25);
		assertThat(change.at("/rule").asString()).isEqualTo("visits_pricing_page");
		assertThat(change.at("/reason").asString()).startsWith("Visits pricing page (+15)");
		assertThat(response.json().at("/data/days/29/band").asString()).isEqualTo("cold");
	}

	@Test
	void invalidHistoryParametersAreRefusedNamingTheField() {
		assertHistoryInvalid("?from=yesterday", "from");
		assertHistoryInvalid("?to=2026-13-01", "to");
		assertHistoryInvalid("?from=2026-03-10&to=2026-03-01", "from");
		assertHistoryInvalid("?from=2024-01-01&to=2026-03-01", "from");
		assertHistoryInvalid("?model=vibes", "model");
	}

	private void assertHistoryInvalid(String query, String field) {
		Http.Response response = tenant.admin().get(path("/score-history" + query));
		assertThat(response.status()).as(query).isEqualTo(422);
		assertThat(response.json().at("/errors/0/field").asString()).isEqualTo(field);
	}

	private void assertInvalid(Object body, String field) {
		Http.Response response = tenant.admin().put(path("/override"), body);
		assertThat(response.status()).as(response.body()).isEqualTo(422);
		assertThat(response.json().at("/errors/0/field").asString()).isEqualTo(field);
	}

	private static Map<String, Object> pin(int tier, String reason) {
		return Map.of("tier", tier, "reason", reason);
	}

	private long pinCount() {
		return jdbc.sql("SELECT count(*) FROM tier_pins WHERE smb_id = :id")
			.param("id", smb.value())
			.query(Long.class)
			.single();
	}

	private String path(String suffix) {
		return "/api/v1/smbs/" + smb + "/engagement" + suffix;
	}

	private static Map<String, JsonNode> byKey(JsonNode array, String key) {
		Map<String, JsonNode> map = new LinkedHashMap<>();
		List.copyOf(array.valueStream().toList()).forEach(item -> map.put(item.at("/" + key).asString(), item));
		return map;
	}

}

package com.fibonacco.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.fibonacco.engagement.EngagementProperties;
import com.fibonacco.engagement.internal.EngagementJobs;
import com.fibonacco.shared.TenantId;
import com.fibonacco.support.Http;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo tenant as the first start loads it: every demo SMB's stored score and tier are
 * what the engagement module computes from the signal history loaded with it, and that
 * history shows on the dashboard and the timeline.
 */
@ServerTest
class DemoHistoryTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DemoData demoData;

	@Autowired
	EngagementJobs jobs;

	@Autowired
	EngagementProperties properties;

	@Autowired
	Clock clock;

	TenantId demo;

	Http admin;

	@BeforeEach
	void demoTenant() {
		demo = new TenantId(jdbc.sql("SELECT id FROM tenants WHERE name = 'Demo'").query(UUID.class).single());
		// the platform admin is the demo tenant's admin
		admin = new Tenancy(port).platformAdmin();
	}

	@Test
	void everyDemoSmbStoresTheScoreAndTierTheEngagementModuleComputes() {
		List<UUID> smbs = jdbc.sql("SELECT id FROM smbs WHERE tenant_id = :tenant AND deleted_at IS NULL")
			.param("tenant", demo.value())
			.query(UUID.class)
			.list();
		assertThat(smbs).hasSize(300);

		List<String> disagreements = new ArrayList<>();
		Set<Integer> tiers = new HashSet<>();
		int withSignals = 0;
		for (UUID smb : smbs) {
			Http.Response response = admin.get("/api/v1/smbs/" + smb + "/engagement");
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			JsonNode data = response.json().at("/data");
			int storedScore = data.at("/score").asInt();
			int storedTier = data.at("/tier").asInt();
			int computedScore = data.at("/engagement/score").asInt();
			int computedTier = properties.tierFor(computedScore);
			if (storedScore != computedScore || storedTier != computedTier) {
				disagreements.add(smb + ": stored " + storedScore + "/" + storedTier + ", computed " + computedScore
						+ "/" + computedTier);
			}
			tiers.add(storedTier);
			if (!data.at("/recent_signals").isEmpty()) {
				withSignals++;
			}
		}

		assertThat(disagreements).isEmpty();
		assertThat(tiers).containsExactlyInAnyOrder(1, 2, 3, 4);
		// Passive SMBs without any activity, and do-not-contact ones, have no signals
		assertThat(withSignals).isGreaterThan(200);
	}

	@Test
	void theDemoTiersFollowTheGeneratedBands() {
		Map<String, Object> counts = jdbc.sql("""
				SELECT count(*) FILTER (WHERE engagement_tier = 1) AS premium,
				       count(*) FILTER (WHERE engagement_tier = 2) AS engaged,
				       count(*) FILTER (WHERE engagement_tier = 3) AS active,
				       count(*) FILTER (WHERE engagement_tier = 4) AS passive,
				       max(engagement_score) AS top
				  FROM smbs WHERE tenant_id = :tenant
				""").param("tenant", demo.value()).query().singleRow();

		// the generator's weights are 10/22/33/35 %: the history reaches them closely
		assertThat(((Number) counts.get("premium")).intValue()).isBetween(15, 45);
		assertThat(((Number) counts.get("engaged")).intValue()).isBetween(40, 90);
		assertThat(((Number) counts.get("active")).intValue()).isBetween(70, 130);
		assertThat(((Number) counts.get("passive")).intValue()).isBetween(80, 140);
		assertThat(((Number) counts.get("top")).intValue()).isGreaterThanOrEqualTo(95);
	}

	@Test
	void theNightlyRecomputeChangesNoDemoScoreOrTier() {
		Instant now = clock.instant();

		EngagementJobs.Recalculated recalculated = jobs.recalculate(demo, now);
		int tierChanges = jobs.evaluateTiers(demo, now);

		assertThat(recalculated.engagement()).isZero();
		assertThat(tierChanges).isZero();
	}

	@Test
	void theDashboardChartsTheDemoEmailsOfTheLast30Days() {
		Http.Response response = admin.get("/api/v1/campaigns/stats/daily?days=30");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode days = response.json().at("/data/days");
		LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
		int daysWithSends = 0;
		int daysWithOpens = 0;
		for (JsonNode day : days) {
			LocalDate date = LocalDate.parse(day.at("/day").asString());
			long sends = day.at("/sends").asLong();
			long opens = day.at("/opens").asLong();
			long clicks = day.at("/clicks").asLong();
			// every demo email is opened and clicked on the day it went out
			assertThat(opens).as(date.toString()).isLessThanOrEqualTo(sends);
			assertThat(clicks).as(date.toString()).isLessThanOrEqualTo(opens);
			if (date.isBefore(today) && sends > 0) {
				daysWithSends++;
			}
			if (date.isBefore(today) && opens > 0) {
				daysWithOpens++;
			}
		}
		assertThat(daysWithSends).isGreaterThanOrEqualTo(25);
		assertThat(daysWithOpens).isGreaterThanOrEqualTo(25);
		assertThat(response.json().at("/data/totals/sends").asLong()).isGreaterThan(1_000);
		assertThat(response.json().at("/data/totals/opens").asLong()).isGreaterThan(300);
		assertThat(response.json().at("/data/totals/clicks").asLong()).isGreaterThan(100);
	}

	@Test
	void aPremiumDemoSmbsTimelineShowsItsEmailsOpensClicksAndTierMoves() {
		UUID smb = jdbc.sql("""
				SELECT id FROM smbs WHERE tenant_id = :tenant AND engagement_tier = 1
				 ORDER BY engagement_score DESC, id LIMIT 1
				""").param("tenant", demo.value()).query(UUID.class).single();

		Http.Response response = admin.get("/api/v1/smbs/" + smb + "/activities?per_page=200");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		Set<String> types = new HashSet<>();
		Instant now = clock.instant();
		for (JsonNode entry : response.json().at("/data")) {
			types.add(entry.at("/activity_type").asString());
			assertThat(Instant.parse(entry.at("/occurred_at").asString())).isBeforeOrEqualTo(now);
		}
		assertThat(types).contains("campaign_send_completed", "email_opened", "email_clicked", "tier_changed");
		// the tier moves happened as the history unfolded, not all at the load
		assertThat(jdbc.sql("""
				SELECT count(*) FROM tier_changes WHERE tenant_id = :tenant AND smb_id = :smb AND occurred_at < :dayAgo
				""")
			.param("tenant", demo.value())
			.param("smb", smb)
			.param("dayAgo", now.minusSeconds(86_400).atOffset(ZoneOffset.UTC))
			.query(Long.class)
			.single()).isPositive();
	}

	@Test
	void loadingTheDemoAgainAddsNothing() {
		Map<String, Long> before = counts();

		DemoData.Summary again = demoData.load(demo);

		assertThat(again).isEqualTo(new DemoData.Summary(0, 0));
		assertThat(counts()).isEqualTo(before);
	}

	private Map<String, Long> counts() {
		Map<String, Long> counts = new java.util.LinkedHashMap<>();
		for (String table : List.of("communities", "smbs", "campaign_sends", "email_events", "engagement_signals",
				"activities", "tier_changes", "score_snapshots")) {
			counts.put(table,
					jdbc.sql("SELECT count(*) FROM " + table + " WHERE tenant_id = :tenant")
						.param("tenant", demo.value())
						.query(Long.class)
						.single());
		}
		return counts;
	}

}

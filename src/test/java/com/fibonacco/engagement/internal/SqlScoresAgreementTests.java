package com.fibonacco.engagement.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import com.fibonacco.community.Communities;
import com.fibonacco.engagement.EngagementFixtures;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;
import com.fibonacco.smb.Smbs;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nightly job's set-based SQL and the real-time Java function give the same score for
 * every SMB, on random ledgers, for the default models and one that limits occurrences.
 */
@ServerTest
class SqlScoresAgreementTests {

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
	Ledger ledger;

	@Autowired
	ScoreModels models;

	@Autowired
	JsonMapper json;

	@Test
	void theSqlAndTheJavaScoresAgreeOnRandomLedgers() {
		TenantId tenant = new TenantId(new Tenancy(port).newTenant("Agreement Partners").id());
		EngagementFixtures fixtures = new EngagementFixtures(communities, smbs, events, transactions, jdbc);
		Random random = new Random(20261122L);
		Instant asOf = Instant.parse("2026-06-15T10:00:00Z");
		List<SmbId> ids = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			ids.add(fixtures.smb(tenant));
		}
		SignalType[] types = SignalType.values();
		List<Map<String, String>> attributes = List.of(Map.of(), Map.of("content_slug", "pricing"),
				Map.of("content_slug", "seo-basics"), Map.of("campaign_id", "HOOK-001"));
		for (SmbId smb : ids) {
			int count = random.nextInt(25);
			for (int n = 0; n < count; n++) {
				long age = (long) (random.nextDouble() * Duration.ofDays(200).toSeconds()) - 7_200;
				ledger.append(new Incoming(tenant, smb, types[random.nextInt(types.length)], UUID.randomUUID(),
						asOf.minusSeconds(age), attributes.get(random.nextInt(attributes.size())),
						random.nextInt(6) == 0));
			}
		}
		ScoreModel limited = new ScoreModel("limited", "Limited", 0, 60, models.lead(tenant).bands(),
				List.of(new ScoreModel.Category("all_email", "Email", 12)),
				List.of(ScoreModel.Rule.signal("opens", "Opens", SignalType.EMAIL_OPEN, 3, 45, "all_email")
					.withMaxOccurrences(3),
						ScoreModel.Rule.signal("clicks", "Clicks", SignalType.EMAIL_CLICK, 4, 20, "all_email")
							.withDecay(1)
							.withMaxOccurrences(2),
						ScoreModel.Rule.signal("pricing", "Pricing", SignalType.CONTENT_VIEW, 9, 60, null)
							.withConditions(Map.of("content_slug", "pricing")),
						ScoreModel.Rule.inactivity("quiet", "Quiet", 10, -7)));

		for (ScoreModel model : List.of(models.engagement(tenant), models.lead(tenant), limited)) {
			SqlScores.Query query = SqlScores.select(model, tenant, (SqlScores.IdRange) null, asOf, "", json);
			Map<UUID, Integer> sql = new HashMap<>();
			jdbc.sql(query.sql())
				.params(query.params())
				.query((rs, row) -> sql.put(rs.getObject("smb_id", UUID.class), rs.getInt("score")))
				.list();
			assertThat(sql).hasSize(ids.size());
			int nonZero = 0;
			for (SmbId smb : ids) {
				int java = Scorer.score(model, ledger.since(tenant, smb, Instant.EPOCH), asOf).total();
				assertThat(sql.get(smb.value())).as("%s score of %s", model.key(), smb).isEqualTo(java);
				nonZero += java == 0 ? 0 : 1;
			}
			assertThat(nonZero).as("SMBs with a score under " + model.key()).isGreaterThan(model == limited ? 2 : 5);
		}

		// the nightly job's single scan: several models in one query
		ScoreModel unlimited = new ScoreModel("unlimited", "Unlimited", -20, 60, models.lead(tenant).bands(),
				List.of(new ScoreModel.Category("all_email", "Email", 12)),
				List.of(ScoreModel.Rule.signal("opens", "Opens", SignalType.EMAIL_OPEN, 3, 45, "all_email"),
						ScoreModel.Rule.signal("clicks", "Clicks", SignalType.EMAIL_CLICK, 4, 20, "all_email")
							.withDecay(1),
						ScoreModel.Rule.signal("pricing", "Pricing", SignalType.CONTENT_VIEW, 9, 60, null)
							.withConditions(Map.of("content_slug", "pricing")),
						ScoreModel.Rule.signal("bounces", "Bounces", SignalType.EMAIL_BOUNCE, -4, 100, "no_such"),
						ScoreModel.Rule.inactivity("quiet", "Quiet", 10, -7),
						ScoreModel.Rule.inactivity("silent", "Silent", 40, -9)));
		Map<String, ScoreModel> together = new java.util.LinkedHashMap<>();
		together.put("engagement", models.engagement(tenant));
		together.put("lead", models.lead(tenant));
		together.put("unlimited", unlimited);
		SqlScores.Query query = SqlScores.selectTogether(together, tenant, null, asOf, "", json).orElseThrow();
		Map<UUID, Map<String, Integer>> sql = new HashMap<>();
		jdbc.sql(query.sql()).params(query.params()).query((rs, row) -> {
			Map<String, Integer> scores = new HashMap<>();
			for (String alias : together.keySet()) {
				scores.put(alias, rs.getInt(alias));
			}
			return sql.put(rs.getObject("smb_id", UUID.class), scores);
		}).list();
		assertThat(sql).hasSize(ids.size());
		for (SmbId smb : ids) {
			for (Map.Entry<String, ScoreModel> model : together.entrySet()) {
				int java = Scorer.score(model.getValue(), ledger.since(tenant, smb, Instant.EPOCH), asOf).total();
				assertThat(sql.get(smb.value()).get(model.getKey())).as("%s score of %s", model.getKey(), smb)
					.isEqualTo(java);
			}
		}
		assertThat(SqlScores.selectTogether(Map.of("limited", limited), tenant, null, asOf, "", json))
			.as("a model that limits occurrences needs its own query")
			.isEmpty();
	}

	@Test
	void theSqlForOneSmbAgreesToo() {
		TenantId tenant = new TenantId(new Tenancy(port).newTenant("Single Partners").id());
		EngagementFixtures fixtures = new EngagementFixtures(communities, smbs, events, transactions, jdbc);
		SmbId smb = fixtures.smb(tenant);
		Instant asOf = Instant.parse("2026-06-15T10:00:00Z");
		ledger
			.append(new Incoming(tenant, smb, SignalType.APPROVAL, UUID.randomUUID(), asOf.minus(Duration.ofDays(15))));
		ledger.append(new Incoming(tenant, smb, SignalType.EMAIL_CLICK, UUID.randomUUID(), asOf));

		SqlScores.Query query = SqlScores.select(models.engagement(tenant), tenant, smb.value(), asOf, "", json);
		int sql = jdbc.sql(query.sql()).params(query.params()).query((rs, row) -> rs.getInt("score")).single();

		assertThat(sql).isEqualTo(23 + 10);
	}

}

package com.fibonacco.engagement.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

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
 * A large tenant's nightly jobs work on several id ranges at once; together the ranges
 * score and tier every SMB exactly as the single statement does.
 */
@ServerTest
class RangedRecomputeTests {

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
	EngagementJobs jobs;

	@Test
	void theRangesCoverEveryPossibleIdWithoutOverlap() {
		TenantId tenant = new TenantId(new Tenancy(port).newTenant("Split Partners").id());
		EngagementFixtures fixtures = new EngagementFixtures(communities, smbs, events, transactions, jdbc);
		for (int i = 0; i < 10; i++) {
			fixtures.smb(tenant);
		}

		List<SqlScores.IdRange> ranges = jobs.split(tenant, 3, 1);

		assertThat(ranges).hasSize(3);
		assertThat(ranges.getFirst().from()).isEqualTo(SqlScores.IdRange.FIRST);
		assertThat(ranges.getLast().to()).isEqualTo(SqlScores.IdRange.LAST);
		for (int i = 1; i < ranges.size(); i++) {
			assertThat(SqlScores.IdRange.before(ranges.get(i).from())).isEqualTo(ranges.get(i - 1).to());
			assertThat(below(ranges.get(i - 1).to(), ranges.get(i).from())).isTrue();
		}
		assertThat(jobs.split(tenant, 3, 4)).as("no more ranges than have four SMBs each").hasSize(2);
		assertThat(jobs.split(tenant, 10, 1)).as("one SMB a range").hasSize(10);
		assertThat(jobs.split(tenant, 3, 6)).as("a tenant too small to split").isEmpty();
	}

	@Test
	void theIdBeforeBorrowsFromTheHighHalfAsPostgresOrdersUuids() {
		UUID id = UUID.fromString("01a2465c-2882-7f02-0000-000000000000");

		UUID before = SqlScores.IdRange.before(id);

		assertThat(before).isEqualTo(UUID.fromString("01a2465c-2882-7f01-ffff-ffffffffffff"));
		assertThat(below(before, id)).isTrue();
		assertThat(SqlScores.IdRange.before(UUID.fromString("01a2465c-2882-7f02-8000-000000000000")))
			.isEqualTo(UUID.fromString("01a2465c-2882-7f02-7fff-ffffffffffff"));
		assertThat(below(SqlScores.IdRange.FIRST, before)).isTrue();
		assertThat(below(id, SqlScores.IdRange.LAST)).isTrue();
	}

	@Test
	void aRecomputeInRangesScoresAndTiersEverySmbAsTheSingleStatementWould() {
		TenantId tenant = new TenantId(new Tenancy(port).newTenant("Ranged Partners").id());
		EngagementFixtures fixtures = new EngagementFixtures(communities, smbs, events, transactions, jdbc);
		Random random = new Random(20261205L);
		Instant asOf = Instant.now();
		List<SmbId> ids = new ArrayList<>();
		SignalType[] types = SignalType.values();
		for (int i = 0; i < 30; i++) {
			SmbId smb = fixtures.smb(tenant);
			ids.add(smb);
			for (int n = random.nextInt(20); n > 0; n--) {
				long age = (long) (random.nextDouble() * Duration.ofDays(100).toSeconds());
				ledger.append(new Incoming(tenant, smb, types[random.nextInt(types.length)], UUID.randomUUID(),
						asOf.minusSeconds(age), Map.of(), false));
			}
		}

		EngagementJobs.Recalculated recalculated = jobs.recalculate(tenant, asOf, 3, 1);
		int tierChanges = jobs.evaluateTiers(tenant, asOf, 3, 1);

		ScoreModel engagement = models.engagement(tenant);
		ScoreModel lead = models.lead(tenant);
		int scored = 0;
		for (SmbId smb : ids) {
			List<Signal> signals = ledger.since(tenant, smb, Instant.EPOCH);
			Scorer.Score expected = Scorer.score(engagement, signals, asOf);
			assertThat(fixtures.score(smb)).as("engagement score of %s", smb).isEqualTo(expected.total());
			assertThat(fixtures.tier(smb)).as("tier of %s", smb).isEqualTo(expected.tier());
			assertThat(leadScore(tenant, smb)).as("lead score of %s", smb)
				.isEqualTo(Scorer.score(lead, signals, asOf).total());
			scored += expected.total() > 0 ? 1 : 0;
		}
		assertThat(scored).isGreaterThan(10);
		assertThat(recalculated.engagement()).isEqualTo(scored);
		assertThat(tierChanges).isPositive();
		assertThat(jobs.recalculate(tenant, asOf, 3, 1)).as("a second run changes nothing")
			.isEqualTo(new EngagementJobs.Recalculated(0, 0));
		assertThat(jobs.evaluateTiers(tenant, asOf, 3, 1)).isZero();
	}

	private boolean below(UUID lower, UUID higher) {
		return jdbc.sql("SELECT CAST(:lower AS uuid) < CAST(:higher AS uuid)")
			.param("lower", lower)
			.param("higher", higher)
			.query(Boolean.class)
			.single();
	}

	private int leadScore(TenantId tenant, SmbId smb) {
		return jdbc.sql("SELECT score FROM smb_scores WHERE tenant_id = :tenant AND smb_id = :smb AND model_key = 'lead'")
			.param("tenant", tenant.value())
			.param("smb", smb.value())
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

}

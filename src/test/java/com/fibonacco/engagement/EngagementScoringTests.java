package com.fibonacco.engagement;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fibonacco.community.Communities;
import com.fibonacco.engagement.internal.EngagementJobs;
import com.fibonacco.messaging.EmailClicked;
import com.fibonacco.messaging.EmailOpened;
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

import static com.fibonacco.engagement.EngagementFixtures.approval;
import static com.fibonacco.engagement.EngagementFixtures.open;
import static com.fibonacco.engagement.EngagementFixtures.viewAndComplete;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Signals arriving as module events move scores and tiers in real time; the nightly jobs
 * lower them as signals age, and running them again changes nothing.
 */
@ServerTest
class EngagementScoringTests {

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
	Clock clock;

	EngagementFixtures fixtures;

	TenantId tenant;

	SmbId smb;

	@BeforeEach
	void setUp() {
		fixtures = new EngagementFixtures(communities, smbs, events, transactions, jdbc);
		tenant = new TenantId(new Tenancy(port).newTenant("Riverbend Marketing").id());
		smb = fixtures.smb(tenant);
	}

	@Test
	void anEmailOpenRaisesTheScoreAndTheTierWithinASecondAndTheNightlyJobLowersItAsSignalsAge() {
		Instant now = clock.instant();
		fixtures.publish(approval(tenant, smb, now));
		fixtures.publish(viewAndComplete(tenant, smb, "seo-basics", now));
		// approval 25 + content (8 + 15, capped at 20)
		await().atMost(Duration.ofSeconds(5)).until(() -> fixtures.score(smb) == 45);
		assertThat(fixtures.tier(smb)).isEqualTo(3);

		long committed = System.nanoTime();
		fixtures.publish(open(tenant, smb, now));
		await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10)).until(() -> fixtures.tier(smb) == 2);
		long elapsedMillis = (System.nanoTime() - committed) / 1_000_000;

		assertThat(elapsedMillis).isLessThan(1_000);
		assertThat(fixtures.score(smb)).isEqualTo(50);
		assertThat(lastEmailOpen()).isNotNull();
		assertThat(fixtures.timeline(smb, "tier_changed")).isEqualTo(2);

		// 31 days on: the open and the content have left the 30-day window, and the
		// approval
		// has lost 4 points (4 full weeks)
		Instant later = now.plus(Duration.ofDays(31));
		EngagementJobs.Recalculated recalculated = jobs.recalculate(tenant, later);
		assertThat(recalculated.engagement()).isEqualTo(1);
		assertThat(fixtures.score(smb)).isEqualTo(21);
		assertThat(fixtures.tier(smb)).isEqualTo(2);
		assertThat(fixtures.timeline(smb, "engagement_changed")).isPositive();

		assertThat(jobs.evaluateTiers(tenant, later)).isEqualTo(1);
		assertThat(fixtures.tier(smb)).isEqualTo(3);
		assertThat(fixtures.timeline(smb, "tier_changed")).isEqualTo(3);

		// the same day again: nothing changes, nothing is published
		assertThat(jobs.recalculate(tenant, later.plus(Duration.ofHours(3))))
			.isEqualTo(new EngagementJobs.Recalculated(0, 0));
		assertThat(jobs.evaluateTiers(tenant, later.plus(Duration.ofHours(3)))).isZero();
		assertThat(fixtures.timeline(smb, "tier_changed")).isEqualTo(3);
	}

	@Test
	void anEventDeliveredTwiceIsRecordedAndScoredOnce() {
		EmailOpened opened = open(tenant, smb, clock.instant());
		fixtures.publish(opened);
		fixtures.publish(opened);

		await().atMost(Duration.ofSeconds(5)).until(() -> fixtures.score(smb) == 5);
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> fixtures.score(smb) == 5);
		assertThat(fixtures.signals(smb)).isEqualTo(1);
	}

	@Test
	void machineGeneratedOpensAndClicksAreRecordedButDoNotScore() {
		Instant now = clock.instant();
		fixtures.publish(new EmailOpened(tenant, UUID.randomUUID(), UUID.randomUUID(), smb, "HOOK-001", true, now),
				new EmailClicked(tenant, UUID.randomUUID(), UUID.randomUUID(), smb, "HOOK-001", "https://x.example",
						true, now));

		await().atMost(Duration.ofSeconds(5)).until(() -> fixtures.signals(smb) == 2);
		assertThat(fixtures.score(smb)).isZero();
		assertThat(lastEmailOpen()).isNull();
	}

	@Test
	void aSignalForAnotherTenantsSmbIsIgnored() {
		TenantId other = new TenantId(new Tenancy(port).newTenant("Elsewhere Media").id());
		fixtures.publish(open(other, smb, clock.instant()), open(tenant, smb, clock.instant()));

		await().atMost(Duration.ofSeconds(5)).until(() -> fixtures.score(smb) == 5);
		assertThat(fixtures.signals(smb)).isEqualTo(1);
	}

	@Test
	void anUnsubscribeCostsLeadPointsAndAMeetingCounts() {
		Instant now = clock.instant();
		fixtures.publish(new com.fibonacco.inbound.MeetingScheduled(tenant, UUID.randomUUID(), smb,
				now.plus(Duration.ofDays(2)), now));
		await().atMost(Duration.ofSeconds(5)).until(() -> fixtures.score(smb) == 30);
		assertThat(leadScore()).isEqualTo(25);

		fixtures.publish(new com.fibonacco.messaging.EmailUnsubscribed(tenant, UUID.randomUUID(), smb, null, now));
		await().atMost(Duration.ofSeconds(5)).until(() -> leadScore() == 0);
		assertThat(fixtures.score(smb)).isEqualTo(30);
		assertThat(jdbc.sql("SELECT total_meetings FROM smbs WHERE id = :id")
			.param("id", smb.value())
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	private int leadScore() {
		return jdbc.sql("SELECT coalesce(max(score), 0) FROM smb_scores WHERE smb_id = :id AND model_key = 'lead'")
			.param("id", smb.value())
			.query(Integer.class)
			.single();
	}

	private @org.jspecify.annotations.Nullable OffsetDateTime lastEmailOpen() {
		return jdbc.sql("SELECT last_email_open FROM smbs WHERE id = :id")
			.param("id", smb.value())
			.query((rs, row) -> java.util.Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)))
			.single()
			.orElse(null);
	}

}

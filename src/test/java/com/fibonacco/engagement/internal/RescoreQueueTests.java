package com.fibonacco.engagement.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
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

import static com.fibonacco.engagement.internal.SignalType.APPROVAL;
import static com.fibonacco.engagement.internal.SignalType.EMAIL_CLICK;
import static com.fibonacco.engagement.internal.SignalType.EMAIL_OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real-time path's second step: signals recorded and queued are scored by rescore
 * rounds — several signals of one SMB in one rescoring, every queued SMB exactly once
 * however many rounds run at the same time.
 */
@ServerTest
class RescoreQueueTests {

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
	RescoreQueue queue;

	@Autowired
	Rescorer rescorer;

	EngagementFixtures fixtures;

	TenantId tenant;

	@BeforeEach
	void setUp() {
		fixtures = new EngagementFixtures(communities, smbs, events, transactions, jdbc);
		tenant = new TenantId(new Tenancy(port).newTenant("Queue Street Marketing").id());
	}

	@Test
	void signalsOfOneSmbQueuedTogetherAreScoredInOneRescoringThatMovesAllTheirActivity() {
		SmbId smb = fixtures.smb(tenant);
		Instant opened = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);
		Instant clicked = opened.plus(1, ChronoUnit.HOURS);
		Instant approved = clicked.plus(1, ChronoUnit.HOURS);

		// one transaction: the rescorer sees the three only together
		transactions.executeWithoutResult(tx -> {
			assertThat(queue.record(signal(smb, EMAIL_OPEN, opened))).isTrue();
			assertThat(queue.record(signal(smb, EMAIL_CLICK, clicked))).isTrue();
			assertThat(queue.record(signal(smb, APPROVAL, approved))).isTrue();
			assertThat(jdbc.sql("SELECT count(*) FROM engagement_rescore_queue WHERE smb_id = :smb")
				.param("smb", smb.value())
				.query(Long.class)
				.single()).isOne();
		});
		rescorer.nudgeAfterCommit();

		await().atMost(Duration.ofSeconds(5)).until(() -> queued(smb) == 0 && fixtures.score(smb) == 40);
		Map<String, Object> row = jdbc
			.sql("SELECT last_email_open, last_email_click, last_approval, total_approvals FROM smbs WHERE id = :smb")
			.param("smb", smb.value())
			.query()
			.singleRow();
		assertThat(((java.sql.Timestamp) row.get("last_email_open")).toInstant()).isEqualTo(opened);
		assertThat(((java.sql.Timestamp) row.get("last_email_click")).toInstant()).isEqualTo(clicked);
		assertThat(((java.sql.Timestamp) row.get("last_approval")).toInstant()).isEqualTo(approved);
		assertThat(((Number) row.get("total_approvals")).intValue()).isOne();
		// one rescoring: one change of the lead score (5 + 10 + 50), named after the last signal
		List<Map<String, Object>> changes = jdbc
			.sql("SELECT old_score, new_score, rule_key, reason FROM score_changes WHERE smb_id = :smb")
			.param("smb", smb.value())
			.query()
			.listOfRows();
		assertThat(changes).singleElement().satisfies(change -> {
			assertThat(change.get("old_score")).isEqualTo(0);
			assertThat(change.get("new_score")).isEqualTo(65);
			assertThat(change.get("rule_key")).isEqualTo("approves_service");
			assertThat((String) change.get("reason")).endsWith("after an approval");
		});
	}

	@Test
	void roundsRunningAtOnceRescoreEveryQueuedSmbExactlyOnce() {
		List<SmbId> queuedSmbs = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			queuedSmbs.add(fixtures.smb(tenant));
		}
		Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
		transactions.executeWithoutResult(tx -> queuedSmbs.forEach(smb -> queue.record(signal(smb, APPROVAL, at))));

		// the rescorer's own rounds and three more, all taking from the queue at once
		List<CompletableFuture<Integer>> rounds = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			rounds.add(CompletableFuture.supplyAsync(() -> rescorer.round(7)));
		}
		rescorer.nudgeAfterCommit();
		rounds.forEach(CompletableFuture::join);

		await().atMost(Duration.ofSeconds(5)).until(() -> queuedSmbs.stream().allMatch(smb -> queued(smb) == 0));
		for (SmbId smb : queuedSmbs) {
			await().atMost(Duration.ofSeconds(5)).until(() -> fixtures.score(smb) == 25);
			// an approval counted twice would mean an SMB taken twice
			assertThat(jdbc.sql("SELECT total_approvals FROM smbs WHERE id = :smb")
				.param("smb", smb.value())
				.query(Integer.class)
				.single()).isOne();
		}
	}

	@Test
	void aQueuedSmbDeletedMeanwhileLeavesTheQueueUnscored() {
		SmbId smb = fixtures.smb(tenant);
		transactions.executeWithoutResult(tx -> {
			queue.record(signal(smb, EMAIL_CLICK, Instant.now()));
			jdbc.sql("UPDATE smbs SET deleted_at = now() WHERE id = :smb").param("smb", smb.value()).update();
		});
		rescorer.nudgeAfterCommit();

		await().atMost(Duration.ofSeconds(5)).until(() -> queued(smb) == 0);
		assertThat(fixtures.score(smb)).isZero();
		assertThat(fixtures.signals(smb)).isOne();
	}

	private Incoming signal(SmbId smb, SignalType type, Instant at) {
		return new Incoming(tenant, smb, type, UUID.randomUUID(), at);
	}

	private long queued(SmbId smb) {
		return jdbc.sql("SELECT count(*) FROM engagement_rescore_queue WHERE smb_id = :smb")
			.param("smb", smb.value())
			.query(Long.class)
			.single();
	}

}

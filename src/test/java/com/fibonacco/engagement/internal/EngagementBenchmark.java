package com.fibonacco.engagement.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fibonacco.community.Communities;
import com.fibonacco.community.NewCommunity;
import com.fibonacco.messaging.EmailOpened;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The engagement benchmark (issue 5): N SMBs with M signals each over 90 days; the
 * nightly recompute's wall time, against the seeds' algorithm (chunks of 100 SMBs,
 * per-SMB count queries and UPDATE) on a sample, extrapolated; and the real-time path's
 * sustained rate and p99 from commit to recorded signal. Not a test (the name keeps it
 * out of the suite): <pre>
 * btest -w . -q test -Dtest=EngagementBenchmark -Dbench.smbs=1000000 -Dbench.signals-per-smb=20 -Dbench.sample=50000
 * </pre> Prints one JSON line per workload (and writes them to
 * target/engagement-bench.jsonl).
 */
@ServerTest
class EngagementBenchmark {

	@LocalServerPort
	int port;

	@Autowired
	Communities communities;

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

	@Autowired
	ScoreModels models;

	@Autowired
	tools.jackson.databind.json.JsonMapper json;

	final List<String> lines = new ArrayList<>();

	@Test
	void nightlyRecomputeAndRealTime() throws Exception {
		int smbs = Integer.getInteger("bench.smbs", 100_000);
		int perSmb = Integer.getInteger("bench.signals-per-smb", 20);
		int sample = Math.min(smbs, Integer.getInteger("bench.sample", 10_000));
		int realTimeEvents = Integer.getInteger("bench.realtime-events", 5_000);
		TenantId tenant = new TenantId(new Tenancy(port).newTenant("Benchmark Agency").id());
		UUID community = communities
			.create(tenant,
					new NewCommunity("Bench", "bench-" + UUID.randomUUID(), "NC", "Buncombe", 1, "America/New_York",
							Map.of()))
			.value();
		Instant asOf = clock.instant();

		long loadStart = System.nanoTime();
		jdbc.sql("""
				INSERT INTO smbs (tenant_id, id, community_id, slug, business_name)
				SELECT :tenant, gen_random_uuid(), :community, 'bench-' || g, 'Bench Business ' || g
				  FROM generate_series(1, :n) g
				""").param("tenant", tenant.value()).param("community", community).param("n", smbs).update();
		// signals spread over 90 days, in time order as a ledger fills; 5 % machine
		// opens/clicks
		jdbc.sql(
				"""
						INSERT INTO engagement_signals (tenant_id, source_event_id, signal_type, smb_id, occurred_at,
						                                machine_generated, attributes, recorded_at)
						SELECT :tenant, gen_random_uuid(), t.type, s.id, t.at, random() < 0.05, '{}'::jsonb, t.at
						  FROM smbs s
						 CROSS JOIN LATERAL (
						   SELECT (ARRAY['email_open','email_open','email_open','email_open','email_click','email_click',
						                 'content_view','content_view','content_complete','approval','callback',
						                 'meeting_scheduled','rvm_delivered','email_bounce','inbound_reply'])[1 + floor(random() * 15)::int]
						            AS type,
						          CAST(:asOf AS timestamptz) - random() * interval '90 days' AS at, g
						     FROM generate_series(1, :perSmb) g
						    WHERE s.id IS NOT NULL) t
						 WHERE s.tenant_id = :tenant
						 ORDER BY t.at
						""")
			.param("tenant", tenant.value())
			.param("perSmb", perSmb)
			.param("asOf", asOf.atOffset(ZoneOffset.UTC))
			.update();
		jdbc.sql("ANALYZE smbs").update();
		jdbc.sql("ANALYZE engagement_signals").update();
		long signals = jdbc.sql("SELECT count(*) FROM engagement_signals WHERE tenant_id = :tenant")
			.param("tenant", tenant.value())
			.query(Long.class)
			.single();
		emit("engagement-load", smbs, figures("signals", signals, "seconds", seconds(loadStart)));

		// catch-up: every SMB scored for the first time (as after an import or a model
		// change)
		long initialStart = System.nanoTime();
		EngagementJobs.Recalculated initial = jobs.recalculate(tenant, asOf);
		double initialSeconds = seconds(initialStart);
		long initialTiersStart = System.nanoTime();
		int initialTiers = jobs.evaluateTiers(tenant, asOf);
		emit("engagement-initial-scoring", smbs,
				figures("signals", signals, "recompute_seconds", initialSeconds, "changed_engagement",
						initial.engagement(), "changed_lead", initial.lead(), "tier_evaluation_seconds",
						seconds(initialTiersStart), "tier_changes", initialTiers));

		// the nightly recompute a day later: one statement per model for the tenant
		// (signals
		// leave their windows, approvals decay), then the tier evaluation
		Instant night = asOf.plus(Duration.ofDays(1));
		java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
		SqlScores.Query plan = SqlScores.select(models.engagement(tenant), tenant, (SqlScores.IdRange) null, night, "",
				json);
		java.nio.file.Files.write(java.nio.file.Path.of("target", "engagement-bench-explain.txt"),
				jdbc.sql("EXPLAIN (ANALYZE, BUFFERS) " + plan.sql()).params(plan.params()).query(String.class).list());
		long recomputeStart = System.nanoTime();
		EngagementJobs.Recalculated changed = jobs.recalculate(tenant, night);
		double recomputeSeconds = seconds(recomputeStart);
		long tiersStart = System.nanoTime();
		int tiers = jobs.evaluateTiers(tenant, night);
		double tierSeconds = seconds(tiersStart);
		long againStart = System.nanoTime();
		EngagementJobs.Recalculated again = jobs.recalculate(tenant, night);
		double againSeconds = seconds(againStart);
		assertThat(again).isEqualTo(new EngagementJobs.Recalculated(0, 0));

		// the seeds' RecalculateEngagementScores: Customer::chunk(100) (offset paging),
		// per SMB
		// three 30-day counts (opens, clicks, content views), the approval decay from
		// last_approval, then an UPDATE of that SMB
		long seedStart = System.nanoTime();
		int done = 0;
		Instant windowStart = asOf.minus(Duration.ofDays(30));
		while (done < sample) {
			List<UUID> chunk = jdbc
				.sql("SELECT id FROM smbs WHERE tenant_id = :tenant ORDER BY id LIMIT 100 OFFSET :offset")
				.param("tenant", tenant.value())
				.param("offset", done)
				.query(UUID.class)
				.list();
			if (chunk.isEmpty()) {
				break;
			}
			for (UUID id : chunk) {
				int score = Math.min(count(tenant, id, "email_open", windowStart) * 5, 25)
						+ Math.min(count(tenant, id, "email_click", windowStart) * 10, 30)
						+ Math.min(count(tenant, id, "content_view", windowStart) * 8, 20);
				Instant lastApproval = jdbc.sql("SELECT last_approval FROM smbs WHERE tenant_id = :tenant AND id = :id")
					.param("tenant", tenant.value())
					.param("id", id)
					.query((rs, row) -> {
						var at = rs.getObject(1, java.time.OffsetDateTime.class);
						return at == null ? Instant.EPOCH : at.toInstant();
					})
					.single();
				if (!lastApproval.equals(Instant.EPOCH)) {
					score += Math.max(0, 25 - (int) (Duration.between(lastApproval, asOf).toDays() / 7));
				}
				jdbc.sql("UPDATE smbs SET engagement_score = :score WHERE tenant_id = :tenant AND id = :id")
					.param("score", Math.min(score, 100))
					.param("tenant", tenant.value())
					.param("id", id)
					.update();
			}
			done += chunk.size();
		}
		double seedSampleSeconds = seconds(seedStart);
		double seedExtrapolated = seedSampleSeconds * smbs / done;
		emit("engagement-nightly-recompute", smbs,
				figures("signals", signals, "recompute_seconds", recomputeSeconds, "changed_engagement",
						changed.engagement(), "changed_lead", changed.lead(), "tier_evaluation_seconds", tierSeconds,
						"tier_changes", tiers, "second_run_seconds", againSeconds, "baseline_sample_smbs", done,
						"baseline_sample_seconds", seedSampleSeconds, "baseline_extrapolated_seconds", seedExtrapolated,
						"speedup", seedExtrapolated / recomputeSeconds));

		// the real-time path, opens for 1,000 SMBs, each published in its own
		// transaction:
		// first flat out from 8 threads (sustained rate), then at a steady rate well
		// below it
		// (latency from the publisher's commit to the signal recorded and its SMB
		// rescored)
		List<UUID> targets = jdbc.sql("SELECT id FROM smbs WHERE tenant_id = :tenant ORDER BY id DESC LIMIT 1000")
			.param("tenant", tenant.value())
			.query(UUID.class)
			.list();
		RealTime flatOut = realTime(tenant, targets, realTimeEvents, 8, 0);
		emit("engagement-real-time-sustained", smbs,
				figures("events", realTimeEvents, "threads", 8, "seconds", flatOut.seconds(), "signals_per_second",
						realTimeEvents / flatOut.seconds(), "p50_ms", percentile(flatOut.latencies(), 0.50), "p99_ms",
						percentile(flatOut.latencies(), 0.99)));
		int rate = Integer.getInteger("bench.realtime-rate", 20);
		int steadyEvents = rate * Integer.getInteger("bench.realtime-rate-seconds", 15);
		RealTime steady = realTime(tenant, targets, steadyEvents, 1, rate);
		emit("engagement-real-time-latency", smbs,
				figures("events", steadyEvents, "rate_per_second", rate, "p50_ms", percentile(steady.latencies(), 0.50),
						"p99_ms", percentile(steady.latencies(), 0.99), "max_ms",
						steady.latencies().isEmpty() ? 0 : steady.latencies().getLast()));
		java.nio.file.Files.write(java.nio.file.Path.of("target", "engagement-bench.jsonl"), lines);
	}

	private RealTime realTime(TenantId tenant, List<UUID> targets, int count, int threads, int ratePerSecond)
			throws InterruptedException {
		Map<UUID, Instant> committed = new ConcurrentHashMap<>();
		Instant before = clock.instant();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			UUID smb = targets.get(i % targets.size());
			if (ratePerSecond > 0) {
				long due = start + i * 1_000_000_000L / ratePerSecond;
				while (System.nanoTime() < due) {
					Thread.sleep(1);
				}
			}
			pool.submit(() -> {
				UUID event = UUID.randomUUID();
				transactions.executeWithoutResult(status -> events.publishEvent(new EmailOpened(tenant, event,
						UUID.randomUUID(), new SmbId(smb), "HOOK-001", false, clock.instant())));
				committed.put(event, clock.instant());
			});
		}
		pool.shutdown();
		pool.awaitTermination(10, TimeUnit.MINUTES);
		await().atMost(Duration.ofMinutes(10))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> recordedSince(tenant, before) >= count);
		double seconds = seconds(start);
		List<Long> latencies = new ArrayList<>();
		jdbc.sql("SELECT source_event_id, recorded_at FROM engagement_signals WHERE tenant_id = :tenant "
				+ "AND recorded_at > :since")
			.param("tenant", tenant.value())
			.param("since", before.atOffset(ZoneOffset.UTC))
			.query((rs, row) -> {
				Instant at = committed.get(rs.getObject(1, UUID.class));
				if (at != null) {
					latencies.add(Math.max(0,
							Duration.between(at, rs.getObject(2, java.time.OffsetDateTime.class).toInstant())
								.toMillis()));
				}
				return row;
			})
			.list();
		Collections.sort(latencies);
		return new RealTime(seconds, latencies);
	}

	record RealTime(double seconds, List<Long> latencies) {
	}

	private int count(TenantId tenant, UUID smb, String type, Instant since) {
		return jdbc.sql("""
				SELECT count(*) FROM engagement_signals
				 WHERE tenant_id = :tenant AND smb_id = :smb AND signal_type = :type AND occurred_at >= :since
				   AND NOT machine_generated
				""")
			.param("tenant", tenant.value())
			.param("smb", smb)
			.param("type", type)
			.param("since", since.atOffset(ZoneOffset.UTC))
			.query(Integer.class)
			.single();
	}

	private long recordedSince(TenantId tenant, Instant since) {
		return jdbc.sql("SELECT count(*) FROM engagement_signals WHERE tenant_id = :tenant AND recorded_at > :since")
			.param("tenant", tenant.value())
			.param("since", since.atOffset(ZoneOffset.UTC))
			.query(Long.class)
			.single();
	}

	private static long percentile(List<Long> sorted, double p) {
		return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
	}

	private static Map<String, Object> figures(Object... keysAndValues) {
		Map<String, Object> figures = new java.util.LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			figures.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return figures;
	}

	private static double seconds(long start) {
		return (System.nanoTime() - start) / 1e9;
	}

	private void emit(String workload, int size, Map<String, Object> figures) {
		StringBuilder line = new StringBuilder("{\"workload\":\"").append(workload).append("\",\"size\":").append(size);
		new java.util.TreeMap<>(figures).forEach((key, value) -> line.append(",\"")
			.append(key)
			.append("\":")
			.append(value instanceof Double d ? String.format(java.util.Locale.ROOT, "%.3f", d) : value));
		line.append('}');
		System.out.println(line);
		lines.add(line.toString());
	}

}

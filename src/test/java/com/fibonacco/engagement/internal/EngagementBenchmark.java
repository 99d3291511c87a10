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
 * per-SMB count queries and UPDATE) on a sample in the same run, extrapolated; and the
 * real-time path's sustained rate and p99 from commit to updated score. Not a test (the
 * name keeps it out of the suite); run it with {@code bench/run-engagement.sh}
 * ({@code BENCH_SIZE}, {@code BENCH_SAMPLE}, …), or: <pre>
 * btest -w . -q test -Dtest=EngagementBenchmark -Dbench.smbs=1000000 -Dbench.signals-per-smb=20 -Dbench.sample=50000
 * </pre> Prints one JSON line per workload (and writes them to
 * target/engagement-bench.jsonl). Figures in docs/benchmarks.md.
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

		// the bulk load: indexes and keys of the ledger (and smbs' own indexes) are
		// dropped
		// and built again afterwards, as for any bulk load; the rows themselves are
		// written
		// by INSERT … SELECT generate_series
		long loadStart = System.nanoTime();
		List<String> rebuild = new ArrayList<>();
		rebuild.addAll(dropIndexes("smbs", false));
		rebuild.addAll(dropIndexes("engagement_signals", true));
		jdbc.sql("""
				INSERT INTO smbs (tenant_id, id, community_id, slug, business_name)
				SELECT :tenant, gen_random_uuid(), :community, 'bench-' || g, 'Bench Business ' || g
				  FROM generate_series(1, :n) g
				""").param("tenant", tenant.value()).param("community", community).param("n", smbs).update();
		double smbSeconds = seconds(loadStart);
		// signals spread over 90 days, in time order as a ledger fills; 5 % machine
		// opens/clicks; one in 20 content views is of the pricing page
		long signalStart = System.nanoTime();
		transactions.executeWithoutResult(status -> {
			jdbc.sql("SET LOCAL work_mem = '1GB'").update();
			jdbc.sql(
					"""
							INSERT INTO engagement_signals (tenant_id, source_event_id, signal_type, smb_id, occurred_at,
							                                machine_generated, attributes, recorded_at)
							SELECT :tenant, gen_random_uuid(), t.type, s.id, t.at,
							       t.type IN ('email_open', 'email_click') AND random() < 0.05,
							       CASE WHEN t.type = 'content_view' AND random() < 0.05
							            THEN '{"content_slug": "pricing"}'::jsonb ELSE '{}'::jsonb END, t.at
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
		});
		double signalSeconds = seconds(signalStart);
		// the state the real-time path keeps: the last-activity columns (the seeds'
		// approval
		// decay reads last_approval) and, unless the catch-up is measured, every SMB's
		// scores and tier as of the load; written before smbs' indexes are built again
		boolean initialRun = Boolean.getBoolean("bench.initial");
		jdbc.sql("ANALYZE smbs").update();
		jdbc.sql("ANALYZE engagement_signals").update();
		long primeStart = System.nanoTime();
		prime(tenant, asOf, !initialRun);
		double primeSeconds = seconds(primeStart);
		long indexStart = System.nanoTime();
		transactions.executeWithoutResult(status -> {
			jdbc.sql("SET LOCAL maintenance_work_mem = '1GB'").update();
			rebuild.forEach(statement -> jdbc.sql(statement).update());
		});
		double indexSeconds = seconds(indexStart);
		long vacuumStart = System.nanoTime();
		jdbc.sql("VACUUM (ANALYZE) smbs").update();
		jdbc.sql("VACUUM (ANALYZE) engagement_signals").update();
		jdbc.sql("VACUUM (ANALYZE) smb_scores").update();
		double vacuumSeconds = seconds(vacuumStart);
		long signals = jdbc.sql("SELECT count(*) FROM engagement_signals WHERE tenant_id = :tenant")
			.param("tenant", tenant.value())
			.query(Long.class)
			.single();
		emit("engagement-load", smbs, figures("signals", signals, "seconds", seconds(loadStart), "smbs_seconds",
				smbSeconds, "signals_seconds", signalSeconds, "prime_seconds", primeSeconds, "index_seconds",
				indexSeconds, "vacuum_analyze_seconds", vacuumSeconds, "ledger_mb",
				jdbc.sql("SELECT pg_total_relation_size('engagement_signals') / 1048576").query(Long.class).single()));

		if (initialRun) {
			// catch-up: every SMB scored for the first time (as after an import): every
			// score moves, each move of more than 10 points is published and put on the
			// timeline, then every tier changes
			long initialStart = System.nanoTime();
			EngagementJobs.Recalculated initial = jobs.recalculate(tenant, asOf);
			double initialSeconds = seconds(initialStart);
			long initialTiersStart = System.nanoTime();
			int initialTiers = jobs.evaluateTiers(tenant, asOf);
			emit("engagement-initial-scoring", smbs,
					figures("signals", signals, "recompute_seconds", initialSeconds, "changed_engagement",
							initial.engagement(), "changed_lead", initial.lead(), "tier_evaluation_seconds",
							seconds(initialTiersStart), "tier_changes", initialTiers));
		}

		// the nightly recompute a day later (signals leave their windows, approvals
		// decay): one scan of the ledger for both models, then the tier evaluation
		Instant night = asOf.plus(Duration.ofDays(1));
		java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
		Map<String, ScoreModel> both = new java.util.LinkedHashMap<>();
		both.put("engagement", models.engagement(tenant));
		both.put("lead", models.lead(tenant));
		// the plan of the first id range, as the job runs it (no parallel workers: the
		// ranges are the parallelism)
		List<SqlScores.IdRange> ranges = jobs.split(tenant, 2, EngagementJobs.MIN_SMBS_PER_RANGE);
		SqlScores.IdRange firstRange = ranges.isEmpty() ? null : ranges.getFirst();
		SqlScores.Query plan = SqlScores.selectTogether(both, tenant, firstRange, night, "", json).orElseThrow();
		List<String> explain = transactions.execute(status -> {
			EngagementJobs.plan(jdbc, tenant);
			if (firstRange != null) {
				jdbc.sql("SET LOCAL max_parallel_workers_per_gather = 0").update();
			}
			return jdbc.sql("EXPLAIN (ANALYZE, BUFFERS) " + plan.sql())
				.params(plan.params())
				.query(String.class)
				.list();
		});
		java.nio.file.Files.write(java.nio.file.Path.of("target", "engagement-bench-explain.txt"), explain);
		// the WAL the recompute writes (its writes are non-HOT updates of smbs: an entry
		// in each index, and a full-page image of each page first touched after a
		// checkpoint)
		Map<String, Object> walBefore = jdbc.sql("SELECT wal_bytes, wal_fpi FROM pg_stat_wal").query().singleRow();
		long recomputeStart = System.nanoTime();
		EngagementJobs.Recalculated changed = jobs.recalculate(tenant, night);
		double recomputeSeconds = seconds(recomputeStart);
		Map<String, Object> walAfter = jdbc.sql("SELECT wal_bytes, wal_fpi FROM pg_stat_wal").query().singleRow();
		long walMegabytes = (((Number) walAfter.get("wal_bytes")).longValue()
				- ((Number) walBefore.get("wal_bytes")).longValue()) / (1024 * 1024);
		long walFullPages = ((Number) walAfter.get("wal_fpi")).longValue()
				- ((Number) walBefore.get("wal_fpi")).longValue();
		long tiersStart = System.nanoTime();
		int tiers = jobs.evaluateTiers(tenant, night);
		double tierSeconds = seconds(tiersStart);
		long againStart = System.nanoTime();
		EngagementJobs.Recalculated again = jobs.recalculate(tenant, night);
		double againSeconds = seconds(againStart);
		assertThat(again).isEqualTo(new EngagementJobs.Recalculated(0, 0));
		assertThat(jobs.evaluateTiers(tenant, night)).isZero();

		// the seeds' RecalculateEngagementScores on the first SMBs by id, as of the same
		// night: Customer::chunk(100) (SELECT * … ORDER BY id LIMIT 100 OFFSET n), per
		// SMB
		// EngagementService::calculateScore (three 30-day counts: opens, clicks, content
		// views, each capped; the approval decay from the row's last_approval) and
		// $customer->update(['engagement_score' => $score]), which Eloquent only sends
		// when the value changed (with updated_at)
		long seedStart = System.nanoTime();
		int done = 0;
		int seedUpdates = 0;
		Instant windowStart = night.minus(Duration.ofDays(30));
		while (done < sample) {
			List<Map<String, Object>> chunk = jdbc
				.sql("SELECT * FROM smbs WHERE tenant_id = :tenant ORDER BY id LIMIT 100 OFFSET :offset")
				.param("tenant", tenant.value())
				.param("offset", done)
				.query()
				.listOfRows();
			if (chunk.isEmpty()) {
				break;
			}
			for (Map<String, Object> customer : chunk) {
				UUID id = (UUID) customer.get("id");
				int score = Math.min(count(tenant, id, "email_open", windowStart) * 5, 25)
						+ Math.min(count(tenant, id, "email_click", windowStart) * 10, 30)
						+ Math.min(count(tenant, id, "content_view", windowStart) * 8, 20);
				Instant lastApproval = instant(customer.get("last_approval"));
				if (lastApproval != null) {
					score += Math.min(25, Math.max(0, 25 - (int) (Duration.between(lastApproval, night).toDays() / 7)));
				}
				score = Math.min(score, 100);
				if (score != ((Number) customer.get("engagement_score")).intValue()) {
					jdbc.sql("UPDATE smbs SET engagement_score = :score, updated_at = :now "
							+ "WHERE tenant_id = :tenant AND id = :id")
						.param("score", score)
						.param("now", night.atOffset(ZoneOffset.UTC))
						.param("tenant", tenant.value())
						.param("id", id)
						.update();
					seedUpdates++;
				}
			}
			done += chunk.size();
		}
		double seedSampleSeconds = seconds(seedStart);
		double seedExtrapolated = seedSampleSeconds * smbs / done;
		emit("engagement-nightly-recompute", smbs, figures("signals", signals, "recompute_seconds", recomputeSeconds,
				"recompute_wal_mb", walMegabytes, "recompute_wal_full_pages", walFullPages,
				"changed_engagement", changed.engagement(), "changed_lead", changed.lead(), "tier_evaluation_seconds",
				tierSeconds, "tier_changes", tiers, "second_run_seconds", againSeconds, "baseline_sample_smbs", done,
				"baseline_sample_updates", seedUpdates, "baseline_sample_seconds", seedSampleSeconds,
				"baseline_extrapolated_seconds", seedExtrapolated, "speedup", seedExtrapolated / recomputeSeconds));

		// the real-time path, opens for 1,000 SMBs, each published in its own
		// transaction: first flat out from 8 threads (sustained rate until every SMB is
		// rescored; latency to the signal recorded), then at a steady rate well below it
		// (latency from the publisher's commit to the SMB's score taking it in)
		List<UUID> targets = jdbc.sql("SELECT id FROM smbs WHERE tenant_id = :tenant ORDER BY id DESC LIMIT 1000")
			.param("tenant", tenant.value())
			.query(UUID.class)
			.list();
		RealTime flatOut = realTime(tenant, targets, realTimeEvents, 8, 0, false);
		emit("engagement-real-time-sustained", smbs,
				figures("events", realTimeEvents, "threads", 8, "seconds", flatOut.seconds(), "signals_per_second",
						realTimeEvents / flatOut.seconds(), "p50_recorded_ms", percentile(flatOut.latencies(), 0.50),
						"p99_recorded_ms", percentile(flatOut.latencies(), 0.99)));
		int rate = Integer.getInteger("bench.realtime-rate", 20);
		int steadyEvents = rate * Integer.getInteger("bench.realtime-rate-seconds", 15);
		RealTime steady = realTime(tenant, targets, steadyEvents, 1, rate, true);
		emit("engagement-real-time-latency", smbs,
				figures("events", steadyEvents, "rate_per_second", rate, "latency", "commit to score updated", "p50_ms", percentile(steady.latencies(), 0.50),
						"p99_ms", percentile(steady.latencies(), 0.99), "max_ms",
						steady.latencies().isEmpty() ? 0 : steady.latencies().getLast()));
		java.nio.file.Files.write(java.nio.file.Path.of("target", "engagement-bench.jsonl"), lines);
	}

	/**
	 * Drops the table's indexes (and, when {@code keys}, its primary and foreign keys)
	 * and returns the statements that build them again.
	 */
	private List<String> dropIndexes(String table, boolean keys) {
		List<String> drop = new ArrayList<>();
		List<String> primary = new ArrayList<>();
		List<String> indexes = new ArrayList<>();
		List<String> foreign = new ArrayList<>();
		if (keys) {
			jdbc.sql("""
					SELECT conname, pg_get_constraintdef(oid) AS def, contype FROM pg_constraint
					 WHERE conrelid = CAST(:table AS regclass) AND contype IN ('p', 'u', 'f')
					""").param("table", table).query((rs, row) -> {
				String name = rs.getString("conname");
				drop.add("ALTER TABLE " + table + " DROP CONSTRAINT " + name);
				(rs.getString("contype").equals("f") ? foreign : primary)
					.add("ALTER TABLE " + table + " ADD CONSTRAINT " + name + " " + rs.getString("def"));
				return row;
			}).list();
		}
		jdbc.sql("""
				SELECT indexname, indexdef FROM pg_indexes
				 WHERE schemaname = current_schema() AND tablename = :table
				   AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = CAST(:table AS regclass))
				""").param("table", table).query((rs, row) -> {
			drop.add("DROP INDEX " + rs.getString("indexname"));
			indexes.add(rs.getString("indexdef"));
			return row;
		}).list();
		drop.sort(java.util.Comparator.comparing(statement -> !statement.contains("_fk")));
		drop.forEach(statement -> jdbc.sql(statement).update());
		List<String> rebuild = new ArrayList<>(primary);
		rebuild.addAll(indexes);
		rebuild.addAll(foreign);
		return rebuild;
	}

	/**
	 * Every SMB's last-activity columns and (when {@code scores}) engagement score, tier
	 * and lead score as of {@code asOf}, directly, in one pass over smbs.
	 */
	private void prime(TenantId tenant, Instant asOf, boolean scores) {
		ScoreModel engagement = models.engagement(tenant);
		ScoreModel lead = models.lead(tenant);
		Map<String, ScoreModel> both = new java.util.LinkedHashMap<>();
		both.put("engagement", engagement);
		both.put("lead", lead);
		SqlScores.Query scored = SqlScores.selectTogether(both, tenant, null, asOf, "", json).orElseThrow();
		transactions.executeWithoutResult(status -> {
			EngagementJobs.plan(jdbc, tenant);
			jdbc.sql("CREATE TEMP TABLE primed ON COMMIT DROP AS " + scored.sql()).params(scored.params()).update();
			Map<String, Object> params = new java.util.HashMap<>();
			params.put("tenant", tenant.value());
			String tier = SqlScores.bandIndex(engagement, "p.engagement", params);
			jdbc.sql("UPDATE smbs sm SET last_email_open = l.open, last_email_click = l.click, "
					+ "last_content_view = l.view, last_approval = l.approval"
					+ (scores ? ", engagement_score = p.engagement, engagement_tier = (" + tier + ") + 1" : "") + """
							  FROM primed p LEFT JOIN (
							         SELECT smb_id,
							                max(occurred_at) FILTER (WHERE signal_type = 'email_open') AS open,
							                max(occurred_at) FILTER (WHERE signal_type = 'email_click') AS click,
							                max(occurred_at) FILTER (WHERE signal_type = 'content_view') AS view,
							                max(occurred_at) FILTER (WHERE signal_type = 'approval') AS approval
							           FROM engagement_signals
							          WHERE tenant_id = :tenant AND NOT machine_generated
							          GROUP BY smb_id) l ON l.smb_id = p.smb_id
							 WHERE sm.tenant_id = :tenant AND sm.id = p.smb_id
							""")
				.params(params)
				.update();
			if (scores) {
				params = new java.util.HashMap<>();
				params.put("tenant", tenant.value());
				params.put("min", lead.minScore());
				params.put("at", asOf.atOffset(ZoneOffset.UTC));
				params.put("keys", String.join(",", lead.bands().stream().map(ScoreModel.Band::key).toList()));
				String band = SqlScores.bandIndex(lead, "p.lead", params);
				jdbc.sql("INSERT INTO smb_scores (tenant_id, smb_id, model_key, score, band, computed_at) "
						+ "SELECT :tenant, p.smb_id, 'lead', p.lead, (string_to_array(:keys, ','))[(" + band
						+ ") + 1], :at FROM primed p WHERE p.lead <> :min")
					.params(params)
					.update();
			}
		});
	}

	private static @org.jspecify.annotations.Nullable Instant instant(@org.jspecify.annotations.Nullable Object value) {
		return switch (value) {
			case null -> null;
			case java.sql.Timestamp timestamp -> timestamp.toInstant();
			case java.time.OffsetDateTime at -> at.toInstant();
			default -> throw new IllegalStateException("not a timestamp: " + value.getClass());
		};
	}

	/**
	 * Publishes {@code count} opens of the targets, each in its own transaction, from
	 * {@code threads} threads (at {@code ratePerSecond} when above 0), and waits until
	 * every one is recorded and no SMB waits in the rescore queue. Latencies: with
	 * {@code probe}, from each publisher's commit until its SMB's score took the open in
	 * (the publishing thread polls the SMB's {@code last_email_open}); without, from the
	 * commit until the signal was recorded in the ledger (the rescoring follows).
	 */
	private RealTime realTime(TenantId tenant, List<UUID> targets, int count, int threads, int ratePerSecond,
			boolean probe) throws InterruptedException {
		Map<UUID, Instant> committed = new ConcurrentHashMap<>();
		List<Long> probed = java.util.Collections.synchronizedList(new ArrayList<>());
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
				Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
				transactions.executeWithoutResult(status -> events.publishEvent(
						new EmailOpened(tenant, event, UUID.randomUUID(), new SmbId(smb), "HOOK-001", false, at)));
				long committedAt = System.nanoTime();
				committed.put(event, clock.instant());
				if (probe) {
					while (!scoredSince(tenant, smb, at) && System.nanoTime() - committedAt < 10_000_000_000L) {
						try {
							Thread.sleep(1);
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
							return;
						}
					}
					probed.add((System.nanoTime() - committedAt) / 1_000_000);
				}
			});
		}
		pool.shutdown();
		pool.awaitTermination(10, TimeUnit.MINUTES);
		await().atMost(Duration.ofMinutes(10))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> recordedSince(tenant, before) >= count && rescoreQueued() == 0);
		double seconds = seconds(start);
		List<Long> latencies = new ArrayList<>();
		if (probe) {
			latencies.addAll(probed);
		}
		else {
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
		}
		Collections.sort(latencies);
		return new RealTime(seconds, latencies);
	}

	private boolean scoredSince(TenantId tenant, UUID smb, Instant at) {
		return jdbc.sql("SELECT coalesce(last_email_open >= :at, false) FROM smbs WHERE tenant_id = :tenant AND id = :smb")
			.param("tenant", tenant.value())
			.param("smb", smb)
			.param("at", at.atOffset(ZoneOffset.UTC))
			.query(Boolean.class)
			.single();
	}

	private long rescoreQueued() {
		return jdbc.sql("SELECT count(*) FROM engagement_rescore_queue").query(Long.class).single();
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
			.append(value instanceof Double d ? String.format(java.util.Locale.ROOT, "%.3f", d)
					: value instanceof String text ? "\"" + text.replace("\"", "\\\"") + "\"" : value));
		line.append('}');
		System.out.println(line);
		lines.add(line.toString());
	}

}

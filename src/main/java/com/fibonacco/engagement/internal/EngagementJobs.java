package com.fibonacco.engagement.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.jobrunr.scheduling.JobScheduler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import com.fibonacco.engagement.Direction;
import com.fibonacco.engagement.EngagementProperties;
import com.fibonacco.engagement.SmbEngagementChanged;
import com.fibonacco.engagement.SmbTierChanged;
import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.jobs.RecurringJobs;
import com.fibonacco.smb.SmbId;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The nightly jobs of seed 000 Task 6.2: RecalculateEngagementScores (02:00) and
 * EvaluateTierTransitions (03:00). Each is one set-based statement per tenant (no loop
 * over SMBs); only changed rows are written, so a second run the same day changes
 * nothing. Public for JobRunr, which calls them.
 */
@Component
public class EngagementJobs {

	private static final Logger log = LoggerFactory.getLogger(EngagementJobs.class);

	/**
	 * For the recompute's transaction, per SMB of the tenant: the hash table of the per-SMB
	 * aggregates (17 of them for the default models) takes some 600 bytes a group, and
	 * every parallel worker holds nearly every SMB (signals are in time order, not SMB
	 * order). PostgreSQL lets a hash table grow to twice work_mem.
	 */
	private static final long WORK_MEM_BYTES_PER_SMB = 400;

	private static final long MIN_WORK_MEM_MB = 64;

	/** Past this a tenant's aggregates spill to disk rather than take the machine. */
	private static final long MAX_WORK_MEM_MB = 2048;

	/**
	 * A tenant is split into id ranges worked on at once only when each range gets at
	 * least this many SMBs: below it, one statement is quicker than the coordination.
	 */
	static final long MIN_SMBS_PER_RANGE = 20_000;

	private static final String OLD_ENGAGEMENT = "sm.engagement_score AS old_score, sm.engagement_tier AS old_tier";

	private final JdbcClient jdbc;

	private final ScoreModels models;

	private final TierOverrides overrides;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final Clock clock;

	private final int parallelism;

	EngagementJobs(JdbcClient jdbc, ScoreModels models, TierOverrides overrides, ApplicationEventPublisher events,
			TransactionTemplate transactions, JsonMapper json, Clock clock, EngagementProperties properties) {
		this.jdbc = jdbc;
		this.models = models;
		this.overrides = overrides;
		this.events = events;
		this.transactions = transactions;
		this.json = json;
		this.clock = clock;
		this.parallelism = properties.recomputeThreads();
	}

	@EventListener(ApplicationReadyEvent.class)
	void schedule(ApplicationReadyEvent ready) {
		JobScheduler scheduler = ready.getApplicationContext().getBean(JobScheduler.class);
		scheduler.scheduleRecurrently(RecurringJobs.RECALCULATE_ENGAGEMENT_SCORES.id(),
				RecurringJobs.RECALCULATE_ENGAGEMENT_SCORES.cron(), ZoneOffset.UTC, this::recalculateEngagementScores);
		scheduler.scheduleRecurrently(RecurringJobs.EVALUATE_TIER_TRANSITIONS.id(),
				RecurringJobs.EVALUATE_TIER_TRANSITIONS.cron(), ZoneOffset.UTC, this::evaluateTierTransitions);
	}

	/** Recomputes every tenant's scores as of now. */
	public int recalculateEngagementScores() {
		Instant asOf = clock.instant();
		int changed = 0;
		for (TenantId tenant : tenants()) {
			changed += recalculate(tenant, asOf).engagement();
		}
		log.info("Engagement scores recomputed: {} SMBs changed", changed);
		return changed;
	}

	/**
	 * Moves every tenant's SMBs to the tier of their score, lifting expired pins first.
	 */
	public int evaluateTierTransitions() {
		Instant asOf = clock.instant();
		overrides.liftExpired(asOf);
		int changed = 0;
		for (TenantId tenant : tenants()) {
			changed += evaluateTiers(tenant, asOf);
		}
		log.info("Tier transitions evaluated: {} SMBs changed tier", changed);
		return changed;
	}

	/**
	 * The tenant's engagement and lead scores as of {@code asOf}: one statement per
	 * model, writing changed scores, their snapshots and (lead) the change log, in one
	 * transaction — or, for a large tenant, the same for each of a few id ranges at once,
	 * each range in a transaction of its own.
	 */
	public Recalculated recalculate(TenantId tenant, Instant asOf) {
		return recalculate(tenant, asOf, parallelism, MIN_SMBS_PER_RANGE);
	}

	/**
	 * The same, working on at most {@code parts} id ranges of at least
	 * {@code minPerRange} SMBs at once.
	 */
	Recalculated recalculate(TenantId tenant, Instant asOf, int parts, long minPerRange) {
		List<SqlScores.IdRange> ranges = split(tenant, parts, minPerRange);
		if (ranges.isEmpty()) {
			return recalculate(tenant, asOf, null, true);
		}
		return inParallel(ranges, range -> recalculate(tenant, asOf, range, false)).stream()
			.reduce(new Recalculated(0, 0), Recalculated::plus);
	}

	/** The same for the tenant's SMBs whose ids are in the range (all when null). */
	Recalculated recalculate(TenantId tenant, Instant asOf, SqlScores.@Nullable IdRange range) {
		return recalculate(tenant, asOf, range, true);
	}

	/**
	 * @param parallelQuery whether PostgreSQL may scan the ledger with parallel workers
	 * (not when ranges of the tenant are already being worked on at once)
	 */
	private Recalculated recalculate(TenantId tenant, Instant asOf, SqlScores.@Nullable IdRange range,
			boolean parallelQuery) {
		ScoreModel engagement = models.engagement(tenant);
		ScoreModel lead = models.lead(tenant);
		return java.util.Objects.requireNonNull(transactions.execute(status -> {
			long start = System.nanoTime();
			plan(jdbc, tenant, range, parallelQuery);
			Map<String, ScoreModel> both = new LinkedHashMap<>();
			both.put("engagement", engagement);
			both.put("lead", lead);
			var together = SqlScores.selectTogether(both, tenant, range, asOf, OLD_ENGAGEMENT, json);
			String engagementScores;
			String leadScores;
			if (together.isPresent()) {
				// one scan of the ledger for both models
				materialize("scored", together.get());
				engagementScores = "SELECT smb_id, engagement AS score, old_score, old_tier FROM scored";
				leadScores = "SELECT smb_id, lead AS score FROM scored";
			}
			else {
				// a model limits occurrences: one ranking query per model
				materialize("engagement_scored",
						SqlScores.select(engagement, tenant, range, asOf, OLD_ENGAGEMENT, json));
				materialize("lead_scored", SqlScores.select(lead, tenant, range, asOf, "", json));
				engagementScores = "SELECT * FROM engagement_scored";
				leadScores = "SELECT * FROM lead_scored";
			}
			long scored = System.nanoTime();
			int engagementChanged = writeEngagement(engagement, tenant, asOf, engagementScores);
			long engagementWritten = System.nanoTime();
			int leadChanged = writeLead(lead, tenant, asOf, leadScores);
			log.info(
					"Recomputed the scores of tenant {} as of {}: scored in {} ms, {} engagement scores written in {} ms, {} lead scores in {} ms",
					tenant.value(), asOf, (scored - start) / 1_000_000, engagementChanged,
					(engagementWritten - scored) / 1_000_000, leadChanged,
					(System.nanoTime() - engagementWritten) / 1_000_000);
			return new Recalculated(engagementChanged, leadChanged);
		}));
	}

	/**
	 * The settings of the recompute's transaction: memory to hash the tenant's per-SMB
	 * aggregates (one scan of the ledger, in parallel) without spilling to disk.
	 */
	static void plan(JdbcClient jdbc, TenantId tenant) {
		plan(jdbc, tenant, null, true);
	}

	private static void plan(JdbcClient jdbc, TenantId tenant, SqlScores.@Nullable IdRange range,
			boolean parallelQuery) {
		Map<String, Object> params = new HashMap<>();
		params.put("tenant", tenant.value());
		if (range != null) {
			params.put("fromId", range.from());
			params.put("toId", range.to());
		}
		long smbs = jdbc
			.sql("SELECT count(*) FROM smbs WHERE tenant_id = :tenant AND deleted_at IS NULL"
					+ (range == null ? "" : " AND id BETWEEN :fromId AND :toId"))
			.params(params)
			.query(Long.class)
			.single();
		jdbc.sql("SET LOCAL work_mem = '" + workMemMegabytes(smbs) + "MB'").update();
		if (!parallelQuery) {
			jdbc.sql("SET LOCAL max_parallel_workers_per_gather = 0").update();
		}
	}

	/**
	 * The tenant's SMB ids cut into at most {@code parts} ranges of about equal size that
	 * together cover every possible id (an SMB added meanwhile falls in one of them);
	 * empty when fewer than two ranges would have {@code minPerRange} SMBs.
	 */
	List<SqlScores.IdRange> split(TenantId tenant, int parts, long minPerRange) {
		long smbs = jdbc.sql("SELECT count(*) FROM smbs WHERE tenant_id = :tenant AND deleted_at IS NULL")
			.param("tenant", tenant.value())
			.query(Long.class)
			.single();
		int ranges = (int) Math.min(parts, smbs / minPerRange);
		if (ranges < 2) {
			return List.of();
		}
		// the first id of every range but the first
		long size = (smbs + ranges - 1) / ranges;
		List<UUID> starts = jdbc.sql("""
				SELECT id FROM (
				  SELECT id, row_number() OVER (ORDER BY id) AS n
				    FROM smbs WHERE tenant_id = :tenant AND deleted_at IS NULL
				) p
				 WHERE n > 1 AND (n - 1) % :size = 0 ORDER BY id LIMIT :starts
				""")
			.param("tenant", tenant.value())
			.param("size", size)
			.param("starts", ranges - 1)
			.query(UUID.class)
			.list();
		List<SqlScores.IdRange> split = new ArrayList<>();
		UUID from = SqlScores.IdRange.FIRST;
		for (UUID start : starts) {
			split.add(new SqlScores.IdRange(from, SqlScores.IdRange.before(start)));
			from = start;
		}
		split.add(new SqlScores.IdRange(from, SqlScores.IdRange.LAST));
		return split;
	}

	/**
	 * Runs the work for every range at once, each on a thread (and a connection) of its
	 * own. A range that fails does not undo the others: the jobs are idempotent, and
	 * running one again redoes only what was left.
	 */
	private <T> List<T> inParallel(List<SqlScores.IdRange> ranges, Function<SqlScores.IdRange, T> work) {
		List<Future<T>> futures = new ArrayList<>();
		try (ExecutorService threads = Executors.newFixedThreadPool(ranges.size(),
				Thread.ofPlatform().name("engagement-range-", 1).factory())) {
			ranges.forEach(range -> futures.add(threads.submit(() -> work.apply(range))));
		}
		List<T> results = new ArrayList<>();
		for (Future<T> future : futures) {
			try {
				results.add(future.get());
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof RuntimeException failure) {
					throw failure;
				}
				throw new IllegalStateException(ex.getCause());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while recomputing", ex);
			}
		}
		return results;
	}

	static long workMemMegabytes(long smbs) {
		return Math.clamp(smbs * WORK_MEM_BYTES_PER_SMB / (1024 * 1024), MIN_WORK_MEM_MB, MAX_WORK_MEM_MB);
	}

	/**
	 * Writes the engagement scores that changed (with their snapshots), publishing a move
	 * of more than {@link EngagementScoring#REPORTED_MOVE}. A score the real-time path
	 * changed since it was read (a signal arrived meanwhile) is left alone: that one is
	 * newer.
	 */
	private int writeEngagement(ScoreModel model, TenantId tenant, Instant asOf, String scores) {
		Map<String, Object> params = new HashMap<>();
		params.put("tenant", tenant.value());
		params.put("today", Scorer.day(asOf));
		String band = bandKey(model, "u.score", params);
		String sql = """
				WITH x AS (SELECT * FROM (""" + scores
				+ """
						) x WHERE x.score IS DISTINCT FROM x.old_score),
						upd AS (
						  UPDATE smbs s SET engagement_score = x.score
						    FROM x
						   WHERE s.tenant_id = :tenant AND s.id = x.smb_id AND s.engagement_score IS NOT DISTINCT FROM x.old_score
						  RETURNING s.id, x.old_score, x.score, x.old_tier
						),
						snap AS (
						  INSERT INTO score_snapshots (tenant_id, smb_id, model_key, day, score, band, tier)
						  SELECT :tenant, u.id, :model, :today, u.score, """
				+ band + """
						, u.old_tier FROM upd u
						  ON CONFLICT (tenant_id, smb_id, model_key, day)
						  DO UPDATE SET score = EXCLUDED.score, band = EXCLUDED.band
						)
						SELECT id, old_score, score FROM upd
						""";
		params.put("model", model.key());
		long start = System.nanoTime();
		List<Moved> moved = jdbc.sql(sql)
			.params(params)
			.query((rs, row) -> new Moved(new SmbId(rs.getObject("id", UUID.class)), rs.getInt("old_score"),
					rs.getInt("score")))
			.list();
		long written = System.nanoTime();
		int reported = 0;
		for (Moved move : moved) {
			if (Math.abs(move.newScore() - move.oldScore()) > EngagementScoring.REPORTED_MOVE) {
				events
					.publishEvent(new SmbEngagementChanged(tenant, move.smb(), move.oldScore(), move.newScore(), asOf));
				reported++;
			}
		}
		log.debug("{} engagement scores updated in {} ms, {} moves published in {} ms", moved.size(),
				(written - start) / 1_000_000, reported, (System.nanoTime() - written) / 1_000_000);
		return moved.size();
	}

	/**
	 * Writes the lead scores whose score or grade changed, with their snapshots and the
	 * change log.
	 */
	private int writeLead(ScoreModel model, TenantId tenant, Instant asOf, String scores) {
		Map<String, Object> params = new HashMap<>();
		params.put("tenant", tenant.value());
		params.put("today", Scorer.day(asOf));
		params.put("asOf", asOf.atOffset(ZoneOffset.UTC));
		params.put("minScore", model.minScore());
		String band = bandKey(model, "x.score", params);
		params.put("model", model.key());
		params.put("reason", "Recomputed as points expired or inactivity rules fired");
		String sql = """
				WITH x AS (""" + scores + """
				),
				cur AS (
				  SELECT smb_id, score, band FROM smb_scores WHERE tenant_id = :tenant AND model_key = :model
				),
				banded AS (
				  SELECT x.smb_id, x.score, """ + band + """
				 AS band, cur.score AS cur_score, cur.band AS cur_band
				    FROM x LEFT JOIN cur ON cur.smb_id = x.smb_id
				),
				changed AS (
				  SELECT smb_id, coalesce(cur_score, :minScore) AS old_score, score, band
				    FROM banded
				   WHERE coalesce(cur_score, :minScore) <> score OR cur_band <> band
				),
				up AS (
				  INSERT INTO smb_scores (tenant_id, smb_id, model_key, score, band, computed_at)
				  SELECT :tenant, c.smb_id, :model, c.score, c.band, :asOf FROM changed c
				  ON CONFLICT (tenant_id, smb_id, model_key)
				  DO UPDATE SET score = EXCLUDED.score, band = EXCLUDED.band, computed_at = EXCLUDED.computed_at
				),
				snap AS (
				  INSERT INTO score_snapshots (tenant_id, smb_id, model_key, day, score, band)
				  SELECT :tenant, c.smb_id, :model, :today, c.score, c.band FROM changed c
				  ON CONFLICT (tenant_id, smb_id, model_key, day)
				  DO UPDATE SET score = EXCLUDED.score, band = EXCLUDED.band
				),
				logged AS (
				  INSERT INTO score_changes (tenant_id, id, smb_id, model_key, old_score, new_score, rule_key, reason,
				                             occurred_at)
				  SELECT :tenant, gen_random_uuid(), c.smb_id, :model, c.old_score, c.score, NULL, :reason, :asOf
				    FROM changed c WHERE c.old_score <> c.score
				)
				SELECT count(*) FROM changed
				""";
		return jdbc.sql(sql).params(params).query(Integer.class).single();
	}

	/**
	 * Moves the tenant's unpinned SMBs to the tier their score is in: one statement that
	 * also records the changes and the day's snapshot; then the changes are published.
	 */
	public int evaluateTiers(TenantId tenant, Instant asOf) {
		return evaluateTiers(tenant, asOf, parallelism, MIN_SMBS_PER_RANGE);
	}

	/**
	 * The same, working on at most {@code parts} id ranges of at least
	 * {@code minPerRange} SMBs at once.
	 */
	int evaluateTiers(TenantId tenant, Instant asOf, int parts, long minPerRange) {
		List<SqlScores.IdRange> ranges = split(tenant, parts, minPerRange);
		if (ranges.isEmpty()) {
			return evaluateTiers(tenant, asOf, null, "Nightly evaluation");
		}
		return inParallel(ranges, range -> evaluateTiers(tenant, asOf, range, "Nightly evaluation")).stream()
			.mapToInt(Integer::intValue)
			.sum();
	}

	/**
	 * The same for the tenant's SMBs whose ids are in the range (all when null), giving
	 * {@code cause} as the reason.
	 */
	int evaluateTiers(TenantId tenant, Instant asOf, SqlScores.@Nullable IdRange range, String cause) {
		ScoreModel model = models.engagement(tenant);
		Map<String, Object> params = new HashMap<>();
		String inRange = "";
		if (range != null) {
			params.put("fromId", range.from());
			params.put("toId", range.to());
			inRange = " AND s.id BETWEEN :fromId AND :toId";
		}
		params.put("tenant", tenant.value());
		params.put("asOf", asOf.atOffset(ZoneOffset.UTC));
		params.put("today", Scorer.day(asOf));
		params.put("model", model.key());
		String tier = "(" + SqlScores.bandIndex(model, "s.engagement_score", params) + ") + 1";
		String band = bandKey(model, "u.engagement_score", params);
		String sql = """
				WITH x AS (
				  SELECT s.id, s.engagement_tier AS old_tier, """ + tier + " AS new_tier" + """

				 FROM smbs s
				WHERE s.tenant_id = :tenant AND s.deleted_at IS NULL""" + inRange + """

				     AND NOT EXISTS (SELECT 1 FROM tier_pins p
				                      WHERE p.tenant_id = s.tenant_id AND p.smb_id = s.id
				                        AND (p.expires_at IS NULL OR p.expires_at > :asOf))
				),
				upd AS (
				  UPDATE smbs s SET engagement_tier = x.new_tier
				    FROM x
				   WHERE s.tenant_id = :tenant AND s.id = x.id AND x.new_tier <> x.old_tier
				  RETURNING s.id, x.old_tier, x.new_tier, s.engagement_score
				),
				snap AS (
				  INSERT INTO score_snapshots (tenant_id, smb_id, model_key, day, score, band, tier)
				  SELECT :tenant, u.id, :model, :today, u.engagement_score, """ + band + """
				, u.new_tier FROM upd u
				  ON CONFLICT (tenant_id, smb_id, model_key, day) DO UPDATE SET tier = EXCLUDED.tier
				)
				SELECT id, old_tier, new_tier, engagement_score FROM upd
				""";
		Integer changed = transactions.execute(status -> {
			List<SmbTierChanged> changes = jdbc.sql(sql).params(params).query((rs, row) -> {
				int oldTier = rs.getInt("old_tier");
				int newTier = rs.getInt("new_tier");
				int score = rs.getInt("engagement_score");
				return new SmbTierChanged(tenant, new SmbId(rs.getObject("id", UUID.class)), oldTier, newTier,
						newTier < oldTier ? Direction.UPGRADE : Direction.DOWNGRADE,
						cause + ": score " + score + " is in " + model.bands().get(newTier - 1).name(), asOf);
			}).list();
			recordTierChanges(changes);
			changes.forEach(events::publishEvent);
			return changes.size();
		});
		return changed == null ? 0 : changed;
	}

	/**
	 * Computes the scores into a temporary table first: a statement that writes (the
	 * UPDATE … FROM with its CTEs) never runs in parallel, a CREATE TABLE … AS SELECT
	 * may, and the scan of the ledger is nearly all of the work.
	 */
	private void materialize(String table, SqlScores.Query scores) {
		jdbc.sql("DROP TABLE IF EXISTS " + table).update();
		jdbc.sql("CREATE TEMP TABLE " + table + " ON COMMIT DROP AS " + scores.sql()).params(scores.params()).update();
		jdbc.sql("ANALYZE " + table).update();
	}

	private void recordTierChanges(List<SmbTierChanged> changes) {
		if (changes.isEmpty()) {
			return;
		}
		// one statement for the whole batch
		List<Map<String, Object>> rows = changes.stream()
			.map(change -> Map.<String, Object>of("id", com.fibonacco.shared.Ids.newId(clock), "smb_id",
					change.smbId().value(), "old_tier", change.oldTier(), "new_tier", change.newTier(), "direction",
					change.direction().name().toLowerCase(java.util.Locale.ROOT), "reason", change.reason()))
			.toList();
		jdbc.sql("""
				INSERT INTO tier_changes (tenant_id, id, smb_id, old_tier, new_tier, direction, reason, occurred_at)
				SELECT :tenant, r.id, r.smb_id, r.old_tier, r.new_tier, r.direction, r.reason, :at
				  FROM jsonb_to_recordset(CAST(:rows AS jsonb))
				    AS r(id uuid, smb_id uuid, old_tier smallint, new_tier smallint, direction text, reason text)
				""")
			.param("tenant", changes.get(0).tenantId().value())
			.param("at", changes.get(0).occurredAt().atOffset(ZoneOffset.UTC))
			.param("rows", json.writeValueAsString(rows))
			.update();
	}

	/** {@code CASE} giving the band key of {@code score}. */
	private static String bandKey(ScoreModel model, String score, Map<String, Object> params) {
		StringBuilder sql = new StringBuilder("CASE");
		for (int i = 0; i < model.bands().size(); i++) {
			params.put("bandKeyMin" + i, model.bands().get(i).minScore());
			params.put("bandKey" + i, model.bands().get(i).key());
			if (i < model.bands().size() - 1) {
				sql.append(" WHEN ")
					.append(score)
					.append(" >= :bandKeyMin")
					.append(i)
					.append(" THEN :bandKey")
					.append(i);
			}
			else {
				sql.append(" ELSE :bandKey").append(i);
			}
		}
		return sql.append(" END").toString();
	}

	private List<TenantId> tenants() {
		return jdbc.sql("SELECT DISTINCT tenant_id FROM smbs")
			.query((rs, row) -> new TenantId(rs.getObject("tenant_id", UUID.class)))
			.list();
	}

	LocalDate today() {
		return Scorer.day(clock.instant());
	}

	private record Moved(SmbId smb, int oldScore, int newScore) {
	}

	/** How many SMBs' scores changed, per model. */
	public record Recalculated(int engagement, int lead) {

		Recalculated plus(Recalculated other) {
			return new Recalculated(engagement + other.engagement, lead + other.lead);
		}

	}

}

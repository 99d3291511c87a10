package com.fibonacco.engagement.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import com.fibonacco.engagement.internal.ScoreModel.Rule;
import com.fibonacco.shared.TenantId;

/**
 * The scoring function of {@link Scorer} as one set-based query: the score of every live
 * SMB of a tenant (or of one SMB) under a model, as of an instant. The rules travel as
 * one JSON parameter; the query's shape depends only on whether the model limits
 * occurrences or has inactivity rules, never on user input.
 */
final class SqlScores {

	private SqlScores() {
	}

	/**
	 * A query with columns {@code smb_id, score} (plus {@code extraColumns} of
	 * {@code sm}, the smbs row) and its parameters.
	 */
	static Query select(ScoreModel model, TenantId tenant, @Nullable UUID smb, Instant asOf, String extraColumns,
			JsonMapper json) {
		return select(model, tenant, smb == null ? null : new IdRange(smb, smb), asOf, extraColumns, json);
	}

	/**
	 * The same for the SMBs whose ids are within {@code range} (all the tenant's when
	 * null).
	 */
	static Query select(ScoreModel model, TenantId tenant, @Nullable IdRange range, Instant asOf, String extraColumns,
			JsonMapper json) {
		LocalDate today = Scorer.day(asOf);
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("tenant", tenant.value());
		params.put("asOf", asOf.atOffset(ZoneOffset.UTC));
		params.put("today", today);
		params.put("since", today.minusDays(model.lookbackDays()).atStartOfDay().atOffset(ZoneOffset.UTC));
		params.put("minScore", model.minScore());
		params.put("maxScore", model.maxScore());
		params.put("rules", json.writeValueAsString(rules(model, today)));
		String smbFilter = range == null ? "" : " AND s.smb_id BETWEEN :fromId AND :toId";
		if (range != null) {
			params.put("fromId", range.from());
			params.put("toId", range.to());
		}
		boolean limited = model.signalRules().stream().anyMatch(rule -> rule.maxOccurrences() != null);
		List<Rule> inactivity = model.inactivityRules();

		StringBuilder sql = new StringBuilder();
		sql.append("""
				WITH rules AS (
				  SELECT * FROM jsonb_to_recordset(CAST(:rules AS jsonb))
				    AS r(idx int, signal_type text, conditions jsonb, has_conditions boolean, points int,
				         window_start timestamptz, decay int, grp text, cap int, max_occurrences int)
				),
				matched AS (
				  SELECT s.smb_id, r.idx, r.grp, r.cap, r.max_occurrences,
				         CASE WHEN r.decay IS NULL THEN r.points
				              ELSE greatest(0, r.points - r.decay
				                   * ((CAST(:today AS date) - CAST(s.occurred_at AT TIME ZONE 'UTC' AS date)) / 7))
				         END AS pts,
				""");
		sql.append(limited ? "         row_number() OVER (PARTITION BY s.smb_id, r.idx "
				+ "ORDER BY s.occurred_at DESC, s.source_event_id DESC) AS n\n" : "         1 AS n\n");
		sql.append("""
				 FROM engagement_signals s
				 JOIN rules r ON r.signal_type = s.signal_type
				  AND s.occurred_at >= r.window_start
				  AND (NOT r.has_conditions OR s.attributes @> r.conditions)
				WHERE s.tenant_id = :tenant AND s.occurred_at >= :since AND s.occurred_at <= :asOf
				  AND NOT s.machine_generated""").append(smbFilter).append("""

				),
				per_group AS (
				  SELECT smb_id, grp, least(sum(pts), max(cap)) AS pts
				    FROM matched
				   WHERE max_occurrences IS NULL OR n <= max_occurrences
				   GROUP BY smb_id, grp
				),
				signal_points AS (
				  SELECT smb_id, sum(pts) AS pts FROM per_group GROUP BY smb_id
				)""");
		StringBuilder penalty = new StringBuilder();
		if (!inactivity.isEmpty()) {
			int longest = inactivity.stream().mapToInt(rule -> rule.inactiveDays()).max().orElseThrow();
			params.put("activity",
					String.join(",", model.activityTypes().stream().map(SignalType::apiName).sorted().toList()));
			params.put("activitySince", today.minusDays(longest).atStartOfDay().atOffset(ZoneOffset.UTC));
			sql.append("""
					,
					last_activity AS (
					  SELECT s.smb_id, max(s.occurred_at) AS at
					    FROM engagement_signals s
					   WHERE s.tenant_id = :tenant AND s.occurred_at >= :activitySince AND s.occurred_at <= :asOf
					     AND NOT s.machine_generated AND s.signal_type = ANY (string_to_array(:activity, ','))""")
				.append(smbFilter)
				.append("""

						   GROUP BY s.smb_id
						)""");
			for (int i = 0; i < inactivity.size(); i++) {
				Rule rule = inactivity.get(i);
				params.put("inactiveFrom" + i,
						today.minusDays(rule.inactiveDays()).atStartOfDay().atOffset(ZoneOffset.UTC));
				params.put("inactivePoints" + i, rule.points());
				penalty.append(" + CASE WHEN la.at IS NULL OR la.at < :inactiveFrom")
					.append(i)
					.append(" THEN :inactivePoints")
					.append(i)
					.append(" ELSE 0 END");
			}
		}
		sql.append("\nSELECT sm.id AS smb_id, CAST(greatest(:minScore, least(:maxScore, coalesce(sp.pts, 0)")
			.append(penalty)
			.append(")) AS int) AS score")
			.append(extraColumns.isEmpty() ? "" : ", " + extraColumns)
			.append("\n  FROM smbs sm\n  LEFT JOIN signal_points sp ON sp.smb_id = sm.id\n");
		if (!inactivity.isEmpty()) {
			sql.append("  LEFT JOIN last_activity la ON la.smb_id = sm.id\n");
		}
		sql.append(" WHERE sm.tenant_id = :tenant AND sm.deleted_at IS NULL");
		if (range != null) {
			sql.append(" AND sm.id BETWEEN :fromId AND :toId");
		}
		return new Query(sql.toString(), params);
	}

	/**
	 * Several models' scores from <b>one</b> scan of the ledger: columns {@code smb_id}
	 * and one score column per entry of {@code models} (named by its key, an alias chosen
	 * by the caller), plus {@code extraColumns} of {@code sm}. Each signal rule is one
	 * conditional aggregate ({@code count(*) FILTER (…)}, or the sum of the decayed
	 * points) of a single {@code GROUP BY smb_id}: the ledger's rows are read once, not
	 * once per model and never joined to the rules, and the caps, the bounds and the
	 * inactivity rules are applied to the per-SMB aggregates. Empty when a model limits
	 * occurrences (that needs each signal's rank within its rule: {@link #select} per
	 * model).
	 */
	static Optional<Query> selectTogether(Map<String, ScoreModel> models, TenantId tenant, @Nullable IdRange range,
			Instant asOf, String extraColumns, JsonMapper json) {
		if (models.values()
			.stream()
			.anyMatch(model -> model.signalRules().stream().anyMatch(rule -> rule.maxOccurrences() != null))) {
			return Optional.empty();
		}
		LocalDate today = Scorer.day(asOf);
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("tenant", tenant.value());
		params.put("asOf", asOf.atOffset(ZoneOffset.UTC));
		params.put("today", today);
		int lookback = models.values().stream().mapToInt(ScoreModel::lookbackDays).max().orElse(0);
		params.put("since", today.minusDays(lookback).atStartOfDay().atOffset(ZoneOffset.UTC));
		java.util.SortedSet<String> types = new java.util.TreeSet<>();
		StringBuilder aggregates = new StringBuilder();
		StringBuilder scores = new StringBuilder();
		int m = 0;
		for (Map.Entry<String, ScoreModel> entry : models.entrySet()) {
			ScoreModel model = entry.getValue();
			String p = "m" + m;
			// the points of each category's rules (capped later) and of uncapped rules
			Map<String, List<String>> byCategory = new LinkedHashMap<>();
			List<String> uncapped = new ArrayList<>();
			List<Rule> all = model.rules();
			for (int i = 0; i < all.size(); i++) {
				Rule rule = all.get(i);
				SignalType type = rule.signalType();
				if (type == null) {
					continue;
				}
				String r = p + "r" + i;
				types.add(type.apiName());
				params.put(r + "type", type.apiName());
				params.put(r + "from", today.minusDays(rule.windowDays()).atStartOfDay().atOffset(ZoneOffset.UTC));
				String filter = "s.signal_type = :" + r + "type AND s.occurred_at >= :" + r + "from";
				if (!rule.conditions().isEmpty()) {
					params.put(r + "cond", json.writeValueAsString(rule.conditions()));
					filter += " AND s.attributes @> CAST(:" + r + "cond AS jsonb)";
				}
				String points;
				if (rule.decayPointsPerWeek() == null) {
					aggregates.append(",\n         count(*) FILTER (WHERE ").append(filter).append(") AS ").append(r);
					params.put(r + "pts", rule.points());
					points = "coalesce(a." + r + ", 0) * :" + r + "pts";
				}
				else {
					params.put(r + "pts", rule.points());
					params.put(r + "decay", rule.decayPointsPerWeek());
					aggregates.append(",\n         sum(greatest(0, :")
						.append(r)
						.append("pts - :")
						.append(r)
						.append("decay * ((CAST(:today AS date) - CAST(s.occurred_at AT TIME ZONE 'UTC' AS date)) / 7)))")
						.append(" FILTER (WHERE ")
						.append(filter)
						.append(") AS ")
						.append(r);
					points = "coalesce(a." + r + ", 0)";
				}
				var category = model.category(rule.category());
				if (category.isPresent()) {
					byCategory.computeIfAbsent(category.get().key(), key -> new ArrayList<>()).add(points);
				}
				else {
					uncapped.add(points);
				}
			}
			List<String> terms = new ArrayList<>(uncapped);
			int c = 0;
			for (ScoreModel.Category category : model.categories()) {
				List<String> points = byCategory.get(category.key());
				if (points == null) {
					continue;
				}
				params.put(p + "cap" + c, category.cap());
				terms.add("least(" + String.join(" + ", points) + ", :" + p + "cap" + c + ")");
				c++;
			}
			List<Rule> inactivity = model.inactivityRules();
			if (!inactivity.isEmpty()) {
				int longest = inactivity.stream().mapToInt(rule -> rule.inactiveDays()).max().orElseThrow();
				params.put(p + "activity",
						String.join(",", model.activityTypes().stream().map(SignalType::apiName).sorted().toList()));
				params.put(p + "activitySince", today.minusDays(longest).atStartOfDay().atOffset(ZoneOffset.UTC));
				model.activityTypes().forEach(type -> types.add(type.apiName()));
				aggregates.append(",\n         max(s.occurred_at) FILTER (WHERE s.signal_type = ANY (string_to_array(:")
					.append(p)
					.append("activity, ',')) AND s.occurred_at >= :")
					.append(p)
					.append("activitySince) AS ")
					.append(p)
					.append("last");
				for (int i = 0; i < inactivity.size(); i++) {
					Rule rule = inactivity.get(i);
					params.put(p + "inactiveFrom" + i,
							today.minusDays(rule.inactiveDays()).atStartOfDay().atOffset(ZoneOffset.UTC));
					params.put(p + "inactivePoints" + i, rule.points());
					terms.add("CASE WHEN a." + p + "last IS NULL OR a." + p + "last < :" + p + "inactiveFrom" + i
							+ " THEN :" + p + "inactivePoints" + i + " ELSE 0 END");
				}
			}
			params.put(p + "min", model.minScore());
			params.put(p + "max", model.maxScore());
			scores.append(", CAST(greatest(:")
				.append(p)
				.append("min, least(:")
				.append(p)
				.append("max, ")
				.append(terms.isEmpty() ? "0" : String.join(" + ", terms))
				.append(")) AS int) AS ")
				.append(entry.getKey());
			m++;
		}
		params.put("types", String.join(",", types));
		String smbFilter = "";
		if (range != null) {
			params.put("fromId", range.from());
			params.put("toId", range.to());
			smbFilter = " AND s.smb_id BETWEEN :fromId AND :toId";
		}
		String sql = "WITH a AS (\n  SELECT s.smb_id" + aggregates + """

				 FROM engagement_signals s
				WHERE s.tenant_id = :tenant AND s.occurred_at >= :since AND s.occurred_at <= :asOf
				  AND NOT s.machine_generated AND s.signal_type = ANY (string_to_array(:types, ','))""" + smbFilter
				+ """

						   GROUP BY s.smb_id
						)
						SELECT sm.id AS smb_id""" + scores + (extraColumns.isEmpty() ? "" : ", " + extraColumns) + """

						 FROM smbs sm
						 LEFT JOIN a ON a.smb_id = sm.id
						WHERE sm.tenant_id = :tenant AND sm.deleted_at IS NULL"""
				+ (range == null ? "" : " AND sm.id BETWEEN :fromId AND :toId");
		return Optional.of(new Query(sql, params));
	}

	/** {@code CASE} giving the 0-based band of {@code score}, highest band first. */
	static String bandIndex(ScoreModel model, String score, Map<String, Object> params) {
		StringBuilder sql = new StringBuilder("CASE");
		for (int i = 0; i < model.bands().size() - 1; i++) {
			params.put("bandMin" + i, model.bands().get(i).minScore());
			sql.append(" WHEN ").append(score).append(" >= :bandMin").append(i).append(" THEN ").append(i);
		}
		return sql.append(" ELSE ").append(model.bands().size() - 1).append(" END").toString();
	}

	private static List<Map<String, @Nullable Object>> rules(ScoreModel model, LocalDate today) {
		List<Map<String, @Nullable Object>> rules = new ArrayList<>();
		List<Rule> all = model.rules();
		for (int idx = 0; idx < all.size(); idx++) {
			Rule rule = all.get(idx);
			if (rule.signalType() == null) {
				continue;
			}
			Map<String, @Nullable Object> row = new LinkedHashMap<>();
			row.put("idx", idx);
			row.put("signal_type", rule.signalType().apiName());
			row.put("conditions", rule.conditions());
			row.put("has_conditions", !rule.conditions().isEmpty());
			row.put("points", rule.points());
			// a signal is in the window from the first instant of the day window_days ago
			row.put("window_start",
					today.minusDays(rule.windowDays()).atStartOfDay().toInstant(ZoneOffset.UTC).toString());
			row.put("decay", rule.decayPointsPerWeek());
			var category = model.category(rule.category());
			row.put("grp", category.map(ScoreModel.Category::key).orElse("#" + idx));
			row.put("cap", category.map(ScoreModel.Category::cap).orElse(null));
			row.put("max_occurrences", rule.maxOccurrences());
			rules.add(row);
		}
		return rules;
	}

	record Query(String sql, Map<String, Object> params) {
	}

	/** SMB ids from … to, both included (UUIDs compare as PostgreSQL orders them). */
	record IdRange(UUID from, UUID to) {

		/** The lowest id in PostgreSQL's order (bytewise, unsigned). */
		static final UUID FIRST = new UUID(0, 0);

		/** The highest id in PostgreSQL's order. */
		static final UUID LAST = new UUID(-1, -1);

		/** The id just below {@code id} in PostgreSQL's order (not {@link #FIRST}). */
		static UUID before(UUID id) {
			long low = id.getLeastSignificantBits();
			long high = id.getMostSignificantBits();
			// one less as an unsigned 128-bit number: borrow from the high half at zero
			return low != 0 ? new UUID(high, low - 1) : new UUID(high - 1, -1);
		}

	}

}

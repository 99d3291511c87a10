package com.fibonacco.engagement.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
	}

}

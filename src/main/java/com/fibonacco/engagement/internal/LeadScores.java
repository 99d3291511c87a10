package com.fibonacco.engagement.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.Ids;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static com.fibonacco.engagement.internal.Ledger.utc;

/**
 * Scores of the models other than engagement ({@code smb_scores}) and the log of what
 * changed them ({@code score_changes}).
 */
@Repository
class LeadScores {

	private final JdbcClient jdbc;

	private final Clock clock;

	LeadScores(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Stores SMBs' scores (a model at most once per SMB) and logs the changes that came
	 * with them — in one statement.
	 */
	void put(TenantId tenant, List<Put> puts) {
		if (puts.isEmpty()) {
			return;
		}
		int n = puts.size();
		String[][] scores = new String[5][n];
		List<Put> changed = puts.stream().filter(put -> put.change() != null).toList();
		String[][] changes = new String[8][changed.size()];
		for (int i = 0; i < n; i++) {
			Put put = puts.get(i);
			scores[0][i] = put.smb().value().toString();
			scores[1][i] = put.model();
			scores[2][i] = Integer.toString(put.score());
			scores[3][i] = put.band();
			scores[4][i] = put.at().toString();
		}
		for (int i = 0; i < changed.size(); i++) {
			Put put = changed.get(i);
			Change change = put.change();
			changes[0][i] = Ids.newId(clock).toString();
			changes[1][i] = put.smb().value().toString();
			changes[2][i] = put.model();
			changes[3][i] = Integer.toString(change.oldScore());
			changes[4][i] = Integer.toString(put.score());
			changes[5][i] = change.ruleKey();
			changes[6][i] = Reasons.fit(change.reason());
			changes[7][i] = change.occurredAt().toString();
		}
		String upsert = """
				INSERT INTO smb_scores (tenant_id, smb_id, model_key, score, band, computed_at)
				SELECT :tenant, u.smb_id, u.model_key, u.score, u.band, u.computed_at
				  FROM unnest(CAST(:s0 AS uuid[]), CAST(:s1 AS text[]), CAST(:s2 AS int[]), CAST(:s3 AS text[]),
				              CAST(:s4 AS timestamptz[])) AS u(smb_id, model_key, score, band, computed_at)
				ON CONFLICT (tenant_id, smb_id, model_key)
				DO UPDATE SET score = EXCLUDED.score, band = EXCLUDED.band, computed_at = EXCLUDED.computed_at
				""";
		var statement = jdbc.sql(changed.isEmpty() ? upsert : "WITH stored AS (" + upsert + """
				)
				INSERT INTO score_changes (tenant_id, id, smb_id, model_key, old_score, new_score, rule_key, reason,
				                           occurred_at)
				SELECT :tenant, c.id, c.smb_id, c.model_key, c.old_score, c.new_score, c.rule_key, c.reason, c.occurred_at
				  FROM unnest(CAST(:c0 AS uuid[]), CAST(:c1 AS uuid[]), CAST(:c2 AS text[]), CAST(:c3 AS int[]),
				              CAST(:c4 AS int[]), CAST(:c5 AS text[]), CAST(:c6 AS text[]), CAST(:c7 AS timestamptz[]))
				    AS c(id, smb_id, model_key, old_score, new_score, rule_key, reason, occurred_at)
				""").param("tenant", tenant.value());
		for (int i = 0; i < scores.length; i++) {
			statement = statement.param("s" + i, scores[i]);
		}
		if (!changed.isEmpty()) {
			for (int i = 0; i < changes.length; i++) {
				statement = statement.param("c" + i, changes[i]);
			}
		}
		statement.update();
	}

	List<Change> changes(TenantId tenant, SmbId smb, String model, Instant from, Instant to) {
		return jdbc.sql("""
				SELECT old_score, new_score, rule_key, reason, occurred_at FROM score_changes
				 WHERE tenant_id = :tenant AND smb_id = :smb AND model_key = :model
				   AND occurred_at >= :from AND occurred_at < :to
				 ORDER BY occurred_at, id
				""")
			.param("tenant", tenant.value())
			.param("smb", smb.value())
			.param("model", model)
			.param("from", utc(from))
			.param("to", utc(to))
			.query((rs, row) -> new Change(rs.getInt("old_score"), rs.getInt("new_score"), rs.getString("rule_key"),
					rs.getString("reason"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant()))
			.list();
	}

	record Current(int score, String band, Instant computedAt) {
	}

	record Change(int oldScore, int newScore, @Nullable String ruleKey, String reason, Instant occurredAt) {
	}

	/** An SMB's score in a model, and the change to log with it, if it moved. */
	record Put(SmbId smb, String model, int score, String band, Instant at, @Nullable Change change) {
	}

}

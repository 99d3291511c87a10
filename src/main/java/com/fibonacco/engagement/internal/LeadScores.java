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

	/** Stores the score and, when it moved, logs the change — in one statement. */
	void put(TenantId tenant, SmbId smb, String model, int score, String band, Instant at, @Nullable Change change) {
		String upsert = """
				INSERT INTO smb_scores (tenant_id, smb_id, model_key, score, band, computed_at)
				VALUES (:tenant, :smb, :model, :score, :band, :at)
				ON CONFLICT (tenant_id, smb_id, model_key)
				DO UPDATE SET score = EXCLUDED.score, band = EXCLUDED.band, computed_at = EXCLUDED.computed_at
				""";
		var statement = jdbc.sql(change == null ? upsert : "WITH stored AS (" + upsert + """
				)
				INSERT INTO score_changes (tenant_id, id, smb_id, model_key, old_score, new_score, rule_key, reason,
				                           occurred_at)
				VALUES (:tenant, :id, :smb, :model, :oldScore, :score, :rule, :reason, :changedAt)
				""")
			.param("tenant", tenant.value())
			.param("smb", smb.value())
			.param("model", model)
			.param("score", score)
			.param("band", band)
			.param("at", utc(at));
		if (change != null) {
			statement = statement.param("id", Ids.newId(clock))
				.param("oldScore", change.oldScore())
				.param("rule", change.ruleKey())
				.param("reason", Reasons.fit(change.reason()))
				.param("changedAt", utc(change.occurredAt()));
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

}

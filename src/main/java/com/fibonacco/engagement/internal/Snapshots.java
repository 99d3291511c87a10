package com.fibonacco.engagement.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Daily score history: {@code score_snapshots}, one row per day a score or tier changed.
 */
@Repository
class Snapshots {

	private final JdbcClient jdbc;

	Snapshots(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The day's values of SMBs' scores (a model at most once per SMB), as they are now: a
	 * later change the same day overwrites them.
	 */
	void put(TenantId tenant, LocalDate day, List<Entry> entries) {
		if (entries.isEmpty()) {
			return;
		}
		int n = entries.size();
		String[][] columns = new String[5][n];
		for (int i = 0; i < n; i++) {
			Entry entry = entries.get(i);
			columns[0][i] = entry.smb().value().toString();
			columns[1][i] = entry.model();
			columns[2][i] = Integer.toString(entry.score());
			columns[3][i] = entry.band();
			columns[4][i] = entry.tier() == null ? null : entry.tier().toString();
		}
		jdbc.sql("""
				INSERT INTO score_snapshots (tenant_id, smb_id, model_key, day, score, band, tier)
				SELECT :tenant, u.smb_id, u.model_key, :day, u.score, u.band, u.tier
				  FROM unnest(CAST(:c0 AS uuid[]), CAST(:c1 AS text[]), CAST(:c2 AS int[]), CAST(:c3 AS text[]),
				              CAST(:c4 AS smallint[])) AS u(smb_id, model_key, score, band, tier)
				ON CONFLICT (tenant_id, smb_id, model_key, day)
				DO UPDATE SET score = EXCLUDED.score, band = EXCLUDED.band, tier = EXCLUDED.tier
				""")
			.param("tenant", tenant.value())
			.param("day", day)
			.param("c0", columns[0])
			.param("c1", columns[1])
			.param("c2", columns[2])
			.param("c3", columns[3])
			.param("c4", columns[4])
			.update();
	}

	/** The snapshots of the days from … to, and the last one before them. */
	List<Snapshot> between(TenantId tenant, SmbId smb, String model, LocalDate from, LocalDate to) {
		return jdbc.sql("""
				(SELECT day, score, band, tier FROM score_snapshots
				  WHERE tenant_id = :tenant AND smb_id = :smb AND model_key = :model AND day < :from
				  ORDER BY day DESC LIMIT 1)
				UNION ALL
				(SELECT day, score, band, tier FROM score_snapshots
				  WHERE tenant_id = :tenant AND smb_id = :smb AND model_key = :model AND day BETWEEN :from AND :to)
				ORDER BY day
				""")
			.param("tenant", tenant.value())
			.param("smb", smb.value())
			.param("model", model)
			.param("from", from)
			.param("to", to)
			.query(Snapshots::snapshot)
			.list();
	}

	Optional<Snapshot> latest(TenantId tenant, SmbId smb, String model) {
		return jdbc.sql("""
				SELECT day, score, band, tier FROM score_snapshots
				 WHERE tenant_id = :tenant AND smb_id = :smb AND model_key = :model ORDER BY day DESC LIMIT 1
				""")
			.param("tenant", tenant.value())
			.param("smb", smb.value())
			.param("model", model)
			.query(Snapshots::snapshot)
			.optional();
	}

	private static Snapshot snapshot(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		int tier = rs.getInt("tier");
		return new Snapshot(rs.getObject("day", LocalDate.class), rs.getInt("score"), rs.getString("band"),
				rs.wasNull() ? null : tier);
	}

	/** An SMB's score, band and (engagement only) tier of the day in one model. */
	record Entry(SmbId smb, String model, int score, String band, @Nullable Integer tier) {
	}

	record Snapshot(LocalDate day, int score, String band, @Nullable Integer tier) {
	}

}

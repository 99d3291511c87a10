package com.fibonacco.engagement.internal;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
	 * The day's values of several models at once, as they are now (a later change the
	 * same day overwrites them).
	 */
	void put(TenantId tenant, SmbId smb, LocalDate day, List<Entry> entries) {
		Map<String, Object> params = new HashMap<>();
		params.put("tenant", tenant.value());
		params.put("smb", smb.value());
		params.put("day", day);
		StringBuilder values = new StringBuilder();
		for (int i = 0; i < entries.size(); i++) {
			Entry entry = entries.get(i);
			values.append(i == 0 ? "" : ", ")
				.append("(:tenant, :smb, :model")
				.append(i)
				.append(", :day, :score")
				.append(i)
				.append(", :band")
				.append(i)
				.append(", CAST(:tier")
				.append(i)
				.append(" AS smallint))");
			params.put("model" + i, entry.model());
			params.put("score" + i, entry.score());
			params.put("band" + i, entry.band());
			params.put("tier" + i, entry.tier());
		}
		jdbc.sql("INSERT INTO score_snapshots (tenant_id, smb_id, model_key, day, score, band, tier) VALUES " + values
				+ """

						ON CONFLICT (tenant_id, smb_id, model_key, day)
						DO UPDATE SET score = EXCLUDED.score, band = EXCLUDED.band, tier = EXCLUDED.tier
						""")
			.params(params)
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

	/** One model's score, band and (engagement only) tier of the day. */
	record Entry(String model, int score, String band, @Nullable Integer tier) {
	}

	record Snapshot(LocalDate day, int score, String band, @Nullable Integer tier) {
	}

}

package com.fibonacco.engagement.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import com.fibonacco.engagement.Direction;
import com.fibonacco.engagement.SmbTierChanged;
import com.fibonacco.shared.Ids;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static com.fibonacco.engagement.internal.Ledger.utc;

/** Every tier change: {@code tier_changes}. */
@Repository
class TierChanges {

	private final JdbcClient jdbc;

	private final Clock clock;

	TierChanges(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void add(SmbTierChanged change) {
		jdbc.sql("""
				INSERT INTO tier_changes (tenant_id, id, smb_id, old_tier, new_tier, direction, reason, occurred_at)
				VALUES (:tenant, :id, :smb, :oldTier, :newTier, :direction, :reason, :at)
				""")
			.param("tenant", change.tenantId().value())
			.param("id", Ids.newId(clock))
			.param("smb", change.smbId().value())
			.param("oldTier", change.oldTier())
			.param("newTier", change.newTier())
			.param("direction", change.direction().name().toLowerCase(Locale.ROOT))
			.param("reason", Reasons.fit(change.reason()))
			.param("at", utc(change.occurredAt()))
			.update();
	}

	List<SmbTierChanged> recent(TenantId tenant, SmbId smb, int limit) {
		return jdbc.sql("""
				SELECT old_tier, new_tier, direction, reason, occurred_at FROM tier_changes
				 WHERE tenant_id = :tenant AND smb_id = :smb ORDER BY occurred_at DESC, id DESC LIMIT :limit
				""")
			.param("tenant", tenant.value())
			.param("smb", smb.value())
			.param("limit", limit)
			.query((rs, row) -> new SmbTierChanged(tenant, smb, rs.getInt("old_tier"), rs.getInt("new_tier"),
					Direction.valueOf(rs.getString("direction").toUpperCase(Locale.ROOT)), rs.getString("reason"),
					rs.getObject("occurred_at", OffsetDateTime.class).toInstant()))
			.list();
	}

}

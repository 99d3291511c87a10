package com.fibonacco.engagement.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static com.fibonacco.engagement.internal.Ledger.utc;

/** Tiers pinned by hand: {@code tier_pins}. */
@Repository
class TierPins {

	private final JdbcClient jdbc;

	TierPins(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The SMB's pin if it has one that has not expired at {@code at}. */
	Optional<Pin> active(TenantId tenant, SmbId smb, Instant at) {
		return find(tenant, smb).filter(pin -> pin.activeAt(at));
	}

	Optional<Pin> find(TenantId tenant, SmbId smb) {
		return jdbc.sql("""
				SELECT smb_id, tier, reason, expires_at, pinned_by, pinned_at FROM tier_pins
				 WHERE tenant_id = :tenant AND smb_id = :smb
				""").param("tenant", tenant.value()).param("smb", smb.value()).query((rs, row) -> {
			OffsetDateTime expires = rs.getObject("expires_at", OffsetDateTime.class);
			return new Pin(new SmbId(rs.getObject("smb_id", UUID.class)), rs.getInt("tier"), rs.getString("reason"),
					expires == null ? null : expires.toInstant(), rs.getObject("pinned_by", UUID.class),
					rs.getObject("pinned_at", OffsetDateTime.class).toInstant());
		}).optional();
	}

	void put(TenantId tenant, Pin pin) {
		jdbc.sql("""
				INSERT INTO tier_pins (tenant_id, smb_id, tier, reason, expires_at, pinned_by, pinned_at)
				VALUES (:tenant, :smb, :tier, :reason, :expiresAt, :pinnedBy, :pinnedAt)
				ON CONFLICT (tenant_id, smb_id) DO UPDATE SET tier = EXCLUDED.tier, reason = EXCLUDED.reason,
				  expires_at = EXCLUDED.expires_at, pinned_by = EXCLUDED.pinned_by, pinned_at = EXCLUDED.pinned_at
				""")
			.param("tenant", tenant.value())
			.param("smb", pin.smb().value())
			.param("tier", pin.tier())
			.param("reason", pin.reason())
			.param("expiresAt", pin.expiresAt() == null ? null : utc(pin.expiresAt()))
			.param("pinnedBy", pin.pinnedBy())
			.param("pinnedAt", utc(pin.pinnedAt()))
			.update();
	}

	boolean remove(TenantId tenant, SmbId smb) {
		return jdbc.sql("DELETE FROM tier_pins WHERE tenant_id = :tenant AND smb_id = :smb")
			.param("tenant", tenant.value())
			.param("smb", smb.value())
			.update() == 1;
	}

	/** Pins of every tenant that expired at or before {@code at}. */
	List<Expired> expired(Instant at) {
		return jdbc.sql("SELECT tenant_id, smb_id FROM tier_pins WHERE expires_at <= :at")
			.param("at", utc(at))
			.query((rs, row) -> new Expired(new TenantId(rs.getObject("tenant_id", UUID.class)),
					new SmbId(rs.getObject("smb_id", UUID.class))))
			.list();
	}

	record Pin(SmbId smb, int tier, String reason, @Nullable Instant expiresAt, @Nullable UUID pinnedBy,
			Instant pinnedAt) {

		boolean activeAt(Instant at) {
			return expiresAt == null || expiresAt.isAfter(at);
		}

	}

	record Expired(TenantId tenant, SmbId smb) {
	}

}

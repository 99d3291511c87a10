package com.fibonacco.identity.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code api_tokens} table: only the SHA-256 of each secret is stored. */
@Repository
class ApiTokens {

	private final JdbcClient jdbc;

	ApiTokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(TenantId tenant, UUID id, UUID userId, String name, String prefix, byte[] hash, Instant at) {
		jdbc.sql("""
				INSERT INTO api_tokens (tenant_id, id, user_id, name, token_prefix, token_hash, created_at)
				VALUES (:tenant, :id, :user, :name, :prefix, :hash, :at)
				""")
			.param("tenant", tenant.value())
			.param("id", id)
			.param("user", userId)
			.param("name", name)
			.param("prefix", prefix)
			.param("hash", hash)
			.param("at", Users.utc(at))
			.update();
	}

	/**
	 * The live token with this hash, with its stored hash for a constant-time comparison.
	 */
	Optional<TokenMatch> findLive(byte[] hash, Instant now) {
		return jdbc.sql("""
				SELECT tenant_id, id, user_id, token_hash FROM api_tokens
				WHERE token_hash = :hash AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > :now)
				""")
			.param("hash", hash)
			.param("now", Users.utc(now))
			.query((rs, row) -> new TokenMatch(new TenantId(rs.getObject("tenant_id", UUID.class)),
					rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class), rs.getBytes("token_hash")))
			.optional();
	}

	void touch(TenantId tenant, UUID id, Instant at) {
		// at most once a minute per token, so busy API clients don't write on every call
		jdbc.sql(
				"""
						UPDATE api_tokens SET last_used_at = :at
						WHERE tenant_id = :tenant AND id = :id AND (last_used_at IS NULL OR last_used_at < :at - interval '1 minute')
						""")
			.param("tenant", tenant.value())
			.param("id", id)
			.param("at", Users.utc(at))
			.update();
	}

	List<TokenSummary> listForUser(TenantId tenant, UUID userId) {
		return jdbc.sql("""
				SELECT id, name, token_prefix, created_at, last_used_at, expires_at FROM api_tokens
				WHERE tenant_id = :tenant AND user_id = :user AND revoked_at IS NULL ORDER BY created_at DESC
				""")
			.param("tenant", tenant.value())
			.param("user", userId)
			.query((rs, row) -> new TokenSummary(rs.getObject("id", UUID.class), rs.getString("name"),
					rs.getString("token_prefix"), Users.instant(rs, "created_at"), Users.instant(rs, "last_used_at"),
					Users.instant(rs, "expires_at")))
			.list();
	}

	/**
	 * Revokes a live token of the user (or of anyone in the tenant when {@code userId} is
	 * null).
	 */
	boolean revoke(TenantId tenant, UUID id, @Nullable UUID userId, Instant at) {
		return jdbc.sql("""
				UPDATE api_tokens SET revoked_at = :at
				WHERE tenant_id = :tenant AND id = :id AND revoked_at IS NULL
				  AND (CAST(:user AS uuid) IS NULL OR user_id = :user)
				""")
			.param("tenant", tenant.value())
			.param("id", id)
			.param("user", userId, java.sql.Types.OTHER)
			.param("at", Users.utc(at))
			.update() == 1;
	}

	record TokenMatch(TenantId tenantId, UUID id, UUID userId, byte[] hash) {
	}

	record TokenSummary(UUID id, String name, String tokenPrefix, Instant createdAt, @Nullable Instant lastUsedAt,
			@Nullable Instant expiresAt) {
	}

}

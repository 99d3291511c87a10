package com.fibonacco.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.security.Role;
import com.fibonacco.shared.web.PageQuery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code users} table. Every query but the login look-ups is scoped by tenant. */
@Repository
class Users {

	private static final String COLUMNS = "id, tenant_id, email, name, role, password_hash, platform_admin, active, "
			+ "last_login_at, created_at, updated_at";

	private final JdbcClient jdbc;

	Users(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Login look-up: the email names one user platform-wide. */
	Optional<UserRow> findByEmail(String email) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE email = :email")
			.param("email", email)
			.query(Users::map)
			.optional();
	}

	/** Session look-up: the session holds only the user's id. */
	Optional<UserRow> findActiveById(UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id AND active")
			.param("id", id)
			.query(Users::map)
			.optional();
	}

	Optional<UserRow> find(TenantId tenant, UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(Users::map)
			.optional();
	}

	Optional<UserRow> findForUpdate(TenantId tenant, UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE tenant_id = :tenant AND id = :id FOR UPDATE")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(Users::map)
			.optional();
	}

	List<UserRow> page(TenantId tenant, PageQuery page) {
		return jdbc
			.sql("SELECT " + COLUMNS + " FROM users WHERE tenant_id = :tenant ORDER BY created_at, id "
					+ "LIMIT :limit OFFSET :offset")
			.param("tenant", tenant.value())
			.param("limit", page.perPage())
			.param("offset", page.offset())
			.query(Users::map)
			.list();
	}

	long count(TenantId tenant) {
		return jdbc.sql("SELECT count(*) FROM users WHERE tenant_id = :tenant")
			.param("tenant", tenant.value())
			.query(Long.class)
			.single();
	}

	/**
	 * Counts the tenant's active admins, locking their rows so two concurrent demotions
	 * can't both see "another admin is left".
	 */
	long lockActiveAdmins(TenantId tenant) {
		return jdbc
			.sql("SELECT id FROM users WHERE tenant_id = :tenant AND role = 'admin' AND active ORDER BY id FOR UPDATE")
			.param("tenant", tenant.value())
			.query(UUID.class)
			.list()
			.size();
	}

	boolean emailTaken(String email) {
		return jdbc.sql("SELECT EXISTS (SELECT 1 FROM users WHERE email = :email)")
			.param("email", email)
			.query(Boolean.class)
			.single();
	}

	void insert(UserRow user) {
		jdbc.sql("""
				INSERT INTO users (tenant_id, id, email, name, role, password_hash, platform_admin, active,
				                   created_at, updated_at)
				VALUES (:tenant, :id, :email, :name, :role, :hash, :platformAdmin, :active, :createdAt, :updatedAt)
				""")
			.param("tenant", user.tenantId().value())
			.param("id", user.id())
			.param("email", user.email())
			.param("name", user.name())
			.param("role", user.role().apiName())
			.param("hash", user.passwordHash())
			.param("platformAdmin", user.platformAdmin())
			.param("active", user.active())
			.param("createdAt", utc(user.createdAt()))
			.param("updatedAt", utc(user.updatedAt()))
			.update();
	}

	void update(UserRow user) {
		jdbc.sql("""
				UPDATE users SET name = :name, role = :role, password_hash = :hash, active = :active,
				                 updated_at = :updatedAt
				WHERE tenant_id = :tenant AND id = :id
				""")
			.param("tenant", user.tenantId().value())
			.param("id", user.id())
			.param("name", user.name())
			.param("role", user.role().apiName())
			.param("hash", user.passwordHash())
			.param("active", user.active())
			.param("updatedAt", utc(user.updatedAt()))
			.update();
	}

	void recordLogin(UUID id, Instant at) {
		jdbc.sql("UPDATE users SET last_login_at = :at WHERE id = :id").param("id", id).param("at", utc(at)).update();
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(java.time.ZoneOffset.UTC);
	}

	static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	private static UserRow map(ResultSet rs, int row) throws SQLException {
		return new UserRow(rs.getObject("id", UUID.class), new TenantId(rs.getObject("tenant_id", UUID.class)),
				rs.getString("email"), rs.getString("name"), Role.fromApiName(rs.getString("role")).orElseThrow(),
				rs.getString("password_hash"), rs.getBoolean("platform_admin"), rs.getBoolean("active"),
				instant(rs, "last_login_at"), instant(rs, "created_at"), instant(rs, "updated_at"));
	}

}

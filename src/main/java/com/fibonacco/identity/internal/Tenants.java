package com.fibonacco.identity.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.web.PageQuery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code tenants} table. */
@Repository
class Tenants {

	private final JdbcClient jdbc;

	Tenants(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Serialises the first start of several processes on one empty database. */
	void lockForFirstStart() {
		jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('fibonacco.first-start'))").query().singleValue();
	}

	boolean any() {
		return jdbc.sql("SELECT EXISTS (SELECT 1 FROM tenants)").query(Boolean.class).single();
	}

	boolean slugTaken(String slug) {
		return jdbc.sql("SELECT EXISTS (SELECT 1 FROM tenants WHERE slug = :slug)")
			.param("slug", slug)
			.query(Boolean.class)
			.single();
	}

	void insert(TenantRow tenant) {
		jdbc.sql("INSERT INTO tenants (id, name, slug, created_at, updated_at) VALUES (:id, :name, :slug, :at, :at)")
			.param("id", tenant.id().value())
			.param("name", tenant.name())
			.param("slug", tenant.slug())
			.param("at", Users.utc(tenant.createdAt()))
			.update();
	}

	List<TenantRow> page(PageQuery page) {
		return jdbc.sql("SELECT id, name, slug, created_at FROM tenants ORDER BY created_at, id LIMIT :l OFFSET :o")
			.param("l", page.perPage())
			.param("o", page.offset())
			.query((rs, row) -> new TenantRow(new TenantId(rs.getObject("id", UUID.class)), rs.getString("name"),
					rs.getString("slug"), Users.instant(rs, "created_at")))
			.list();
	}

	long count() {
		return jdbc.sql("SELECT count(*) FROM tenants").query(Long.class).single();
	}

	record TenantRow(TenantId id, String name, String slug, Instant createdAt) {
	}

}

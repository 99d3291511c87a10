package com.fibonacco.community.internal;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import com.fibonacco.community.Communities;
import com.fibonacco.community.CommunityId;
import com.fibonacco.community.CommunityRef;
import com.fibonacco.community.NewCommunity;
import com.fibonacco.shared.Ids;
import com.fibonacco.shared.TenantId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Communities stored in {@code communities}. */
@Service
class JdbcCommunities implements Communities {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	JdbcCommunities(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	@Override
	@Transactional
	public CommunityId create(TenantId tenant, NewCommunity community) {
		CommunityId id = new CommunityId(Ids.newId(clock));
		var now = clock.instant().atOffset(ZoneOffset.UTC);
		jdbc.sql("""
				INSERT INTO communities (tenant_id, id, name, slug, state, county, population, timezone, settings,
				                         created_at, updated_at)
				VALUES (:tenant, :id, :name, :slug, :state, :county, :population, :timezone, CAST(:settings AS jsonb),
				        :now, :now)
				""")
			.param("tenant", tenant.value())
			.param("id", id.value())
			.param("name", community.name())
			.param("slug", community.slug())
			.param("state", community.state())
			.param("county", community.county())
			.param("population", community.population())
			.param("timezone", community.timezone())
			.param("settings", json.writeValueAsString(community.settings()))
			.param("now", now)
			.update();
		return id;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<CommunityRef> find(TenantId tenant, CommunityId id) {
		return jdbc
			.sql("SELECT id, name, slug, state, timezone FROM communities WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant.value())
			.param("id", id.value())
			.query((rs, row) -> new CommunityRef(new CommunityId(rs.getObject("id", UUID.class)), rs.getString("name"),
					rs.getString("slug"), rs.getString("state"), ZoneId.of(rs.getString("timezone"))))
			.optional();
	}

	@Override
	@Transactional(readOnly = true)
	public long count(TenantId tenant) {
		return jdbc.sql("SELECT count(*) FROM communities WHERE tenant_id = :tenant")
			.param("tenant", tenant.value())
			.query(Long.class)
			.single();
	}

}

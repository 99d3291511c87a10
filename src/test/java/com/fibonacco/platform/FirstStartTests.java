package com.fibonacco.platform;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fibonacco.identity.TenantBootstrap;
import com.fibonacco.support.Http;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServerTest
class FirstStartTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TenantBootstrap bootstrap;

	@Test
	void theFirstStartCreatesTheDemoTenantWithItsPlatformAdmin() {
		Http admin = new Tenancy(port).platformAdmin();

		Http.Response me = admin.get("/api/v1/auth/me");

		assertThat(me.text("/data/role")).isEqualTo("admin");
		assertThat(me.json().at("/data/platform_admin").asBoolean()).isTrue();
		assertThat(jdbc.sql("SELECT name FROM tenants WHERE id = :id")
			.param("id", java.util.UUID.fromString(me.text("/data/tenant_id")))
			.query(String.class)
			.single()).isEqualTo("Demo");
	}

	@Test
	void theDemoTenantHasThreeCommunitiesInDifferentTimeZonesAnd300Smbs() {
		List<String> zones = jdbc.sql("""
				SELECT c.timezone FROM communities c JOIN tenants t ON t.id = c.tenant_id WHERE t.name = 'Demo'
				""").query(String.class).list();
		Map<String, Object> smbs = jdbc.sql("""
				SELECT count(*) AS total, count(DISTINCT s.community_id) AS communities,
				       count(DISTINCT s.engagement_tier) AS tiers, count(DISTINCT s.business_type) AS types,
				       count(*) FILTER (WHERE s.primary_email IS NULL) AS without_email
				FROM smbs s JOIN tenants t ON t.id = s.tenant_id WHERE t.name = 'Demo'
				""").query().singleRow();

		assertThat(zones).hasSize(3).doesNotHaveDuplicates().allMatch(zone -> zone.startsWith("America/"));
		assertThat(((Number) smbs.get("total")).intValue()).isEqualTo(300);
		assertThat(((Number) smbs.get("communities")).intValue()).isEqualTo(3);
		assertThat(((Number) smbs.get("tiers")).intValue()).isEqualTo(4);
		assertThat(((Number) smbs.get("types")).intValue()).isGreaterThan(10);
		assertThat(((Number) smbs.get("without_email")).intValue()).isBetween(1, 100);
	}

	@Test
	void everyTenantStartsWithTheDefault90DayCatalog() {
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			Map<String, Object> catalog = jdbc.sql("""
					SELECT count(*) AS campaigns, min(day) AS first_day, max(day) AS last_day,
					       count(*) FILTER (WHERE body_html LIKE '%{{unsubscribe_url}}%') AS with_unsubscribe
					FROM campaigns c JOIN tenants t ON t.id = c.tenant_id WHERE t.name = 'Demo'
					""").query().singleRow();
			assertThat(((Number) catalog.get("campaigns")).intValue()).isGreaterThanOrEqualTo(40);
			assertThat(((Number) catalog.get("first_day")).intValue()).isEqualTo(1);
			assertThat(((Number) catalog.get("last_day")).intValue()).isBetween(85, 90);
			assertThat(catalog.get("with_unsubscribe")).isEqualTo(catalog.get("campaigns"));
		});
	}

	@Test
	void aLaterStartChangesNothing() {
		long tenants = jdbc.sql("SELECT count(*) FROM tenants").query(Long.class).single();

		assertThat(bootstrap.createFirstTenantIfEmpty("someone-else@example.com", null)).isEmpty();
		assertThat(jdbc.sql("SELECT count(*) FROM tenants").query(Long.class).single()).isEqualTo(tenants);
	}

}

package com.fibonacco.smb;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fibonacco.community.Communities;
import com.fibonacco.smb.internal.SmbMaintenance;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;
import com.fibonacco.support.Tenancy.TestTenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The weekly purge and data quality jobs. */
@ServerTest
class SmbMaintenanceTests {

	@LocalServerPort
	int port;

	@Autowired
	Communities communities;

	@Autowired
	SmbMaintenance maintenance;

	@Autowired
	JdbcClient jdbc;

	@Test
	void smbsDeletedOver90DaysAgoArePurgedAndRecentOnesKept() {
		TestTenant tenant = new Tenancy(port).newTenant("Purge Partners");
		UUID community = SmbFixtures.community(communities, tenant.id(), "Hendersonville", "America/New_York");
		String old = SmbFixtures.create(tenant.admin(), SmbFixtures.bakery(community)).text("/data/id");
		String recent = SmbFixtures.create(tenant.admin(), SmbFixtures.bakery(community)).text("/data/id");
		String live = SmbFixtures.create(tenant.admin(), SmbFixtures.bakery(community)).text("/data/id");
		tenant.admin().delete("/api/v1/smbs/" + old);
		tenant.admin().delete("/api/v1/smbs/" + recent);
		jdbc.sql("UPDATE smbs SET deleted_at = now() - interval '91 days' WHERE id = :id")
			.param("id", UUID.fromString(old))
			.update();

		maintenance.purgeDeletedSmbs();
		int second = maintenance.purgeDeletedSmbs();

		assertThat(exists(old)).isFalse();
		assertThat(exists(recent)).isTrue();
		assertThat(exists(live)).isTrue();
		assertThat(second).isZero();
	}

	@Test
	void theDataQualityRecomputeFixesDriftedScoresAndIsIdempotent() {
		TestTenant tenant = new Tenancy(port).newTenant("Quality Partners");
		UUID community = SmbFixtures.community(communities, tenant.id(), "Hendersonville", "America/New_York");
		String id = SmbFixtures.create(tenant.admin(), SmbFixtures.bakery(community)).text("/data/id");
		// simulate a row whose score drifted (e.g. written before a weight change)
		jdbc.sql("ALTER TABLE smbs DISABLE TRIGGER smbs_data_quality_trg").update();
		try {
			jdbc.sql("UPDATE smbs SET data_quality_score = 3 WHERE id = :id").param("id", UUID.fromString(id)).update();
		}
		finally {
			jdbc.sql("ALTER TABLE smbs ENABLE TRIGGER smbs_data_quality_trg").update();
		}

		assertThat(maintenance.recalculateDataQuality()).isPositive();
		assertThat(maintenance.recalculateDataQuality()).isZero();
		assertThat(tenant.admin().get("/api/v1/smbs/" + id).json().at("/data/data_quality_score").asInt())
			.isEqualTo(80);
	}

	private boolean exists(String id) {
		return jdbc.sql("SELECT count(*) FROM smbs WHERE id = :id")
			.param("id", UUID.fromString(id))
			.query(Long.class)
			.single() == 1;
	}

}

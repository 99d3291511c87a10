package com.fibonacco.community;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;
import com.fibonacco.smb.Smbs;
import com.fibonacco.support.Http;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;
import com.fibonacco.support.Tenancy.TestTenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.fibonacco.community.Towns.PATH;
import static com.fibonacco.community.Towns.create;
import static com.fibonacco.community.Towns.hendersonville;
import static com.fibonacco.community.Towns.smbIn;
import static com.fibonacco.community.Towns.stillwater;
import static org.assertj.core.api.Assertions.assertThat;

/** A community cannot be deleted while SMBs belong to it. */
@ServerTest
class CommunityDeletionTests {

	@LocalServerPort
	int port;

	@Autowired
	Smbs smbs;

	@Autowired
	JdbcClient jdbc;

	TestTenant tenant;

	TenantId tenantId;

	UUID hendersonville;

	@BeforeEach
	void setUp() {
		tenant = new Tenancy(port).newTenant("Blue Ridge Outreach");
		tenantId = new TenantId(tenant.id());
		hendersonville = create(tenant.admin(), hendersonville());
	}

	@Test
	void aCommunityWithAnSmbCannotBeDeleted() {
		smbs.create(tenantId, smbIn(hendersonville, "Blue Ridge Diner"));

		Http.Response response = tenant.admin().delete(PATH + "/" + hendersonville);

		assertThat(response.status()).isEqualTo(409);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.text("/code")).isEqualTo("community_has_smbs");
		assertThat(response.text("/detail")).isEqualTo("1 SMB belongs to Hendersonville; move or delete them first");
		assertThat(tenant.admin().get(PATH + "/" + hendersonville).status()).isEqualTo(200);
	}

	@Test
	void theRefusalCountsTheSmbs() {
		smbs.create(tenantId, smbIn(hendersonville, "Blue Ridge Diner"));
		smbs.create(tenantId, smbIn(hendersonville, "Mast General Store"));
		smbs.create(tenantId, smbIn(hendersonville, "Hendersonville Hardware"));

		Http.Response response = tenant.admin().delete(PATH + "/" + hendersonville);

		assertThat(response.status()).isEqualTo(409);
		assertThat(response.text("/detail")).isEqualTo("3 SMBs belong to Hendersonville; move or delete them first");
	}

	@Test
	void aDeletedSmbAwaitingPurgeStillHoldsItsCommunity() {
		SmbId smb = smbs.create(tenantId, smbIn(hendersonville, "Blue Ridge Diner"));
		jdbc.sql("UPDATE smbs SET deleted_at = now() WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant.id())
			.param("id", smb.value())
			.update();

		Http.Response response = tenant.admin().delete(PATH + "/" + hendersonville);

		assertThat(response.status()).isEqualTo(409);
		assertThat(response.text("/code")).isEqualTo("community_has_smbs");
		assertThat(response.text("/detail")).isEqualTo(
				"1 SMB belongs to Hendersonville (1 of them is deleted and awaiting purge); move or delete them first");
	}

	@Test
	void aCommunityCanBeDeletedOnceItsSmbsHaveMoved() {
		UUID stillwater = create(tenant.admin(), stillwater());
		smbs.create(tenantId, smbIn(hendersonville, "Blue Ridge Diner"));
		assertThat(tenant.admin().delete(PATH + "/" + hendersonville).status()).isEqualTo(409);

		jdbc.sql("UPDATE smbs SET community_id = :to WHERE tenant_id = :tenant AND community_id = :from")
			.param("to", stillwater)
			.param("tenant", tenant.id())
			.param("from", hendersonville)
			.update();
		Http.Response response = tenant.admin().delete(PATH + "/" + hendersonville);

		assertThat(response.status()).isEqualTo(204);
		assertThat(tenant.admin().get(PATH + "/" + hendersonville).status()).isEqualTo(404);
		assertThat(tenant.admin().delete(PATH + "/" + stillwater).status()).isEqualTo(409);
	}

	@Test
	void anotherTenantsSmbsDoNotHoldACommunity() {
		TestTenant other = new Tenancy(port).newTenant("Piedmont Marketing");
		UUID theirs = create(other.admin(), hendersonville());
		smbs.create(new TenantId(other.id()), smbIn(theirs, "Blue Ridge Diner"));

		assertThat(tenant.admin().delete(PATH + "/" + hendersonville).status()).isEqualTo(204);
		assertThat(other.admin().delete(PATH + "/" + theirs).status()).isEqualTo(409);
	}

}

package com.fibonacco.community;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import com.fibonacco.support.Http;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;
import com.fibonacco.support.Tenancy.TestTenant;
import com.fibonacco.support.Tenancy.TestUser;

import org.springframework.boot.test.web.server.LocalServerPort;

import static com.fibonacco.community.Towns.PATH;
import static com.fibonacco.community.Towns.create;
import static com.fibonacco.community.Towns.hendersonville;
import static com.fibonacco.community.Towns.stillwater;
import static com.fibonacco.community.Towns.total;
import static org.assertj.core.api.Assertions.assertThat;

@ServerTest
class CommunityAccessTests {

	@LocalServerPort
	int port;

	Tenancy tenancy;

	TestTenant tenant;

	@BeforeEach
	void setUp() {
		tenancy = new Tenancy(port);
		tenant = tenancy.newTenant("Blue Ridge Outreach");
	}

	@ParameterizedTest
	@ValueSource(strings = { "viewer", "agent" })
	void aReaderCanListAndReadCommunities(String role) {
		UUID id = create(tenant.admin(), hendersonville());
		Http reader = tenancy.newUser(tenant, role).http();

		Http.Response list = reader.get(PATH);
		Http.Response one = reader.get(PATH + "/" + id);

		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().at("/meta/total").asLong()).isEqualTo(1);
		assertThat(one.status()).isEqualTo(200);
		assertThat(one.text("/data/name")).isEqualTo("Hendersonville");
	}

	@ParameterizedTest
	@ValueSource(strings = { "viewer", "agent" })
	void aReaderCannotCreateUpdateOrDeleteACommunity(String role) {
		UUID id = create(tenant.admin(), hendersonville());
		JsonNode before = tenant.admin().get(PATH + "/" + id).json().at("/data");
		Http reader = tenancy.newUser(tenant, role).http();

		Http.Response created = reader.post(PATH, stillwater());
		Http.Response updated = reader.put(PATH + "/" + id, Map.of("population", 1));
		Http.Response deleted = reader.delete(PATH + "/" + id);

		for (Http.Response response : new Http.Response[] { created, updated, deleted }) {
			assertThat(response.status()).isEqualTo(403);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.text("/code")).isEqualTo("forbidden");
		}
		assertThat(total(tenant.admin())).isEqualTo(1);
		assertThat(tenant.admin().get(PATH + "/" + id).json().at("/data")).isEqualTo(before);
	}

	@Test
	void aManagerCreatesUpdatesAndDeletesCommunities() {
		Http manager = tenancy.newUser(tenant, "manager").http();

		Http.Response created = manager.post(PATH, hendersonville());
		String id = created.text("/data/id");
		Http.Response updated = manager.put(PATH + "/" + id, Map.of("population", 15_500));
		Http.Response deleted = manager.delete(PATH + "/" + id);

		assertThat(created.status()).isEqualTo(201);
		assertThat(updated.status()).isEqualTo(200);
		assertThat(deleted.status()).isEqualTo(204);
	}

	@Test
	void anotherTenantsCommunityAnswers404AsIfItDidNotExist() {
		TestTenant other = tenancy.newTenant("Piedmont Marketing");
		UUID theirs = create(other.admin(), hendersonville());
		JsonNode before = other.admin().get(PATH + "/" + theirs).json().at("/data");

		Http.Response read = tenant.admin().get(PATH + "/" + theirs);
		Http.Response updated = tenant.admin().put(PATH + "/" + theirs, Map.of("name", "Taken Over"));
		Http.Response deleted = tenant.admin().delete(PATH + "/" + theirs);

		assertThat(read.status()).isEqualTo(404);
		assertThat(read.text("/code")).isEqualTo("not_found");
		assertThat(updated.status()).isEqualTo(404);
		assertThat(deleted.status()).isEqualTo(404);
		assertThat(other.admin().get(PATH + "/" + theirs).json().at("/data")).isEqualTo(before);
	}

	@Test
	void aTenantListsOnlyItsOwnCommunities() {
		TestTenant other = tenancy.newTenant("Piedmont Marketing");
		create(other.admin(), hendersonville());
		create(tenant.admin(), stillwater());

		Http.Response list = tenant.admin().get(PATH);

		assertThat(list.json().at("/meta/total").asLong()).isEqualTo(1);
		assertThat(list.text("/data/0/name")).isEqualTo("Stillwater");
		assertThat(tenant.admin().get(PATH + "?search=henderson").json().at("/meta/total").asLong()).isZero();
	}

	@Test
	void withoutCredentialsEveryEndpointAnswers401() {
		String one = PATH + "/" + UUID.randomUUID();

		assertThat(new Http(port).get(PATH).status()).isEqualTo(401);
		assertThat(new Http(port).post(PATH, stillwater()).status()).isEqualTo(401);
		assertThat(new Http(port).get(one).status()).isEqualTo(401);
		assertThat(new Http(port).put(one, Map.of("population", 1)).status()).isEqualTo(401);
		assertThat(new Http(port).delete(one).status()).isEqualTo(401);
	}

}

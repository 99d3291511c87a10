package com.fibonacco.identity;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fibonacco.support.Http;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;
import com.fibonacco.support.Tenancy.TestTenant;
import com.fibonacco.support.Tenancy.TestUser;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@ServerTest
class ApiSecurityTests {

	@LocalServerPort
	int port;

	Tenancy tenancy;

	@BeforeEach
	void setUp() {
		tenancy = new Tenancy(port);
	}

	@ParameterizedTest
	@CsvSource({ "GET,/api/v1/users", "POST,/api/v1/users", "GET,/api/v1/auth/me", "GET,/api/v1/auth/tokens",
			"DELETE,/api/v1/auth/tokens/0190f1a4-0000-7000-8000-000000000000", "POST,/api/v1/tenants",
			"GET,/api/v1/no-such-endpoint", "PUT,/api/v1/users/0190f1a4-0000-7000-8000-000000000000" })
	void anApiEndpointWithoutCredentialsAnswers401ProblemJson(String method, String path) {
		Http.Response response = new Http(port).send(method, path, method.equals("GET") ? null : "{}", Map.of());

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.text("/code")).isEqualTo("authentication_required");
		assertThat(response.json().at("/status").asInt()).isEqualTo(401);
	}

	@Test
	void anUnknownBearerTokenAnswers401() {
		Http.Response response = new Http(port).bearer("fib_not-a-real-token").get("/api/v1/auth/me");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.text("/code")).isEqualTo("invalid_token");
	}

	@Test
	void anotherTenantsRowAnswers404AsIfItDidNotExist() {
		TestTenant acme = tenancy.newTenant("Acme Outreach");
		TestTenant globex = tenancy.newTenant("Globex Marketing");

		Http.Response ownUser = globex.admin().get("/api/v1/users/" + globex.adminId());
		Http.Response foreignUser = acme.admin().get("/api/v1/users/" + globex.adminId());
		Http.Response foreignUpdate = acme.admin().put("/api/v1/users/" + globex.adminId(), Map.of("role", "viewer"));
		Http.Response foreignDelete = acme.admin().delete("/api/v1/users/" + globex.adminId());
		Http.Response unknown = acme.admin().get("/api/v1/users/" + UUID.randomUUID());

		assertThat(ownUser.status()).isEqualTo(200);
		assertThat(foreignUser.status()).isEqualTo(404);
		assertThat(foreignUser.text("/code")).isEqualTo("not_found");
		assertThat(foreignUpdate.status()).isEqualTo(404);
		assertThat(foreignDelete.status()).isEqualTo(404);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(globex.admin().get("/api/v1/users/" + globex.adminId()).text("/data/role")).isEqualTo("admin");
	}

	@Test
	void aTenantListsOnlyItsOwnUsers() {
		TestTenant acme = tenancy.newTenant("Acme Outreach");
		TestTenant globex = tenancy.newTenant("Globex Marketing");
		tenancy.newUser(globex, "agent");

		Http.Response list = acme.admin().get("/api/v1/users");

		assertThat(list.json().at("/meta/total").asLong()).isEqualTo(1);
		assertThat(list.text("/data/0/email")).isEqualTo(acme.adminEmail());
	}

	@ParameterizedTest
	@CsvSource({ "viewer", "agent", "manager" })
	void onlyAnAdminManagesUsers(String role) {
		TestTenant tenant = tenancy.newTenant("Main Street Media");
		TestUser user = tenancy.newUser(tenant, role);

		Http.Response write = user.http()
			.post("/api/v1/users", Map.of("email", "new@example.com", "name", "New Person", "role", "agent", "password",
					Tenancy.PASSWORD));
		Http.Response read = user.http().get("/api/v1/users");

		assertThat(write.status()).isEqualTo(403);
		assertThat(write.contentType()).startsWith("application/problem+json");
		assertThat(write.text("/code")).isEqualTo("forbidden");
		assertThat(read.status()).isEqualTo(403);
	}

	@Test
	void onlyThePlatformAdminCreatesTenants() {
		TestTenant tenant = tenancy.newTenant("Main Street Media");

		Http.Response response = tenant.admin()
			.post("/api/v1/tenants", Map.of("name", "Sneaky Co", "admin_email", "x@example.com", "admin_name", "X",
					"admin_password", Tenancy.PASSWORD));

		assertThat(response.status()).isEqualTo(403);
	}

	@Test
	void aRoleChangeAppliesToTheVeryNextRequest() {
		TestTenant tenant = tenancy.newTenant("Main Street Media");
		TestUser user = tenancy.newUser(tenant, "admin");
		assertThat(user.http().get("/api/v1/users").status()).isEqualTo(200);

		tenant.admin().put("/api/v1/users/" + user.id(), Map.of("role", "viewer"));

		assertThat(user.http().get("/api/v1/users").status()).isEqualTo(403);
		assertThat(user.http().get("/api/v1/auth/me").text("/data/role")).isEqualTo("viewer");
	}

	@Test
	void aDeactivatedUsersTokensStopWorking() {
		TestTenant tenant = tenancy.newTenant("Main Street Media");
		TestUser user = tenancy.newUser(tenant, "agent");

		Http.Response deactivated = tenant.admin().delete("/api/v1/users/" + user.id());

		assertThat(deactivated.status()).isEqualTo(200);
		assertThat(deactivated.json().at("/data/active").asBoolean()).isFalse();
		assertThat(user.http().get("/api/v1/auth/me").status()).isEqualTo(401);
		assertThat(
				new Http(port).post("/api/v1/auth/tokens", Map.of("email", user.email(), "password", Tenancy.PASSWORD))
					.status())
			.isEqualTo(401);
	}

	@Test
	void theLastAdminCannotBeDemotedOrDeactivated() {
		TestTenant tenant = tenancy.newTenant("Main Street Media");

		Http.Response demote = tenant.admin().put("/api/v1/users/" + tenant.adminId(), Map.of("role", "manager"));
		Http.Response deactivate = tenant.admin().delete("/api/v1/users/" + tenant.adminId());

		assertThat(demote.status()).isEqualTo(409);
		assertThat(demote.text("/code")).isEqualTo("last_admin");
		assertThat(deactivate.status()).isEqualTo(409);

		TestUser second = tenancy.newUser(tenant, "admin");
		assertThat(tenant.admin().put("/api/v1/users/" + tenant.adminId(), Map.of("role", "manager")).status())
			.isEqualTo(200);
		assertThat(second.http().delete("/api/v1/users/" + second.id()).status()).isEqualTo(409);
	}

}

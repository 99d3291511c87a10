package com.fibonacco.identity;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fibonacco.support.Http;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;
import com.fibonacco.support.Tenancy.TestTenant;
import com.fibonacco.support.Tenancy.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@ServerTest
class ApiTokenTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Tenancy tenancy;

	@BeforeEach
	void setUp() {
		tenancy = new Tenancy(port);
	}

	@Test
	void aTokenIsShownOnceAndStoredOnlyAsAHash() {
		TestTenant tenant = tenancy.newTenant("Harbor Marketing");

		Http.Response created = new Http(port).post("/api/v1/auth/tokens",
				Map.of("email", tenant.adminEmail(), "password", Tenancy.PASSWORD, "name", "CI export"));
		String token = created.text("/data/token");

		assertThat(created.status()).isEqualTo(201);
		assertThat(token).startsWith("fib_").hasSizeGreaterThan(40);
		assertThat(created.text("/data/name")).isEqualTo("CI export");
		Http.Response listed = tenant.admin().get("/api/v1/auth/tokens");
		assertThat(listed.body()).doesNotContain(token).contains("CI export");
		long stored = jdbc
			.sql("SELECT count(*) FROM api_tokens WHERE token_prefix = :p OR encode(token_hash, 'escape') = :t")
			.param("p", token)
			.param("t", token)
			.query(Long.class)
			.single();
		assertThat(stored).isZero();
		assertThat(new Http(port).bearer(token).get("/api/v1/auth/me").text("/data/email"))
			.isEqualTo(tenant.adminEmail());
	}

	@Test
	void aRevokedTokenStopsWorking() {
		TestTenant tenant = tenancy.newTenant("Harbor Marketing");
		Http.Response created = new Http(port).post("/api/v1/auth/tokens",
				Map.of("email", tenant.adminEmail(), "password", Tenancy.PASSWORD));
		Http client = new Http(port).bearer(created.text("/data/token"));
		assertThat(client.get("/api/v1/auth/me").status()).isEqualTo(200);

		Http.Response revoked = tenant.admin().delete("/api/v1/auth/tokens/" + created.text("/data/id"));

		assertThat(revoked.status()).isEqualTo(204);
		assertThat(client.get("/api/v1/auth/me").status()).isEqualTo(401);
		assertThat(tenant.admin().delete("/api/v1/auth/tokens/" + created.text("/data/id")).status()).isEqualTo(404);
	}

	@Test
	void aUserCannotRevokeAnotherTenantsToken() {
		TestTenant acme = tenancy.newTenant("Acme Outreach");
		TestTenant globex = tenancy.newTenant("Globex Marketing");
		Http.Response globexToken = new Http(port).post("/api/v1/auth/tokens",
				Map.of("email", globex.adminEmail(), "password", Tenancy.PASSWORD));

		Http.Response attempt = acme.admin().delete("/api/v1/auth/tokens/" + globexToken.text("/data/id"));

		assertThat(attempt.status()).isEqualTo(404);
		assertThat(new Http(port).bearer(globexToken.text("/data/token")).get("/api/v1/auth/me").status())
			.isEqualTo(200);
	}

	@Test
	void anAgentCannotRevokeAColleaguesToken() {
		TestTenant tenant = tenancy.newTenant("Harbor Marketing");
		TestUser agent = tenancy.newUser(tenant, "agent");
		Http.Response adminToken = new Http(port).post("/api/v1/auth/tokens",
				Map.of("email", tenant.adminEmail(), "password", Tenancy.PASSWORD));

		assertThat(agent.http().delete("/api/v1/auth/tokens/" + adminToken.text("/data/id")).status()).isEqualTo(404);
	}

	@Test
	void repeatedFailedLoginsAreThrottledEvenWithTheRightPassword() {
		TestTenant tenant = tenancy.newTenant("Harbor Marketing");
		Http anonymous = new Http(port);
		for (int attempt = 1; attempt <= 5; attempt++) {
			Http.Response wrong = anonymous.post("/api/v1/auth/tokens",
					Map.of("email", tenant.adminEmail(), "password", "wrong-password-" + attempt));
			assertThat(wrong.status()).isEqualTo(401);
			assertThat(wrong.text("/code")).isEqualTo("invalid_credentials");
		}

		Http.Response locked = anonymous.post("/api/v1/auth/tokens",
				Map.of("email", tenant.adminEmail(), "password", Tenancy.PASSWORD));

		assertThat(locked.status()).isEqualTo(429);
		assertThat(locked.text("/code")).isEqualTo("login_throttled");
	}

	@Test
	void anUnknownEmailAndAWrongPasswordAnswerAlike() {
		TestTenant tenant = tenancy.newTenant("Harbor Marketing");

		Http.Response unknown = new Http(port).post("/api/v1/auth/tokens",
				Map.of("email", "nobody-here@example.com", "password", "whatever-password"));
		Http.Response wrong = new Http(port).post("/api/v1/auth/tokens",
				Map.of("email", tenant.adminEmail(), "password", "whatever-password"));

		assertThat(unknown.status()).isEqualTo(wrong.status()).isEqualTo(401);
		assertThat(unknown.text("/detail")).isEqualTo(wrong.text("/detail"));
	}

}

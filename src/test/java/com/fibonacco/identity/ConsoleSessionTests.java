package com.fibonacco.identity;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fibonacco.support.Http;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;
import com.fibonacco.support.Tenancy.TestTenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@ServerTest
class ConsoleSessionTests {

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
	void aSignedInConsoleSessionReadsAndWritesWithItsCsrfToken() {
		TestTenant tenant = tenancy.newTenant("Riverside Growth");
		Http browser = new Http(port);

		Http.Response login = browser.post("/api/v1/auth/login",
				Map.of("email", tenant.adminEmail().toUpperCase(), "password", Tenancy.PASSWORD));
		assertThat(login.status()).as(login.body()).isEqualTo(200);
		assertThat(login.raw().headers().allValues("Set-Cookie"))
			.anySatisfy(cookie -> assertThat(cookie).startsWith("FIBONACCO_SESSION=").containsIgnoringCase("HttpOnly"));
		assertThat(browser.get("/api/v1/auth/me").text("/data/email")).isEqualTo(tenant.adminEmail());

		Http.Response withoutCsrf = browser.post("/api/v1/users", Map.of("email", "no-csrf@example.com", "name",
				"No Csrf", "role", "agent", "password", Tenancy.PASSWORD));
		assertThat(withoutCsrf.status()).isEqualTo(403);
		assertThat(withoutCsrf.text("/code")).isEqualTo("csrf_failed");

		Http.Response csrf = browser.get("/api/v1/auth/csrf");
		String header = csrf.text("/data/header_name");
		Http.Response withCsrf = browser.send("POST", "/api/v1/users", Map.of("email", "with-csrf@example.com", "name",
				"With Csrf", "role", "agent", "password", Tenancy.PASSWORD), Map.of(header, csrf.text("/data/token")));
		assertThat(withCsrf.status()).as(withCsrf.body()).isEqualTo(201);
	}

	@Test
	void sessionsLiveInPostgresSoAnyServerProcessServesThem() {
		TestTenant tenant = tenancy.newTenant("Riverside Growth");
		Http browser = new Http(port);
		long before = jdbc.sql("SELECT count(*) FROM spring_session").query(Long.class).single();

		browser.post("/api/v1/auth/login", Map.of("email", tenant.adminEmail(), "password", Tenancy.PASSWORD));

		long after = jdbc.sql("SELECT count(*) FROM spring_session").query(Long.class).single();
		assertThat(after).isEqualTo(before + 1);
	}

	@Test
	void signingOutEndsTheSession() {
		TestTenant tenant = tenancy.newTenant("Riverside Growth");
		Http browser = new Http(port);
		browser.post("/api/v1/auth/login", Map.of("email", tenant.adminEmail(), "password", Tenancy.PASSWORD));
		Http.Response csrf = browser.get("/api/v1/auth/csrf");

		Http.Response logout = browser.send("POST", "/api/v1/auth/logout", null,
				Map.of(csrf.text("/data/header_name"), csrf.text("/data/token")));

		assertThat(logout.status()).as(logout.body()).isEqualTo(204);
		assertThat(browser.get("/api/v1/auth/me").status()).isEqualTo(401);
	}

	@Test
	void aWrongPasswordOpensNoSession() {
		TestTenant tenant = tenancy.newTenant("Riverside Growth");
		Http browser = new Http(port);

		Http.Response login = browser.post("/api/v1/auth/login",
				Map.of("email", tenant.adminEmail(), "password", "not-the-password"));

		assertThat(login.status()).isEqualTo(401);
		assertThat(browser.get("/api/v1/auth/me").status()).isEqualTo(401);
	}

}

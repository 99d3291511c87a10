package com.fibonacco.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fibonacco.FibonaccoApplication;
import com.fibonacco.support.Http;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;
import com.fibonacco.support.Tenancy.TestTenant;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Whole server processes: several on one database, and one stopped and started again. */
@ServerTest
class ServerProcessTests {

	@LocalServerPort
	int port;

	@Test
	void aConsoleSessionFromOneServerProcessWorksOnAnother() {
		TestTenant tenant = new Tenancy(port).newTenant("Twin Rivers Media");
		Http browser = new Http(port);
		browser.post("/api/v1/auth/login", Map.of("email", tenant.adminEmail(), "password", Tenancy.PASSWORD));

		try (ConfigurableApplicationContext second = start("server.port=0",
				"jobrunr.background-job-server.enabled=false")) {
			int secondPort = Integer.parseInt(second.getEnvironment().getRequiredProperty("local.server.port"));

			Http.Response me = browser.onPort(secondPort).get("/api/v1/auth/me");

			assertThat(me.status()).isEqualTo(200);
			assertThat(me.text("/data/email")).isEqualTo(tenant.adminEmail());
		}
	}

	@Test
	void withoutDemoDataTheFirstStartCreatesTheTenantAdminAndCatalogOnly(@TempDir Path dataDir) {
		try (ConfigurableApplicationContext server = start("server.port=0", "fibonacco.demo-data=false",
				"fibonacco.embedded-postgres.data-dir=" + dataDir)) {
			JdbcClient jdbc = server.getBean(JdbcClient.class);
			assertThat(count(jdbc, "tenants")).isEqualTo(1);
			assertThat(count(jdbc, "users")).isEqualTo(1);
			assertThat(count(jdbc, "communities")).isZero();
			assertThat(count(jdbc, "smbs")).isZero();
			org.awaitility.Awaitility.await().until(() -> count(jdbc, "campaigns") > 40);
		}
	}

	@Test
	void dataSurvivesAStopAndStartOfTheEmbeddedDatabase(@TempDir Path dataDir) throws Exception {
		String createdEmail;
		try (ConfigurableApplicationContext server = start("server.port=0",
				"fibonacco.embedded-postgres.data-dir=" + dataDir)) {
			int serverPort = Integer.parseInt(server.getEnvironment().getRequiredProperty("local.server.port"));
			TestTenant tenant = new Tenancy(serverPort).newTenant("Persistent Partners");
			createdEmail = tenant.adminEmail();
		}
		assertThat(Files.exists(dataDir.resolve("postmaster.pid"))).as("the server stopped with its process").isFalse();

		try (ConfigurableApplicationContext restarted = start("server.port=0",
				"fibonacco.embedded-postgres.data-dir=" + dataDir)) {
			JdbcClient jdbc = restarted.getBean(JdbcClient.class);
			assertThat(count(jdbc, "tenants")).isEqualTo(2);
			assertThat(count(jdbc, "smbs")).isEqualTo(300);
			assertThat(jdbc.sql("SELECT count(*) FROM users WHERE email = :e")
				.param("e", createdEmail)
				.query(Long.class)
				.single()).isEqualTo(1);
		}
	}

	private static ConfigurableApplicationContext start(String... properties) {
		// as command-line arguments: they outrank the test's application.yml, as they
		// would in production
		return new SpringApplicationBuilder(FibonaccoApplication.class)
			.run(java.util.Arrays.stream(properties).map(property -> "--" + property).toArray(String[]::new));
	}

	private static long count(JdbcClient jdbc, String table) {
		return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
	}

}

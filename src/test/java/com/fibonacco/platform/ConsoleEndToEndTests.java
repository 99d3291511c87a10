package com.fibonacco.platform;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;
import com.fibonacco.support.Tenancy.TestTenant;
import com.fibonacco.support.Tenancy.TestUser;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Drives the web console in real headless Chromium (Debian's package, through
 * playwright-core) against this server: {@code web/e2e/run.mjs} signs in, creates a
 * community and an SMB, finds it, adds a note and a tag, starts its 90-day program and
 * pauses it with a reason, resolves a stale write, imports a CSV with a bad row and
 * downloads its error report, and checks that a viewer sees no write controls. Without
 * Chromium the test is skipped, unless {@code FIBONACCO_E2E_REQUIRED=true} (as CI sets
 * it), which makes a missing browser a failure.
 */
@ServerTest
class ConsoleEndToEndTests {

	@LocalServerPort
	int port;

	/**
	 * The console is in the build unless it was left out with -Dweb.skip=true; CI
	 * ({@code FIBONACCO_E2E_REQUIRED=true}) never leaves it out.
	 */
	static void assumeConsoleBuilt() {
		if (!new ClassPathResource("static/index.html").exists()) {
			if ("true".equals(System.getenv("FIBONACCO_E2E_REQUIRED"))) {
				fail("the web console is not in the build (static/index.html is missing)");
			}
			Assumptions.abort("the web console was not built (-Dweb.skip=true)");
		}
	}

	@Test
	void theConsoleWorksEndToEndInHeadlessChromium() throws IOException, InterruptedException {
		assumeConsoleBuilt();
		String chromium = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
		boolean required = "true".equals(System.getenv("FIBONACCO_E2E_REQUIRED"));
		if (!Files.isExecutable(Path.of(chromium))) {
			if (required) {
				fail("FIBONACCO_E2E_REQUIRED=true but there is no Chromium at " + chromium
						+ " (apt-get install chromium, or set CHROMIUM_PATH)");
			}
			Assumptions.abort("no Chromium at " + chromium + ": end-to-end tests skipped");
		}
		Tenancy tenancy = new Tenancy(port);
		TestTenant tenant = tenancy.newTenant("Console End To End");
		TestUser viewer = tenancy.newUser(tenant, "viewer");

		Path log = Path.of("target", "e2e", "run.log");
		Files.createDirectories(log.getParent());
		ProcessBuilder process = new ProcessBuilder("node", "e2e/run.mjs").directory(new File("web"))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		process.environment().put("BASE_URL", "http://localhost:" + port);
		process.environment().put("ADMIN_EMAIL", tenant.adminEmail());
		process.environment().put("ADMIN_PASSWORD", Tenancy.PASSWORD);
		process.environment().put("VIEWER_EMAIL", viewer.email());
		process.environment().put("VIEWER_PASSWORD", Tenancy.PASSWORD);
		process.environment().put("CHROMIUM_PATH", chromium);
		Process run = process.start();
		boolean finished = run.waitFor(10, TimeUnit.MINUTES);
		if (!finished) {
			run.destroyForcibly();
		}
		String output = Files.readString(log, StandardCharsets.UTF_8);
		System.out.println(output);
		assertThat(finished).as("the end-to-end run finished within 10 minutes:\n" + output).isTrue();
		assertThat(run.exitValue()).as("web/e2e/run.mjs (screenshots of failures in web/e2e/artifacts):\n" + output)
			.isZero();
	}

}

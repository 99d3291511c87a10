package com.fibonacco.platform;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fibonacco.support.Http;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server answers the web console (built by the Maven build into static/) at / and at
 * every route the console handles itself, and nothing of the server's own is shadowed.
 */
@ServerTest
class ConsoleServingTests {

	@LocalServerPort
	int port;

	Http anonymous;

	@BeforeEach
	void setUp() {
		ConsoleEndToEndTests.assumeConsoleBuilt();
		anonymous = new Http(port);
	}

	@Test
	void theConsoleIsServedAtTheRoot() {
		Http.Response response = anonymous.get("/");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("text/html");
		assertThat(response.body()).contains("<div id=\"root\"></div>").contains("/assets/");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/smbs", "/smbs/0190f1a4-0000-7000-8000-000000000000", "/communities/abc", "/settings",
			"/import" })
	void aReloadOfAConsoleRouteAnswersTheConsole(String path) {
		Http.Response response = anonymous.get(path);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("<div id=\"root\"></div>");
		assertThat(response.raw().headers().firstValue("Cache-Control"))
			.hasValueSatisfying(value -> assertThat(value).contains("no-cache"));
	}

	@Test
	void theBuiltAssetsAreServedAndCachedForGood() {
		String html = anonymous.get("/").body();
		java.util.regex.Matcher script = java.util.regex.Pattern.compile("/assets/[^\"]+\\.js").matcher(html);
		assertThat(script.find()).isTrue();
		Http.Response asset = anonymous.get(script.group());
		assertThat(asset.status()).isEqualTo(200);
		assertThat(asset.contentType()).contains("javascript");
		assertThat(asset.raw().headers().firstValue("Cache-Control"))
			.hasValueSatisfying(value -> assertThat(value).contains("immutable"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/assets/missing.js", "/favicon-missing.png", "/t/abc" })
	void missingFilesAndServerPathsAreNotAnsweredWithTheConsole(String path) {
		Http.Response response = anonymous.get(path);
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.body()).doesNotContain("<div id=\"root\">");
	}

	@Test
	void aGetOfAPostOnlyWebhookIsRefusedNotAnsweredWithTheConsole() {
		Http.Response response = anonymous.get("/webhooks/ses");
		assertThat(response.status()).isEqualTo(405);
		assertThat(response.body()).doesNotContain("<div id=\"root\">");
	}

	@Test
	void theApiAndItsDocsAreNotShadowed() {
		assertThat(anonymous.get("/api/v1/smbs").status()).isEqualTo(401);
		Http admin = new Tenancy(port).newTenant("Console Serving").admin();
		Http.Response unknown = admin.get("/api/v1/no-such-endpoint");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.contentType()).startsWith("application/problem+json");
		assertThat(anonymous.get("/v3/api-docs").contentType()).startsWith("application/json");
		assertThat(anonymous.get("/swagger-ui/index.html").body()).contains("swagger");
		assertThat(anonymous.get("/actuator/health").body()).contains("UP");
		assertThat(anonymous.send("POST", "/smbs", "{}", Map.of()).status()).isNotEqualTo(200);
	}

}

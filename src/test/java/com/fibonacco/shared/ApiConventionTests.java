package com.fibonacco.shared;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fibonacco.support.Http;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;
import com.fibonacco.support.Tenancy.TestTenant;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@ServerTest
class ApiConventionTests {

	@LocalServerPort
	int port;

	TestTenant tenant;

	@BeforeEach
	void setUp() {
		tenant = new Tenancy(port).newTenant("Lakeshore Agency");
	}

	@Test
	void anUnknownJsonFieldIsRejectedByName() {
		Http.Response response = tenant.admin()
			.post("/api/v1/users", Map.of("email", "a@example.com", "name", "A", "role", "agent", "password",
					Tenancy.PASSWORD, "tenant_id", "0190f1a4-0000-7000-8000-000000000000"));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.text("/code")).isEqualTo("malformed_request");
		assertThat(response.text("/errors/0/field")).isEqualTo("tenant_id");
	}

	@Test
	void invalidValuesAnswer422WithEachField() {
		Http.Response response = tenant.admin()
			.post("/api/v1/users", Map.of("email", "not-an-email", "name", "", "role", "owner", "password", "short"));

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.text("/code")).isEqualTo("validation_failed");
		assertThat(response.json().at("/errors").findValuesAsString("field")).contains("email", "name");
	}

	@Test
	void aBadRoleAndAShortPasswordAreNamed() {
		Http.Response response = tenant.admin()
			.post("/api/v1/users", Map.of("email", "b@example.com", "name", "B", "role", "owner", "password", "short"));

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.json().at("/errors").findValuesAsString("field")).containsExactlyInAnyOrder("role",
				"password");
	}

	@Test
	void malformedJsonAnswers400() {
		Http.Response response = tenant.admin().post("/api/v1/users", "{\"email\": ");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("/code")).isEqualTo("malformed_request");
	}

	@Test
	void aWrongContentTypeAnswers415() {
		Http.Response response = tenant.admin()
			.send("POST", "/api/v1/users", null, Map.of("Content-Type", "text/plain"));

		assertThat(response.status()).isEqualTo(415);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	void listsArePagedInTheEnvelope() {
		Http.Response response = tenant.admin().get("/api/v1/users?page=1&per_page=10");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().at("/data").isArray()).isTrue();
		assertThat(response.json().at("/meta/total").asLong()).isEqualTo(1);
		assertThat(response.json().at("/meta/per_page").asInt()).isEqualTo(10);
	}

	@Test
	void perPageAbove200IsRefused() {
		Http.Response response = tenant.admin().get("/api/v1/users?per_page=500");

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.text("/errors/0/field")).isEqualTo("per_page");
	}

	@Test
	void aDuplicateEmailIsAConflict() {
		Http.Response response = tenant.admin()
			.post("/api/v1/users",
					Map.of("email", tenant.adminEmail(), "name", "Dup", "role", "agent", "password", Tenancy.PASSWORD));

		assertThat(response.status()).isEqualTo(409);
		assertThat(response.text("/code")).isEqualTo("email_taken");
	}

	@Test
	void theOpenApiDocumentIsVersion31AndListsErrorResponses() {
		Http.Response docs = new Http(port).get("/v3/api-docs");

		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.text("/openapi")).startsWith("3.1");
		assertThat(docs.json().at("/paths/~1api~1v1~1users/post/responses").propertyNames()).contains("201", "400",
				"401", "403", "422");
		assertThat(new Http(port).get("/swagger-ui/index.html").status()).isEqualTo(200);
		assertThat(docs.json().at("/components/schemas").toString()).contains("\"created_at\"")
			.doesNotContain("\"createdAt\"");
	}

	@Test
	void aRefusedRequestOpensNoSession() {
		Http client = new Http(port);

		Http.Response refused = client.get("/api/v1/users");

		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.raw().headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("FIBONACCO_SESSION"));
		assertThat(client.post("/api/v1/users", "{}").status()).isEqualTo(401);
	}

	@Test
	void healthIsUpWithTheDatabaseInReadiness() {
		Http.Response health = new Http(port).get("/actuator/health/readiness");

		assertThat(health.status()).isEqualTo(200);
		assertThat(health.text("/status")).isEqualTo("UP");
		assertThat(new Http(port).get("/actuator/health/liveness").text("/status")).isEqualTo("UP");
	}

	@Test
	void prometheusMetricsNeedAnAdmin() {
		assertThat(new Http(port).get("/actuator/prometheus").status()).isEqualTo(401);
		Http.Response metrics = tenant.admin().get("/actuator/prometheus");
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes");
	}

}

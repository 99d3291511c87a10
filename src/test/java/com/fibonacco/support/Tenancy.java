package com.fibonacco.support;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test fixtures for identity, made through the public API as a client would: the platform
 * admin creates a fresh tenant per test, whose admin creates users of each role.
 */
public final class Tenancy {

	public static final String PLATFORM_ADMIN_EMAIL = "platform-admin@fibonacco.test";

	public static final String PLATFORM_ADMIN_PASSWORD = "correct-horse-battery-staple";

	public static final String PASSWORD = "a-long-enough-password";

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private final int port;

	public Tenancy(int port) {
		this.port = port;
	}

	public String token(String email, String password) {
		Http.Response response = new Http(port).post("/api/v1/auth/tokens",
				Map.of("email", email, "password", password, "name", "test"));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.text("/data/token");
	}

	public Http platformAdmin() {
		return new Http(port).bearer(token(PLATFORM_ADMIN_EMAIL, PLATFORM_ADMIN_PASSWORD));
	}

	/**
	 * A new tenant named like a real marketing team, with its admin signed in by token.
	 */
	public TestTenant newTenant(String name) {
		int n = SEQUENCE.incrementAndGet();
		String adminEmail = "admin" + n + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		Http.Response created = platformAdmin().post("/api/v1/tenants", Map.of("name", name + " " + n, "admin_email",
				adminEmail, "admin_name", "Dana Whitfield", "admin_password", PASSWORD));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		UUID tenantId = UUID.fromString(created.text("/data/tenant/id"));
		UUID adminId = UUID.fromString(created.text("/data/admin/id"));
		return new TestTenant(tenantId, adminId, adminEmail, new Http(port).bearer(token(adminEmail, PASSWORD)));
	}

	/**
	 * Creates a user with the role in the tenant and returns a client signed in as them.
	 */
	public TestUser newUser(TestTenant tenant, String role) {
		String email = role + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		Http.Response created = tenant.admin()
			.post("/api/v1/users", Map.of("email", email, "name", "Sam Ortega", "role", role, "password", PASSWORD));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return new TestUser(UUID.fromString(created.text("/data/id")), email,
				new Http(port).bearer(token(email, PASSWORD)));
	}

	public record TestTenant(UUID id, UUID adminId, String adminEmail, Http admin) {
	}

	public record TestUser(UUID id, String email, Http http) {
	}

}

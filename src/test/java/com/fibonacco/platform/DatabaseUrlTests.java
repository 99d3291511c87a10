package com.fibonacco.platform;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fibonacco.platform.internal.EmbeddedPostgresEnvironmentAccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DatabaseUrlTests {

	@Test
	void aPostgresUrlBecomesJdbcSettings() {
		Map<String, Object> settings = EmbeddedPostgresEnvironmentAccess
			.fromDatabaseUrl("postgres://crm:s3cret@db.internal:6543/fibonacco?sslmode=require");

		assertThat(settings)
			.containsEntry("spring.datasource.url", "jdbc:postgresql://db.internal:6543/fibonacco?sslmode=require")
			.containsEntry("spring.datasource.username", "crm")
			.containsEntry("spring.datasource.password", "s3cret");
	}

	@Test
	void aJdbcUrlIsUsedAsIs() {
		assertThat(EmbeddedPostgresEnvironmentAccess.fromDatabaseUrl("jdbc:postgresql://localhost/crm"))
			.containsEntry("spring.datasource.url", "jdbc:postgresql://localhost/crm");
	}

	@Test
	void theDefaultPortIs5432() {
		assertThat(EmbeddedPostgresEnvironmentAccess.fromDatabaseUrl("postgresql://u@host/db"))
			.containsEntry("spring.datasource.url", "jdbc:postgresql://host:5432/db")
			.containsEntry("spring.datasource.username", "u");
	}

	@Test
	void anotherDatabaseIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddedPostgresEnvironmentAccess.fromDatabaseUrl("mysql://u:p@host/db"))
			.withMessageContaining("DATABASE_URL");
	}

}

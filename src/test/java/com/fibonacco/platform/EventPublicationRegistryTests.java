package com.fibonacco.platform;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fibonacco.FibonaccoApplication;
import com.fibonacco.platform.OutboxProbe.Probed;
import com.fibonacco.support.ServerTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox: a listener's work survives its failure and the process dying after commit.
 */
@ServerTest
class EventPublicationRegistryTests {

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	IncompleteEventPublications incomplete;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void stopFailing() {
		OutboxProbe.FAILING.set(false);
	}

	@Test
	void aFailedListenerIsRetriedFromTheRegistryAndCompletes() {
		OutboxProbe.FAILING.set(true);
		UUID id = UUID.randomUUID();

		publish(id);

		await().atMost(Duration.ofSeconds(10)).until(() -> attempted(id));
		assertThat(completed(id)).isFalse();
		assertThat(OutboxProbe.HANDLED).doesNotContain(id);

		OutboxProbe.FAILING.set(false);
		incomplete.resubmitIncompletePublications(
				publication -> publication.getEvent() instanceof Probed probed && probed.id().equals(id));

		await().atMost(Duration.ofSeconds(10)).until(() -> completed(id));
		assertThat(OutboxProbe.HANDLED).contains(id);
	}

	@Test
	void anIncompletePublicationIsDeliveredWhenTheServerStartsAgain() {
		OutboxProbe.FAILING.set(true);
		UUID id = UUID.randomUUID();
		publish(id);
		await().atMost(Duration.ofSeconds(10)).until(() -> attempted(id));
		OutboxProbe.FAILING.set(false);

		// a second server process starting on the same database, as after a crash and
		// restart
		try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(FibonaccoApplication.class)
			.run("--server.port=0", "--jobrunr.background-job-server.enabled=false")) {
			await().atMost(Duration.ofSeconds(20)).until(() -> completed(id));
		}
		assertThat(OutboxProbe.HANDLED).contains(id);
	}

	private void publish(UUID id) {
		transactions.executeWithoutResult(status -> events.publishEvent(new Probed(id)));
	}

	private boolean attempted(UUID id) {
		return jdbc.sql("""
				SELECT count(*) FROM event_publication
				WHERE serialized_event LIKE :id AND completion_date IS NULL AND coalesce(completion_attempts, 0) >= 1
				""").param("id", "%" + id + "%").query(Long.class).single() == 1;
	}

	private boolean completed(UUID id) {
		return jdbc
			.sql("SELECT count(*) FROM event_publication WHERE serialized_event LIKE :id "
					+ "AND completion_date IS NOT NULL")
			.param("id", "%" + id + "%")
			.query(Long.class)
			.single() == 1;
	}

}

package com.fibonacco.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fibonacco.platform.internal.EventPublicationPurge;
import com.fibonacco.support.ServerTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry keeps completed publications a week and incomplete ones until delivered. */
@ServerTest
class EventPublicationPurgeTests {

	@Autowired
	EventPublicationPurge purge;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Test
	void publicationsCompletedOverAWeekAgoAreDeletedAndNothingElse() {
		Instant now = clock.instant();
		UUID oldCompleted = publication(now.minus(Duration.ofDays(9)), now.minus(Duration.ofDays(8)));
		UUID recentCompleted = publication(now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(2)));
		UUID oldIncomplete = publication(now.minus(Duration.ofDays(30)), null);

		assertThat(purge.purgeCompleted()).isGreaterThanOrEqualTo(1);

		assertThat(exists(oldCompleted)).isFalse();
		assertThat(exists(recentCompleted)).isTrue();
		assertThat(exists(oldIncomplete)).as("an undelivered event is never dropped").isTrue();
		assertThat(purge.purgeCompleted()).as("a second run deletes nothing more").isZero();
		jdbc.sql("DELETE FROM event_publication WHERE id IN (:ids)")
			.param("ids", java.util.List.of(recentCompleted, oldIncomplete))
			.update();
	}

	private UUID publication(Instant published, Instant completed) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date,
				                               completion_date, status)
				VALUES (:id, 'purge.test.Listener', 'purge.test.Event', :event, :published, :completed,
				        CASE WHEN CAST(:completed AS timestamptz) IS NULL THEN 'PUBLISHED' ELSE 'COMPLETED' END)
				""")
			.param("id", id)
			.param("event", "{\"id\":\"" + id + "\"}")
			.param("published", published.atOffset(ZoneOffset.UTC))
			.param("completed", completed == null ? null : completed.atOffset(ZoneOffset.UTC))
			.update();
		return id;
	}

	private boolean exists(UUID id) {
		return jdbc.sql("SELECT count(*) FROM event_publication WHERE id = :id")
			.param("id", id)
			.query(Long.class)
			.single() == 1;
	}

}

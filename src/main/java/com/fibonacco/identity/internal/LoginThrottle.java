package com.fibonacco.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brute-force protection: after {@value #MAX_FAILURES} failed logins for one email within
 * the window, that email is locked for the lock time. Kept in the database, so every
 * server process sees the same count.
 */
@Component
class LoginThrottle {

	static final int MAX_FAILURES = 5;

	static final Duration WINDOW = Duration.ofMinutes(15);

	static final Duration LOCK = Duration.ofMinutes(15);

	private final JdbcClient jdbc;

	private final Clock clock;

	LoginThrottle(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** How long the email must still wait, if it is locked. */
	Optional<Duration> lockedFor(String email) {
		Instant now = clock.instant();
		return jdbc.sql("SELECT locked_until FROM login_throttle WHERE email = :email AND locked_until > :now")
			.param("email", email)
			.param("now", Users.utc(now))
			.query(java.time.OffsetDateTime.class)
			.optional()
			.map(until -> Duration.between(now, until.toInstant()));
	}

	/**
	 * Counts a failure in its own transaction, so it sticks even though the login fails.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void recordFailure(String email) {
		Instant now = clock.instant();
		jdbc.sql("""
				INSERT INTO login_throttle AS t (email, failed_count, first_failed_at)
				VALUES (:email, 1, :now)
				ON CONFLICT (email) DO UPDATE SET
				  failed_count = CASE WHEN t.first_failed_at < :windowStart THEN 1 ELSE t.failed_count + 1 END,
				  first_failed_at = CASE WHEN t.first_failed_at < :windowStart THEN :now ELSE t.first_failed_at END
				""")
			.param("email", email)
			.param("now", Users.utc(now))
			.param("windowStart", Users.utc(now.minus(WINDOW)))
			.update();
		jdbc.sql("""
				UPDATE login_throttle SET locked_until = :until, failed_count = 0, first_failed_at = NULL
				WHERE email = :email AND failed_count >= :max
				""")
			.param("email", email)
			.param("until", Users.utc(now.plus(LOCK)))
			.param("max", MAX_FAILURES)
			.update();
	}

	void reset(String email) {
		jdbc.sql("DELETE FROM login_throttle WHERE email = :email").param("email", email).update();
	}

}

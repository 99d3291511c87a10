package com.fibonacco.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import com.fibonacco.shared.web.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks an email and password, with throttling. Unknown email and wrong password answer
 * the same, and take the same time, so logins don't reveal who has an account.
 */
@Component
class Credentials {

	/**
	 * A real bcrypt hash of a random string: compared against when the email is unknown.
	 */
	private final String decoyHash;

	private final Users users;

	private final LoginThrottle throttle;

	private final PasswordEncoder passwords;

	private final Clock clock;

	Credentials(Users users, LoginThrottle throttle, PasswordEncoder passwords, Clock clock) {
		this.users = users;
		this.throttle = throttle;
		this.passwords = passwords;
		this.clock = clock;
		this.decoyHash = passwords.encode(com.fibonacco.shared.Secrets.random(24));
	}

	static String normalizeEmail(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

	@Transactional
	UserRow authenticate(String rawEmail, String password) {
		String email = normalizeEmail(rawEmail);
		if (email.isEmpty() || email.length() > 254) {
			throw invalidCredentials();
		}
		Duration locked = throttle.lockedFor(email).orElse(null);
		if (locked != null) {
			long seconds = Math.max(1, locked.toSeconds());
			throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "login_throttled",
					"Too many failed logins for this email; try again in " + seconds + " seconds");
		}
		UserRow user = users.findByEmail(email).orElse(null);
		boolean matches = passwords.matches(password, user == null ? decoyHash : user.passwordHash());
		if (user == null || !matches || !user.active()) {
			throttle.recordFailure(email);
			throw invalidCredentials();
		}
		throttle.reset(email);
		users.recordLogin(user.id(), clock.instant());
		return user;
	}

	private static ApiException invalidCredentials() {
		return new ApiException(HttpStatus.UNAUTHORIZED, "invalid_credentials", "Email or password is wrong");
	}

}

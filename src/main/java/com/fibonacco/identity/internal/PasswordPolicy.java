package com.fibonacco.identity.internal;

import java.util.Optional;

/** What a password must be: long enough to resist guessing, short enough for bcrypt. */
final class PasswordPolicy {

	static final int MIN_LENGTH = 10;

	/** bcrypt reads at most 72 bytes; longer passwords would be silently truncated. */
	static final int MAX_BYTES = 72;

	private PasswordPolicy() {
	}

	static Optional<String> problem(String password) {
		if (password.length() < MIN_LENGTH) {
			return Optional.of("must be at least " + MIN_LENGTH + " characters");
		}
		if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
			return Optional.of("must be at most " + MAX_BYTES + " bytes");
		}
		if (password.isBlank()) {
			return Optional.of("must not be blank");
		}
		return Optional.empty();
	}

}

package com.fibonacco.messaging;

import org.jspecify.annotations.Nullable;

/**
 * The voicemail transport did not accept a drop; {@code permanent} when retrying can't
 * help (the provider refused it with a 4xx).
 */
public class VoicemailDeliveryException extends RuntimeException {

	private final boolean permanent;

	public VoicemailDeliveryException(String message, boolean permanent, @Nullable Throwable cause) {
		super(message, cause);
		this.permanent = permanent;
	}

	public boolean permanent() {
		return permanent;
	}

}

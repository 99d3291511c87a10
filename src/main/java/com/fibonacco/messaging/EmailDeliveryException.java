package com.fibonacco.messaging;

/** The transport did not accept an email; {@code permanent} when retrying can't help. */
public class EmailDeliveryException extends RuntimeException {

	private final boolean permanent;

	public EmailDeliveryException(String message, boolean permanent, Throwable cause) {
		super(message, cause);
		this.permanent = permanent;
	}

	public boolean permanent() {
		return permanent;
	}

}

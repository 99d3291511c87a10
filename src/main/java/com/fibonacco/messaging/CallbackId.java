package com.fibonacco.messaging;

import java.util.UUID;

/** Identifies one call back from an SMB. */
public record CallbackId(UUID value) {

	public CallbackId {
		java.util.Objects.requireNonNull(value, "CallbackId");
	}

	@Override
	public String toString() {
		return value.toString();
	}

}

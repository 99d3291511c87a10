package com.fibonacco.campaign;

import java.util.UUID;

/** Identifies one ringless voicemail drop. */
public record RvmDropId(UUID value) {

	public RvmDropId {
		java.util.Objects.requireNonNull(value, "RvmDropId");
	}

	@Override
	public String toString() {
		return value.toString();
	}

}

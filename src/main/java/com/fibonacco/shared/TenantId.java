package com.fibonacco.shared;

import java.util.UUID;

/** The tenant a row belongs to; always taken from the authenticated principal. */
public record TenantId(UUID value) {

	public TenantId {
		java.util.Objects.requireNonNull(value, "tenant id");
	}

	@Override
	public String toString() {
		return value.toString();
	}

}

package com.fibonacco.community;

import java.util.UUID;

/** Identifies a community within its tenant. */
public record CommunityId(UUID value) {

	public CommunityId {
		java.util.Objects.requireNonNull(value, "CommunityId");
	}

	@Override
	public String toString() {
		return value.toString();
	}

}

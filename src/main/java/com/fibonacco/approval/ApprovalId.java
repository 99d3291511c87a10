package com.fibonacco.approval;

import java.util.UUID;

/** Identifies one service approval. */
public record ApprovalId(UUID value) {

	public ApprovalId {
		java.util.Objects.requireNonNull(value, "ApprovalId");
	}

	@Override
	public String toString() {
		return value.toString();
	}

}

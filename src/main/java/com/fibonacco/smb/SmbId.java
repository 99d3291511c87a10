package com.fibonacco.smb;

import java.util.UUID;

/** Identifies an SMB within its tenant. */
public record SmbId(UUID value) {

	public SmbId {
		java.util.Objects.requireNonNull(value, "SmbId");
	}

	@Override
	public String toString() {
		return value.toString();
	}

}

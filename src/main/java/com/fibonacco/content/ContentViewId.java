package com.fibonacco.content;

import java.util.UUID;

/** Identifies one view of a piece of content. */
public record ContentViewId(UUID value) {

	public ContentViewId {
		java.util.Objects.requireNonNull(value, "ContentViewId");
	}

	@Override
	public String toString() {
		return value.toString();
	}

}

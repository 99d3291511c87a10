package com.fibonacco.inbound;

import java.util.UUID;

/** Identifies one inbound or outbound email of a conversation. */
public record ConversationId(UUID value) {

	public ConversationId {
		java.util.Objects.requireNonNull(value, "ConversationId");
	}

	@Override
	public String toString() {
		return value.toString();
	}

}

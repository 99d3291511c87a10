package com.fibonacco.engagement.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One recorded signal as the scoring function sees it.
 *
 * @param sourceEventId the id of the event that reported it; with the type, its identity
 * @param attributes what rule conditions can match on (campaign_id, content_slug, …)
 * @param machineGenerated a privacy proxy's open or a link scanner's click: recorded,
 * never scored
 */
record Signal(UUID sourceEventId, SignalType type, Instant occurredAt, Map<String, String> attributes,
		boolean machineGenerated) {

	Signal {
		attributes = Map.copyOf(attributes);
	}

}

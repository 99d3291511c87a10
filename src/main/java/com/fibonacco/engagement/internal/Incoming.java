package com.fibonacco.engagement.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;

/** A signal as a module event reported it, before it is recorded. */
record Incoming(TenantId tenant, SmbId smb, SignalType type, UUID sourceEventId, Instant occurredAt,
		Map<String, String> attributes, boolean machineGenerated) {

	Incoming {
		attributes = Map.copyOf(attributes);
	}

	Incoming(TenantId tenant, SmbId smb, SignalType type, UUID sourceEventId, Instant occurredAt) {
		this(tenant, smb, type, sourceEventId, occurredAt, Map.of(), false);
	}

	Signal asSignal() {
		return new Signal(sourceEventId, type, occurredAt, attributes, machineGenerated);
	}

}

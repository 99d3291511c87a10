package com.fibonacco.platform;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A listener for the outbox tests that fails while told to, like a listener whose process
 * dies or whose downstream is down, and records what it handled once it succeeds. State
 * is static so a second application context (a "restarted process") shares it.
 */
@Component
class OutboxProbe {

	static final AtomicBoolean FAILING = new AtomicBoolean(false);

	static final Set<UUID> HANDLED = ConcurrentHashMap.newKeySet();

	@ApplicationModuleListener
	void on(Probed event) {
		if (FAILING.get()) {
			throw new IllegalStateException("downstream unavailable for " + event.id());
		}
		HANDLED.add(event.id());
	}

	record Probed(UUID id) {
	}

}

package com.fibonacco.messaging.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.fibonacco.messaging.RvmDropDelivered;
import com.fibonacco.messaging.RvmTransportProperties;
import com.fibonacco.messaging.VoicemailFeedbackHandler;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The voicemail provider's delivery reports ({@code POST /webhooks/rvm}): verified by
 * their signature first, then applied to the drop they name ({@code foreign_id} =
 * {@code <tenant id>:<drop id>}, as the transport sent it). A delivery publishes
 * {@link RvmDropDelivered} once; a replayed report changes nothing.
 */
@Service
class RvmReports {

	private static final Logger log = LoggerFactory.getLogger(RvmReports.class);

	private final RvmTransportProperties properties;

	private final VoicemailFeedbackHandler drops;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	RvmReports(RvmTransportProperties properties, VoicemailFeedbackHandler drops, JsonMapper json,
			ApplicationEventPublisher events, Clock clock) {
		this.properties = properties;
		this.drops = drops;
		this.json = json;
		this.events = events;
		this.clock = clock;
	}

	/** What became of a report. */
	enum Outcome {

		/** It changed the drop. */
		PROCESSED,
		/**
		 * It named no drop of ours, repeated one already applied, or said nothing final.
		 */
		IGNORED;

		String apiName() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** The body is not a report we understand; answered 400. */
	static final class Malformed extends RuntimeException {

		Malformed(String message) {
			super(message);
		}

	}

	@Transactional
	Outcome receive(@Nullable String signature, String body) {
		Instant now = clock.instant();
		WebhookSignatures.verifyRvm(signature, body, properties.webhook().secret(), properties.webhook().tolerance(),
				now);
		JsonNode report;
		try {
			report = json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new Malformed("not JSON");
		}
		String foreignId = text(report, "foreign_id");
		String status = text(report, "status");
		if (foreignId == null || status == null) {
			throw new Malformed("foreign_id and status are required");
		}
		int colon = foreignId.indexOf(':');
		TenantId tenant;
		UUID dropId;
		try {
			tenant = new TenantId(UUID.fromString(foreignId.substring(0, Math.max(colon, 0))));
			dropId = UUID.fromString(foreignId.substring(colon + 1));
		}
		catch (IllegalArgumentException | StringIndexOutOfBoundsException ex) {
			throw new Malformed("foreign_id must be <tenant id>:<drop id>");
		}
		Instant at = time(report, now);
		switch (status.toLowerCase(Locale.ROOT)) {
			case "delivered", "success" -> {
				Optional<SmbId> smb = drops.delivered(tenant, dropId, status, at);
				if (smb.isEmpty()) {
					return Outcome.IGNORED;
				}
				events.publishEvent(new RvmDropDelivered(tenant, dropId, smb.get(), at));
				return Outcome.PROCESSED;
			}
			case "failed", "undeliverable", "error" -> {
				String reason = text(report, "reason");
				return drops.failed(tenant, dropId, reason == null ? "the provider reported " + status : reason, at)
						? Outcome.PROCESSED : Outcome.IGNORED;
			}
			default -> {
				log.info("Voicemail report for drop {} with status '{}' ignored: not a final status", dropId, status);
				return Outcome.IGNORED;
			}
		}
	}

	private static @Nullable String text(JsonNode report, String field) {
		JsonNode node = report.path(field);
		return node.isString() && !node.asString().isBlank() ? node.asString() : null;
	}

	/** The provider's time of the event; ours when it gave none or nonsense. */
	private static Instant time(JsonNode report, Instant now) {
		String text = text(report, "occurred_at");
		if (text == null) {
			return now;
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			return now;
		}
	}

}

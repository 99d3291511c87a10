package com.fibonacco.messaging.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import com.fibonacco.messaging.CallbackId;
import com.fibonacco.messaging.CallbackReceived;
import com.fibonacco.messaging.TwilioProperties;
import com.fibonacco.messaging.VoicemailFeedbackHandler;
import com.fibonacco.shared.Ids;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;
import com.fibonacco.smb.Smbs;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * Inbound calls and texts reported by Twilio, recorded in {@code callbacks} after the
 * signature checked out: matched to the tenant's SMB by the caller's number and to that
 * SMB's latest voicemail drop. A caller we don't know is recorded unmatched (someone
 * called; staff may want to know who). The CallSid (or MessageSid) is the idempotency
 * key: Twilio's retries and its further status callbacks for the same call change
 * nothing, and {@link CallbackReceived} is published once.
 */
@Service
class Callbacks {

	private final TwilioProperties properties;

	private final Smbs smbs;

	private final VoicemailFeedbackHandler drops;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Callbacks(TwilioProperties properties, Smbs smbs, VoicemailFeedbackHandler drops, JdbcClient jdbc, JsonMapper json,
			ApplicationEventPublisher events, Clock clock) {
		this.properties = properties;
		this.smbs = smbs;
		this.drops = drops;
		this.jdbc = jdbc;
		this.json = json;
		this.events = events;
		this.clock = clock;
	}

	/** The callback is not one we understand; answered 400. */
	static final class Malformed extends RuntimeException {

		Malformed(String message) {
			super(message);
		}

	}

	/** What the callback did: its id, or empty for a replay. */
	record Recorded(Optional<CallbackId> callback, @Nullable SmbId smb, @Nullable UUID drop) {
	}

	@Transactional
	Recorded receive(@Nullable String signature, String url, Map<String, List<String>> parameters,
			@Nullable String tenantParameter) {
		WebhookSignatures.verifyTwilio(signature, url, parameters, properties.authToken());
		TenantId tenant;
		try {
			tenant = new TenantId(UUID.fromString(tenantParameter == null ? "" : tenantParameter));
		}
		catch (IllegalArgumentException ex) {
			throw new Malformed("tenant must be the tenant's id");
		}
		String callSid = first(parameters, "CallSid");
		String messageSid = first(parameters, "MessageSid");
		String sid = callSid != null ? callSid : messageSid;
		String from = first(parameters, "From");
		if (sid == null || from == null) {
			throw new Malformed("a Twilio voice or messaging callback has CallSid or MessageSid, and From");
		}
		String to = first(parameters, "To");
		Instant now = clock.instant();
		SmbId smb = smbs.findByPhone(tenant, from).orElse(null);
		UUID drop = smb == null ? null : drops.latestDrop(tenant, smb).orElse(null);
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("channel", callSid != null ? "voice" : "sms");
		Map<String, Object> twilio = new LinkedHashMap<>();
		parameters.forEach((name, values) -> twilio.put(name, values.size() == 1 ? values.get(0) : values));
		metadata.put("twilio", twilio);
		UUID id = Ids.newId(clock);
		Optional<UUID> inserted = jdbc
			.sql("""
					INSERT INTO callbacks (tenant_id, id, smb_id, rvm_drop_id, provider_call_id, caller_phone, called_number,
					  started_at, duration_seconds, transcript, metadata, created_at, updated_at)
					VALUES (:tenant, :id, :smb, :drop, :sid, :from, :to, :now, :duration, :transcript,
					  CAST(:metadata AS jsonb), :now, :now)
					ON CONFLICT (tenant_id, provider_call_id) WHERE provider_call_id IS NOT NULL DO NOTHING
					RETURNING id
					""")
			.param("tenant", tenant.value())
			.param("id", id)
			.param("smb", smb == null ? null : smb.value())
			.param("drop", drop)
			.param("sid", cut(sid, 200))
			.param("from", cut(from, 50))
			.param("to", to == null ? "unknown" : cut(to, 50))
			.param("now", now.atOffset(ZoneOffset.UTC))
			.param("duration", duration(first(parameters, "CallDuration")))
			// a text's body is what the SMB said; a call's transcript comes later (the AI
			// module)
			.param("transcript", messageSid != null && callSid == null ? first(parameters, "Body") : null)
			.param("metadata", json.writeValueAsString(metadata))
			.query(UUID.class)
			.optional();
		if (inserted.isEmpty()) {
			return new Recorded(Optional.empty(), smb, drop);
		}
		CallbackId callback = new CallbackId(inserted.get());
		if (drop != null) {
			drops.calledBack(tenant, drop, callback, now);
		}
		events.publishEvent(new CallbackReceived(tenant, callback, smb, drop, now));
		return new Recorded(Optional.of(callback), smb, drop);
	}

	private static @Nullable String first(Map<String, List<String>> parameters, String name) {
		List<String> values = parameters.get(name);
		return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0).strip();
	}

	private static @Nullable Integer duration(@Nullable String seconds) {
		if (seconds == null || !seconds.matches("\\d{1,7}")) {
			return null;
		}
		return Integer.valueOf(seconds);
	}

	private static String cut(String value, int max) {
		return value.length() > max ? value.substring(0, max) : value;
	}

}

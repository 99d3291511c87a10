package com.fibonacco.messaging.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.fibonacco.messaging.OutboundVoicemail;
import com.fibonacco.messaging.RvmTransportProperties;
import com.fibonacco.messaging.VoicemailDeliveryException;
import com.fibonacco.messaging.VoicemailReceipt;
import com.fibonacco.messaging.VoicemailTransport;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The voicemail transport chosen by {@code fibonacco.rvm.transport}: captured in
 * {@code rvm_outbox} (the default; nothing leaves the machine), or the Drop Cowboy-shaped
 * HTTP API ({@code fibonacco.rvm.drop-cowboy.*}).
 */
@Configuration(proxyBeanMethods = false)
class VoicemailTransports {

	@Bean
	VoicemailTransport voicemailTransport(RvmTransportProperties properties, JdbcClient jdbc, JsonMapper json,
			Clock clock) {
		return switch (properties.transport()) {
			case "drop-cowboy" -> new DropCowboy(properties.dropCowboy(), json);
			default -> new Captured(jdbc, clock);
		};
	}

	/** Voicemails kept in {@code rvm_outbox}, once per drop. */
	record Captured(JdbcClient jdbc, Clock clock) implements VoicemailTransport {

		private static final Logger log = LoggerFactory.getLogger(Captured.class);

		@Override
		public VoicemailReceipt drop(OutboundVoicemail voicemail) {
			int stored = jdbc.sql("""
					INSERT INTO rvm_outbox (tenant_id, rvm_drop_id, phone, script, voice, created_at)
					VALUES (:tenant, :drop, :phone, :script, :voice, :now)
					ON CONFLICT (tenant_id, rvm_drop_id) DO NOTHING
					""")
				.param("tenant", voicemail.tenant().value())
				.param("drop", voicemail.dropId())
				.param("phone", voicemail.phone())
				.param("script", voicemail.script())
				.param("voice", voicemail.voice())
				.param("now", clock.instant().atOffset(ZoneOffset.UTC))
				.update();
			if (stored == 1) {
				log.info("Voicemail {} to {} captured (fibonacco.rvm.transport=captured): nothing was dropped",
						voicemail.dropId(), voicemail.phone());
			}
			return new VoicemailReceipt("captured", "captured-" + voicemail.dropId());
		}

	}

	/**
	 * {@code POST <base-url>/rvm} with the drop as JSON and its id as
	 * {@code Idempotency-Key}, so a retry (after a timeout, a 5xx, or a sender that died
	 * mid-call) cannot drop twice. 2xx accepted; 408, 429 and 5xx or no answer: try again
	 * later; any other 4xx: refused for good.
	 */
	static final class DropCowboy implements VoicemailTransport {

		private final RvmTransportProperties.DropCowboy settings;

		private final JsonMapper json;

		private final HttpClient client;

		private final URI endpoint;

		DropCowboy(RvmTransportProperties.DropCowboy settings, JsonMapper json) {
			this.settings = settings;
			this.json = json;
			this.client = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
			String base = settings.baseUrl().toString();
			this.endpoint = URI.create((base.endsWith("/") ? base : base + "/") + "rvm");
		}

		@Override
		public VoicemailReceipt drop(OutboundVoicemail voicemail) {
			Map<String, @Nullable Object> body = new LinkedHashMap<>();
			body.put("team_id", settings.teamId());
			body.put("secret", settings.apiKey());
			body.put("brand_id", settings.brandId());
			body.put("phone_number", voicemail.phone());
			body.put("caller_id", settings.callerId());
			body.put("tts_body", voicemail.script());
			body.put("voice", voicemail.voice());
			// the delivery report names the drop by this: our tenant and drop ids
			body.put("foreign_id", voicemail.tenant().value() + ":" + voicemail.dropId());
			body.put("callback_url", settings.callbackUrl());
			HttpRequest request = HttpRequest.newBuilder(endpoint)
				.timeout(settings.timeout())
				.header("Content-Type", "application/json")
				.header("Accept", "application/json")
				.header("Idempotency-Key", voicemail.dropId().toString())
				.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
				.build();
			HttpResponse<String> response;
			try {
				response = client.send(request, HttpResponse.BodyHandlers.ofString());
			}
			catch (HttpTimeoutException ex) {
				throw new VoicemailDeliveryException("the voicemail provider did not answer in " + settings.timeout(),
						false, ex);
			}
			catch (IOException ex) {
				throw new VoicemailDeliveryException("the voicemail provider could not be reached: " + ex.getMessage(),
						false, ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new VoicemailDeliveryException("interrupted while calling the voicemail provider", false, ex);
			}
			int status = response.statusCode();
			if (status >= 200 && status < 300) {
				return new VoicemailReceipt("drop_cowboy", providerId(response.body()));
			}
			String reason = "the voicemail provider answered " + status + reason(response.body());
			boolean transientFailure = status >= 500 || status == 408 || status == 429;
			throw new VoicemailDeliveryException(reason, !transientFailure, null);
		}

		private @Nullable String providerId(String body) {
			try {
				JsonNode node = json.readTree(body);
				for (String field : new String[] { "drop_id", "id" }) {
					JsonNode id = node.path(field);
					if (id.isValueNode() && !id.asString().isBlank()) {
						String value = id.asString();
						return value.length() > 200 ? value.substring(0, 200) : value;
					}
				}
			}
			catch (JacksonException ex) {
				// an accepted drop without a readable id is still accepted
			}
			return null;
		}

		private String reason(String body) {
			try {
				JsonNode node = json.readTree(body);
				for (String field : new String[] { "message", "error", "reason" }) {
					if (node.path(field).isString()) {
						return ": " + node.path(field).asString();
					}
				}
			}
			catch (JacksonException ex) {
				// not JSON: the raw text below
			}
			String text = body.strip();
			return text.isEmpty() ? "" : ": " + (text.length() > 300 ? text.substring(0, 300) : text);
		}

	}

}

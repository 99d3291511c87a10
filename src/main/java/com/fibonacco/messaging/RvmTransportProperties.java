package com.fibonacco.messaging;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How ringless voicemails leave and how their provider reports back: the messaging side
 * of {@code fibonacco.rvm.*} (the campaign module's {@code RvmProperties} holds the
 * policy: when, how often).
 *
 * @param transport {@code captured} (the default: drops are kept in {@code rvm_outbox},
 * nothing leaves the machine) or {@code drop-cowboy} (the provider's HTTP API,
 * {@code fibonacco.rvm.drop-cowboy.*})
 * @param dropCowboy the provider's API
 * @param webhook what {@code POST /webhooks/rvm} accepts
 */
@Validated
@ConfigurationProperties("fibonacco.rvm")
public record RvmTransportProperties(
		@DefaultValue("captured") @Pattern(regexp = "captured|drop-cowboy",
				message = "must be captured or drop-cowboy") String transport,
		@DefaultValue @Valid DropCowboy dropCowboy, @DefaultValue @Valid Webhook webhook) {

	public RvmTransportProperties {
		if ("drop-cowboy".equals(transport) && (blank(dropCowboy.teamId()) || blank(dropCowboy.apiKey()))) {
			throw new IllegalArgumentException(
					"fibonacco.rvm.transport=drop-cowboy needs fibonacco.rvm.drop-cowboy.team-id and api-key");
		}
	}

	/**
	 * A Drop Cowboy-shaped JSON API: {@code POST <base-url>/rvm}.
	 *
	 * @param baseUrl the API's base URL
	 * @param teamId the account's team id
	 * @param apiKey the account's secret, sent in the request body as the provider wants
	 * @param brandId the registered brand the voicemails come from
	 * @param callerId the number shown as the caller, which SMBs call back (E.164)
	 * @param callbackUrl where the provider posts delivery reports: this server's
	 * {@code /webhooks/rvm}
	 * @param timeout the longest one call may take; a timeout is retried later
	 */
	public record DropCowboy(@DefaultValue("https://api.dropcowboy.com/v1") @NotNull URI baseUrl,
			@Nullable String teamId, @Nullable String apiKey, @Nullable String brandId, @Nullable String callerId,
			@Nullable String callbackUrl, @DefaultValue("10s") Duration timeout) {

		public DropCowboy {
			if (!"https".equals(baseUrl.getScheme()) && !"http".equals(baseUrl.getScheme())) {
				throw new IllegalArgumentException("fibonacco.rvm.drop-cowboy.base-url must be an http(s) URL");
			}
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("fibonacco.rvm.drop-cowboy.timeout must be positive");
			}
		}

	}

	/**
	 * The provider's delivery reports: {@code X-Rvm-Signature: t=<unix seconds>,v1=<hex
	 * HMAC-SHA256 of "t.body" with the secret>}.
	 *
	 * @param secret the shared secret; none (the default) refuses every report
	 * @param tolerance how far the signed time may be from ours (replays of old reports
	 * are refused)
	 */
	public record Webhook(@Nullable String secret, @DefaultValue("5m") Duration tolerance) {

		public Webhook {
			if (secret != null && !secret.isBlank() && secret.length() < 16) {
				throw new IllegalArgumentException("fibonacco.rvm.webhook.secret must have 16 characters or more");
			}
			if (tolerance.isNegative() || tolerance.isZero()) {
				throw new IllegalArgumentException("fibonacco.rvm.webhook.tolerance must be positive");
			}
		}

	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

}

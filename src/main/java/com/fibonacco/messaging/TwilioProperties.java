package com.fibonacco.messaging;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code fibonacco.twilio.*}: Twilio's voice and SMS callbacks to
 * {@code POST /webhooks/twilio?tenant=<tenant id>}.
 *
 * @param authToken the Twilio account's auth token, which signs every callback
 * ({@code X-Twilio-Signature}); none (the default) refuses every callback
 * @param webhookBaseUrl the scheme, host (and port) Twilio calls, e.g.
 * {@code https://crm.example.com}: the signature covers the full URL Twilio used, which a
 * proxy in front of the server hides from it; left out, the URL the server received
 */
@Validated
@ConfigurationProperties("fibonacco.twilio")
public record TwilioProperties(@Nullable String authToken, @Nullable String webhookBaseUrl) {

	public TwilioProperties {
		if (webhookBaseUrl != null && !webhookBaseUrl.isBlank()) {
			if (!webhookBaseUrl.matches("^https?://[^/?#]+(/[^?#]*)?$")) {
				throw new IllegalArgumentException(
						"fibonacco.twilio.webhook-base-url must be an http(s) URL like https://crm.example.com");
			}
			webhookBaseUrl = webhookBaseUrl.endsWith("/") ? webhookBaseUrl.substring(0, webhookBaseUrl.length() - 1)
					: webhookBaseUrl;
		}
	}

}

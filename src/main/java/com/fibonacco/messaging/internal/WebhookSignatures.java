package com.fibonacco.messaging.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The signatures of the voicemail provider's and Twilio's webhooks, checked before
 * anything is recorded. Comparisons take the same time wherever the inputs differ.
 */
final class WebhookSignatures {

	private WebhookSignatures() {
	}

	/** A request whose signature does not check out; answered 403. */
	static final class Refused extends RuntimeException {

		private final String code;

		Refused(String code, String message) {
			super(message);
			this.code = code;
		}

		String code() {
			return code;
		}

	}

	/**
	 * {@code X-Rvm-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}: the
	 * signed time must be within {@code tolerance} of {@code now} (an old report replayed
	 * is refused), and one of the {@code v1} values (several while the secret is rotated)
	 * must match.
	 */
	static void verifyRvm(@Nullable String header, String body, @Nullable String secret, Duration tolerance,
			Instant now) {
		if (secret == null || secret.isBlank()) {
			throw new Refused("rvm_webhook_not_configured",
					"Voicemail reports are refused: fibonacco.rvm.webhook.secret is not set");
		}
		if (header == null || header.isBlank()) {
			throw new Refused("rvm_signature_missing", "X-Rvm-Signature is missing");
		}
		String timestamp = null;
		List<String> signatures = new ArrayList<>();
		for (String part : header.split(",")) {
			int eq = part.indexOf('=');
			if (eq < 0) {
				continue;
			}
			String key = part.substring(0, eq).strip();
			String value = part.substring(eq + 1).strip();
			if (key.equals("t")) {
				timestamp = value;
			}
			else if (key.equals("v1")) {
				signatures.add(value);
			}
		}
		if (timestamp == null || signatures.isEmpty() || !timestamp.matches("\\d{1,12}")) {
			throw new Refused("rvm_signature_malformed", "X-Rvm-Signature must be t=<unix seconds>,v1=<hex HMAC>");
		}
		Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
		if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
			throw new Refused("rvm_signature_stale", "The signed time is more than " + tolerance + " from ours");
		}
		byte[] expected = HexFormat.of()
			.formatHex(hmac("HmacSHA256", secret, timestamp + "." + body))
			.getBytes(StandardCharsets.US_ASCII);
		boolean match = false;
		for (String signature : signatures) {
			match |= MessageDigest.isEqual(expected,
					signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
		}
		if (!match) {
			throw new Refused("rvm_signature_invalid", "X-Rvm-Signature does not match the body");
		}
	}

	/**
	 * Twilio's {@code X-Twilio-Signature}: base64 of HMAC-SHA1 with the auth token over
	 * the full URL Twilio called followed by the POST parameters sorted by name, each
	 * name followed by its value.
	 */
	static void verifyTwilio(@Nullable String header, String url, Map<String, List<String>> postParameters,
			@Nullable String authToken) {
		if (authToken == null || authToken.isBlank()) {
			throw new Refused("twilio_webhook_not_configured",
					"Twilio callbacks are refused: fibonacco.twilio.auth-token is not set");
		}
		if (header == null || header.isBlank()) {
			throw new Refused("twilio_signature_missing", "X-Twilio-Signature is missing");
		}
		byte[] expected = Base64.getEncoder().encode(hmac("HmacSHA1", authToken, twilioPayload(url, postParameters)));
		if (!MessageDigest.isEqual(expected, header.strip().getBytes(StandardCharsets.US_ASCII))) {
			throw new Refused("twilio_signature_invalid", "X-Twilio-Signature does not match the request");
		}
	}

	/** What Twilio signs: the URL, then each parameter's name and value by name. */
	static String twilioPayload(String url, Map<String, List<String>> postParameters) {
		StringBuilder payload = new StringBuilder(url);
		for (Map.Entry<String, List<String>> parameter : new TreeMap<>(postParameters).entrySet()) {
			for (String value : parameter.getValue()) {
				payload.append(parameter.getKey()).append(value);
			}
		}
		return payload.toString();
	}

	static byte[] hmac(String algorithm, String key, String data) {
		try {
			Mac mac = Mac.getInstance(algorithm);
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("every JDK has " + algorithm, ex);
		}
	}

}

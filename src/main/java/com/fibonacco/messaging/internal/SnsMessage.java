package com.fibonacco.messaging.internal;

import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One message Amazon SNS posted to us, as its JSON envelope has it, and the string its
 * signature covers.
 */
record SnsMessage(String type, String messageId, String topicArn, @Nullable String subject, String message,
		String timestamp, String signatureVersion, String signature, String signingCertUrl, @Nullable String token,
		@Nullable String subscribeUrl) {

	static final String NOTIFICATION = "Notification";

	static final String SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation";

	static final String UNSUBSCRIBE_CONFIRMATION = "UnsubscribeConfirmation";

	private static final Set<String> TYPES = Set.of(NOTIFICATION, SUBSCRIPTION_CONFIRMATION, UNSUBSCRIBE_CONFIRMATION);

	/** Thrown for a body that is not an SNS message. */
	static final class Malformed extends RuntimeException {

		Malformed(String message) {
			super(message);
		}

	}

	static SnsMessage parse(JsonMapper json, String body) {
		JsonNode node;
		try {
			node = json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new Malformed("the body is not JSON");
		}
		if (node == null || !node.isObject()) {
			throw new Malformed("the body is not a JSON object");
		}
		String type = required(node, "Type");
		if (!TYPES.contains(type)) {
			throw new Malformed("Type " + type + " is not an SNS message type");
		}
		boolean confirmation = !NOTIFICATION.equals(type);
		return new SnsMessage(type, required(node, "MessageId"), required(node, "TopicArn"), text(node, "Subject"),
				required(node, "Message"), required(node, "Timestamp"), required(node, "SignatureVersion"),
				required(node, "Signature"), required(node, "SigningCertURL"),
				confirmation ? required(node, "Token") : null, confirmation ? required(node, "SubscribeURL") : null);
	}

	/**
	 * What SNS signed: name and value lines of the message's fields, in AWS's documented
	 * order; a Notification's Subject only when it has one.
	 */
	String stringToSign() {
		StringBuilder signed = new StringBuilder();
		line(signed, "Message", message);
		line(signed, "MessageId", messageId);
		if (NOTIFICATION.equals(type)) {
			if (subject != null) {
				line(signed, "Subject", subject);
			}
		}
		else {
			line(signed, "SubscribeURL", subscribeUrl);
		}
		line(signed, "Timestamp", timestamp);
		if (!NOTIFICATION.equals(type)) {
			line(signed, "Token", token);
		}
		line(signed, "TopicArn", topicArn);
		line(signed, "Type", type);
		return signed.toString();
	}

	private static void line(StringBuilder signed, String name, @Nullable String value) {
		signed.append(name).append('\n').append(value).append('\n');
	}

	private static String required(JsonNode node, String field) {
		String value = text(node, field);
		if (value == null || value.isEmpty()) {
			throw new Malformed(field + " is missing");
		}
		return value;
	}

	static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		return value.isString() ? value.stringValue() : value.toString();
	}

}

package com.fibonacco.messaging.internal;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.fibonacco.messaging.EmailFeedback;
import com.fibonacco.messaging.EmailFeedback.BounceType;
import com.fibonacco.messaging.EmailFeedback.SentEmail;
import com.fibonacco.messaging.EmailFeedbackHandler;
import com.fibonacco.messaging.EmailProperties;
import com.fibonacco.smb.Channel;
import com.fibonacco.smb.ChannelEligibility;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What {@code POST /webhooks/ses} does with an SNS message, once it verified: nothing
 * before the signature, topic and certificate checked out; then, in one transaction, the
 * message's id is recorded (a replay finds it and changes nothing) and the message takes
 * effect. A SubscriptionConfirmation is confirmed by a GET of its SubscribeURL (an SNS
 * host, our topic); a Notification carrying an SES event about one of our emails (found by
 * its SES message id) suppresses the address of a hard bounce or complaint and is handed
 * to the {@link EmailFeedbackHandler}s. SES event types we don't act on, and emails that
 * aren't ours (another environment sharing the topic), are recorded and ignored.
 */
@Service
class SesNotifications {

	private static final Logger log = LoggerFactory.getLogger(SesNotifications.class);

	/** What became of a message, answered to SNS (which only looks at the status). */
	enum Outcome {

		PROCESSED, REPLAYED, IGNORED, CONFIRMED;

		String apiName() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** The SubscribeURL did not answer 2xx; SNS sends the confirmation again. */
	static final class ConfirmationFailed extends RuntimeException {

		ConfirmationFailed(String message) {
			super(message);
		}

	}

	private final EmailProperties.Webhook webhook;

	private final SnsVerifier verifier;

	private final SnsClient sns;

	private final SesMessages sesMessages;

	private final ChannelEligibility eligibility;

	private final ObjectProvider<EmailFeedbackHandler> handlers;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final TransactionTemplate transactions;

	private final Clock clock;

	SesNotifications(EmailProperties properties, SnsClient sns, SesMessages sesMessages,
			ChannelEligibility eligibility, ObjectProvider<EmailFeedbackHandler> handlers, JdbcClient jdbc,
			JsonMapper json, TransactionTemplate transactions, Clock clock) {
		this.webhook = properties.ses().webhook();
		this.verifier = new SnsVerifier(webhook, sns, clock);
		this.sns = sns;
		this.sesMessages = sesMessages;
		this.eligibility = eligibility;
		this.handlers = handlers;
		this.jdbc = jdbc;
		this.json = json;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Verifies the message, then records it and lets it take effect in one transaction.
	 * @throws SnsVerifier.Refused for a message we don't believe (nothing recorded)
	 * @throws SnsVerifier.CertificateUnavailable when its certificate can't be fetched now
	 * @throws ConfirmationFailed when SNS did not take a subscription's confirmation
	 */
	Outcome receive(SnsMessage message) {
		verifier.verify(message);
		URI subscribeUrl = SnsMessage.SUBSCRIPTION_CONFIRMATION.equals(message.type()) ? subscribeUrl(message) : null;
		Outcome outcome = transactions.execute(status -> switch (message.type()) {
			case SnsMessage.SUBSCRIPTION_CONFIRMATION -> confirm(message, subscribeUrl);
			case SnsMessage.UNSUBSCRIBE_CONFIRMATION -> {
				if (!record(message, null, null)) {
					yield Outcome.REPLAYED;
				}
				log.warn("SNS unsubscribed this endpoint from {}; SES events of that topic stop arriving",
						message.topicArn());
				yield Outcome.IGNORED;
			}
			default -> notification(message);
		});
		return outcome == null ? Outcome.IGNORED : outcome;
	}

	/** The SubscribeURL when it is SNS's confirmation of this very topic. */
	private URI subscribeUrl(SnsMessage message) {
		URI url = verifier.allowed(message.subscribeUrl() == null ? "" : message.subscribeUrl())
			.orElseThrow(() -> new SnsVerifier.Refused("sns_subscribe_url_refused",
					"The SubscribeURL is not on an SNS host"));
		Map<String, String> query = query(url);
		if (!"ConfirmSubscription".equals(query.get("Action")) || !message.topicArn().equals(query.get("TopicArn"))) {
			throw new SnsVerifier.Refused("sns_subscribe_url_refused",
					"The SubscribeURL does not confirm a subscription to this topic");
		}
		return url;
	}

	private Outcome confirm(SnsMessage message, @Nullable URI subscribeUrl) {
		if (!record(message, null, null)) {
			return Outcome.REPLAYED;
		}
		if (!webhook.confirmSubscriptions() || subscribeUrl == null) {
			log.warn("SNS subscription to {} not confirmed (fibonacco.email.ses.webhook.confirm-subscriptions=false); "
					+ "confirm it in the SNS console", message.topicArn());
			return Outcome.IGNORED;
		}
		if (!sns.confirm(subscribeUrl)) {
			// rolls the record back: SNS sends the confirmation again
			throw new ConfirmationFailed("SNS did not take the confirmation of " + message.topicArn());
		}
		log.info("Confirmed the SNS subscription to {}", message.topicArn());
		return Outcome.CONFIRMED;
	}

	private Outcome notification(SnsMessage message) {
		JsonNode event = parse(message.message());
		if (event == null || !event.isObject()) {
			return record(message, null, null) ? Outcome.IGNORED : Outcome.REPLAYED;
		}
		String type = Optional.ofNullable(SnsMessage.text(event, "eventType"))
			.orElseGet(() -> SnsMessage.text(event, "notificationType"));
		String sesMessageId = SnsMessage.text(event.path("mail"), "messageId");
		Optional<SentEmail> email = sesMessageId == null ? Optional.empty() : sesMessages.find(sesMessageId);
		if (!record(message, email.map(SentEmail::tenant).orElse(null), type)) {
			return Outcome.REPLAYED;
		}
		if (email.isEmpty()) {
			log.info("SES {} notification {} is about no email of ours (SES message {}); ignored", type,
					message.messageId(), sesMessageId);
			return Outcome.IGNORED;
		}
		Optional<EmailFeedback> feedback = feedback(type == null ? "" : type, event, email.get(), message);
		if (feedback.isEmpty()) {
			return Outcome.IGNORED;
		}
		switch (feedback.get()) {
			case EmailFeedback.Bounced bounced when bounced.type() == BounceType.PERMANENT ->
				suppress(bounced.email(), bounced.recipients(), "hard_bounce");
			case EmailFeedback.Complained complained ->
				suppress(complained.email(), complained.recipients(), "complaint");
			default -> {
			}
		}
		handlers.orderedStream().forEach(handler -> handler.handle(feedback.get()));
		return Outcome.PROCESSED;
	}

	/** Records the message as processed; false when it was before (a replay). */
	private boolean record(SnsMessage message, com.fibonacco.shared.@Nullable TenantId tenant,
			@Nullable String eventType) {
		return jdbc.sql("""
				INSERT INTO sns_notifications (message_id, type, topic_arn, tenant_id, event_type, received_at)
				VALUES (:id, :type, :topic, :tenant, :eventType, :now) ON CONFLICT DO NOTHING
				""")
			.param("id", message.messageId())
			.param("type", message.type())
			.param("topic", message.topicArn())
			.param("tenant", tenant == null ? null : tenant.value())
			.param("eventType", eventType == null ? null : truncate(eventType, 50))
			.param("now", clock.instant().atOffset(ZoneOffset.UTC))
			.update() == 1;
	}

	private Optional<EmailFeedback> feedback(String type, JsonNode event, SentEmail email, SnsMessage message) {
		String id = message.messageId();
		String detail = message.message();
		Instant sent = instant(message.timestamp(), clock.instant());
		return switch (type) {
			case "Delivery" -> {
				JsonNode delivery = event.path("delivery");
				yield Optional.of(new EmailFeedback.Delivered(email, id, instant(delivery, sent), detail));
			}
			case "Bounce" -> {
				JsonNode bounce = event.path("bounce");
				BounceType bounceType = switch (String.valueOf(SnsMessage.text(bounce, "bounceType"))) {
					case "Permanent" -> BounceType.PERMANENT;
					case "Transient" -> BounceType.TRANSIENT;
					default -> BounceType.UNDETERMINED;
				};
				yield Optional.of(new EmailFeedback.Bounced(email, id, instant(bounce, sent), detail, bounceType,
						addresses(bounce.path("bouncedRecipients"))));
			}
			case "Complaint" -> {
				JsonNode complaint = event.path("complaint");
				yield Optional.of(new EmailFeedback.Complained(email, id, instant(complaint, sent), detail,
						addresses(complaint.path("complainedRecipients"))));
			}
			case "Open" -> {
				JsonNode open = event.path("open");
				yield Optional.of(new EmailFeedback.Opened(email, id, instant(open, sent), detail,
						SnsMessage.text(open, "userAgent"), SnsMessage.text(open, "ipAddress")));
			}
			case "Click" -> {
				JsonNode click = event.path("click");
				String link = SnsMessage.text(click, "link");
				yield link == null ? Optional.empty()
						: Optional.of(new EmailFeedback.Clicked(email, id, instant(click, sent), detail, link,
								SnsMessage.text(click, "userAgent"), SnsMessage.text(click, "ipAddress")));
			}
			// Send, Reject, DeliveryDelay, RenderingFailure, Subscription, and SES's test
			// message when a topic is set up: nothing of ours changes
			default -> Optional.empty();
		};
	}

	private void suppress(SentEmail email, List<String> recipients, String reason) {
		for (String address : recipients) {
			try {
				eligibility.suppress(email.tenant(), Channel.EMAIL, address, reason);
			}
			catch (IllegalArgumentException ex) {
				log.warn("SES reported {} for '{}', which is not an email address; not suppressed", reason, address);
			}
		}
	}

	/**
	 * The recipients' addresses, lower case; a DSN's Final-Recipient may come as
	 * {@code rfc822; Name <a@b>}.
	 */
	private static List<String> addresses(JsonNode recipients) {
		List<String> addresses = new ArrayList<>();
		if (recipients.isArray()) {
			for (JsonNode recipient : recipients.values()) {
				String address = SnsMessage.text(recipient, "emailAddress");
				if (address == null) {
					continue;
				}
				address = address.strip();
				if (address.regionMatches(true, 0, "rfc822;", 0, 7)) {
					address = address.substring(7).strip();
				}
				int open = address.lastIndexOf('<');
				int close = address.lastIndexOf('>');
				if (open >= 0 && close > open) {
					address = address.substring(open + 1, close);
				}
				addresses.add(address.strip().toLowerCase(Locale.ROOT));
			}
		}
		return addresses;
	}

	private @Nullable JsonNode parse(String text) {
		try {
			return json.readTree(text);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static Instant instant(JsonNode node, Instant fallback) {
		String timestamp = SnsMessage.text(node, "timestamp");
		return timestamp == null ? fallback : instant(timestamp, fallback);
	}

	private static Instant instant(String timestamp, Instant fallback) {
		try {
			return Instant.parse(timestamp);
		}
		catch (DateTimeParseException ex) {
			return fallback;
		}
	}

	private static Map<String, String> query(URI url) {
		Map<String, String> parameters = new HashMap<>();
		if (url.getRawQuery() != null) {
			for (String pair : url.getRawQuery().split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0) {
					parameters.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
							URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
				}
			}
		}
		return parameters;
	}

	private static String truncate(String value, int length) {
		return value.length() > length ? value.substring(0, length) : value;
	}

}

package com.fibonacco.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

/**
 * What the email provider reported about one email we sent (Amazon SES, through a
 * verified SNS notification): delivered, bounced, complained about, opened or clicked.
 * Handed to every {@link EmailFeedbackHandler} inside the webhook's transaction.
 */
public sealed interface EmailFeedback {

	/** Which of our emails the report is about. */
	SentEmail email();

	/**
	 * The provider's id of the report (the SNS MessageId); a redelivered report carries
	 * the same one.
	 */
	String providerEventId();

	/** When it happened, by the provider's clock. */
	Instant occurredAt();

	/** The provider's report as JSON, kept with the recorded event. */
	String detail();

	/**
	 * One of our emails: its tenant, and the campaign send and the RFC 5322 Message-ID it
	 * went out with, as far as the report tells (at least one of the two).
	 */
	record SentEmail(TenantId tenant, @Nullable UUID campaignSendId, @Nullable String messageId) {
	}

	enum BounceType {

		/** The address does not take mail (unknown user, domain): never mail it again. */
		PERMANENT,
		/** Mailbox full, message too large, a server's hiccup: worth another try later. */
		TRANSIENT,
		/** The provider could not tell. Treated like a transient bounce. */
		UNDETERMINED;

		/** The name in {@code email_events.bounce_type} and {@link EmailBounced}. */
		public String apiName() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	record Delivered(SentEmail email, String providerEventId, Instant occurredAt,
			String detail) implements EmailFeedback {
	}

	/** @param recipients the addresses that bounced (lower case) */
	record Bounced(SentEmail email, String providerEventId, Instant occurredAt, String detail, BounceType type,
			List<String> recipients) implements EmailFeedback {

		public Bounced {
			recipients = List.copyOf(recipients);
		}

	}

	/** @param recipients the addresses whose owners marked the email as spam (lower case) */
	record Complained(SentEmail email, String providerEventId, Instant occurredAt, String detail,
			List<String> recipients) implements EmailFeedback {

		public Complained {
			recipients = List.copyOf(recipients);
		}

	}

	record Opened(SentEmail email, String providerEventId, Instant occurredAt, String detail,
			@Nullable String userAgent, @Nullable String ipAddress) implements EmailFeedback {
	}

	/** @param link the link as it was in the email */
	record Clicked(SentEmail email, String providerEventId, Instant occurredAt, String detail, String link,
			@Nullable String userAgent, @Nullable String ipAddress) implements EmailFeedback {
	}

}

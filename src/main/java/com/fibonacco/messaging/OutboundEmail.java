package com.fibonacco.messaging;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

/**
 * One rendered email to hand to the transport.
 *
 * @param messageId the RFC 5322 Message-ID ({@code <…@…>}), stable across retries: the
 * captured outbox stores a message id once
 * @param headers extra headers, e.g. {@code List-Unsubscribe}
 */
public record OutboundEmail(TenantId tenant, String messageId, String fromName, String fromAddress, String replyTo,
		String to, String subject, String html, String text, Map<String, String> headers,
		@Nullable UUID campaignSendId) {
}

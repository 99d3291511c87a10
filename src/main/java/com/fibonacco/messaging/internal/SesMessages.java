package com.fibonacco.messaging.internal;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fibonacco.messaging.EmailFeedback.SentEmail;
import com.fibonacco.messaging.OutboundEmail;
import com.fibonacco.shared.TenantId;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The SES message id of each email the SES transport handed over ({@code ses_messages}):
 * every SES notification carries it, so it tells the webhook which tenant and which of our
 * emails a notification is about, whether or not SES publishes our message tags with it.
 */
@Component
class SesMessages {

	private static final Logger log = LoggerFactory.getLogger(SesMessages.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	SesMessages(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Remembers a message SES accepted. Never throws: the email is gone, and failing here
	 * would make the sender send it again; the message tags still route its events.
	 */
	void sent(OutboundEmail email, String sesMessageId) {
		try {
			jdbc.sql("""
					INSERT INTO ses_messages (ses_message_id, tenant_id, message_id, campaign_send_id, created_at)
					VALUES (:id, :tenant, :messageId, :send, :now) ON CONFLICT DO NOTHING
					""")
				.param("id", sesMessageId)
				.param("tenant", email.tenant().value())
				.param("messageId", email.messageId())
				.param("send", email.campaignSendId())
				.param("now", clock.instant().atOffset(ZoneOffset.UTC))
				.update();
		}
		catch (DataAccessException ex) {
			log.warn("SES message {} ({}) not remembered; its notifications route by message tags only",
					sesMessageId, email.messageId(), ex);
		}
	}

	Optional<SentEmail> find(String sesMessageId) {
		return jdbc.sql("SELECT tenant_id, message_id, campaign_send_id FROM ses_messages WHERE ses_message_id = :id")
			.param("id", sesMessageId)
			.query((rs, n) -> new SentEmail(new TenantId(rs.getObject("tenant_id", UUID.class)),
					rs.getObject("campaign_send_id", UUID.class), rs.getString("message_id")))
			.optional();
	}

}

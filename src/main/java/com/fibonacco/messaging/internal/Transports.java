package com.fibonacco.messaging.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.json.JsonMapper;

import com.fibonacco.messaging.EmailDeliveryException;
import com.fibonacco.messaging.EmailProperties;
import com.fibonacco.messaging.EmailTransport;
import com.fibonacco.messaging.OutboundEmail;
import com.fibonacco.shared.Ids;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * The transport chosen by {@code fibonacco.email.transport}: the captured outbox (the
 * default; nothing leaves the machine) or SMTP through Spring's {@link JavaMailSender}
 * ({@code spring.mail.host}, port, credentials, {@code spring.mail.properties.*}).
 */
@Configuration(proxyBeanMethods = false)
class Transports {

	@Bean
	EmailTransport emailTransport(EmailProperties properties, JdbcClient jdbc, JsonMapper json, Clock clock,
			ObjectProvider<JavaMailSender> mailSender) {
		RateLimiter limiter = new RateLimiter(properties.ratePerSecond());
		EmailTransport transport = "smtp".equals(properties.transport()) ? new Smtp(mailSender.getIfAvailable(() -> {
			throw new IllegalStateException(
					"fibonacco.email.transport=smtp needs spring.mail.host (and port, credentials)");
		})) : new Outbox(jdbc, json, clock);
		return email -> {
			limiter.acquire();
			transport.send(email);
		};
	}

	/** Mail captured in {@code outbox_messages}, once per Message-ID. */
	record Outbox(JdbcClient jdbc, JsonMapper json, Clock clock) implements EmailTransport {

		@Override
		public void send(OutboundEmail email) {
			jdbc.sql(
					"""
							INSERT INTO outbox_messages (tenant_id, id, message_id, from_address, to_address, subject, body_html,
							  body_text, headers, campaign_send_id, created_at)
							VALUES (:tenant, :id, :messageId, :from, :to, :subject, :html, :text, CAST(:headers AS jsonb),
							  :sendId, :now)
							ON CONFLICT (tenant_id, message_id) DO NOTHING
							""")
				.param("tenant", email.tenant().value())
				.param("id", Ids.newId(clock))
				.param("messageId", email.messageId())
				.param("from", email.fromName() + " <" + email.fromAddress() + ">")
				.param("to", email.to())
				.param("subject", email.subject())
				.param("html", email.html())
				.param("text", email.text())
				.param("headers", json.writeValueAsString(email.headers()))
				.param("sendId", email.campaignSendId())
				.param("now", clock.instant().atOffset(ZoneOffset.UTC))
				.update();
		}

	}

	/** SMTP: multipart/alternative (text, then HTML) with our Message-ID kept. */
	record Smtp(JavaMailSender sender) implements EmailTransport {

		@Override
		public void send(OutboundEmail email) {
			try {
				MimeMessage message = sender.createMimeMessage();
				MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
				helper
					.setFrom(new InternetAddress(email.fromAddress(), email.fromName(), StandardCharsets.UTF_8.name()));
				helper.setReplyTo(email.replyTo());
				helper.setTo(email.to());
				helper.setSubject(email.subject());
				helper.setText(email.text(), email.html());
				for (Map.Entry<String, String> header : email.headers().entrySet()) {
					message.setHeader(header.getKey(), header.getValue());
				}
				// JavaMailSenderImpl keeps a Message-ID set before sending
				message.setHeader("Message-ID", email.messageId());
				sender.send(message);
			}
			catch (MailSendException ex) {
				boolean permanent = ex.getFailedMessages()
					.values()
					.stream()
					.anyMatch(cause -> cause instanceof SendFailedException failed
							&& failed.getInvalidAddresses() != null && failed.getInvalidAddresses().length > 0);
				throw new EmailDeliveryException("SMTP refused the message: " + ex.getMessage(), permanent, ex);
			}
			catch (MailException | MessagingException | java.io.UnsupportedEncodingException ex) {
				throw new EmailDeliveryException("SMTP failed: " + ex.getMessage(), false, ex);
			}
		}

	}

	/**
	 * At most {@code perSecond} acquisitions a second in this process; 0 for no limit.
	 */
	static final class RateLimiter {

		private final long intervalNanos;

		private long next;

		RateLimiter(double perSecond) {
			this.intervalNanos = perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
		}

		void acquire() {
			if (intervalNanos == 0) {
				return;
			}
			long wait;
			synchronized (this) {
				long now = System.nanoTime();
				long slot = Math.max(next, now);
				next = slot + intervalNanos;
				wait = slot - now;
			}
			if (wait > 0) {
				try {
					Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new EmailDeliveryException("interrupted while rate-limited", false, ex);
				}
			}
		}

	}

}

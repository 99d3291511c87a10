package com.fibonacco.messaging.internal;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.jspecify.annotations.Nullable;
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
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.util.ClassUtils;

/**
 * The transport chosen by {@code fibonacco.email.transport}: the captured outbox (the
 * default; nothing leaves the machine), SMTP through Spring's {@link JavaMailSender}
 * ({@code spring.mail.host}, port, credentials, {@code spring.mail.properties.*}) or
 * Amazon SES v2 ({@code fibonacco.email.ses.*}, {@link SesTransport}).
 */
@Configuration(proxyBeanMethods = false)
class Transports {

	@Bean
	EmailTransport emailTransport(EmailProperties properties, JdbcClient jdbc, JsonMapper json, Clock clock,
			ObjectProvider<JavaMailSender> mailSender, SesMessages sesMessages) {
		EmailTransport transport = switch (properties.transport()) {
			case "smtp" -> new Smtp(mailSender.getIfAvailable(() -> {
				throw new IllegalStateException(
						"fibonacco.email.transport=smtp needs spring.mail.host (and port, credentials)");
			}));
			case "ses" -> new SesTransport(properties.ses(), sesMessages::sent);
			default -> new Outbox(jdbc, json, clock);
		};
		return new RateLimited(transport, new RateLimiter(properties.ratePerSecond()));
	}

	/**
	 * The chosen transport behind the per-process rate limit; closing it (with the
	 * application context) closes the transport's connections.
	 */
	record RateLimited(EmailTransport transport, RateLimiter limiter) implements EmailTransport, AutoCloseable {

		@Override
		public void send(OutboundEmail email) {
			limiter.acquire();
			transport.send(email);
		}

		@Override
		public void close() throws Exception {
			if (transport instanceof AutoCloseable closeable) {
				closeable.close();
			}
		}

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

	/**
	 * SMTP: the text and HTML parts with our Message-ID kept, over a pool of open
	 * connections (one per concurrent sender, reused from message to message; one idle
	 * for a while is checked with NOOP before reuse).
	 */
	static final class Smtp implements EmailTransport {

		private static final long CHECK_AFTER_IDLE_NANOS = 20_000_000_000L;

		private final JavaMailSender sender;

		private final BlockingQueue<Pooled> idle = new LinkedBlockingQueue<>();

		Smtp(JavaMailSender sender) {
			this.sender = sender;
			preferAngusStreamProvider();
		}

		/**
		 * Every MimeBodyPart and MimeMultipart Jakarta Mail creates looks its
		 * StreamProvider up, by default with a ServiceLoader scan of the class path (in
		 * the packaged server: of every nested jar), which cost more CPU than building and
		 * sending the message. Naming the provider in the system property Jakarta Mail
		 * reads first turns the lookup into a loaded class's instantiation. Left alone
		 * when set otherwise or when Angus Mail is not the implementation.
		 */
		static void preferAngusStreamProvider() {
			String property = "jakarta.mail.util.StreamProvider";
			String angus = "org.eclipse.angus.mail.util.MailStreamProvider";
			if (System.getProperty(property) == null && ClassUtils.isPresent(angus, Smtp.class.getClassLoader())) {
				System.setProperty(property, angus);
			}
		}

		private record Pooled(Transport transport, long lastUsed) {
		}

		@Override
		public void send(OutboundEmail email) {
			if (!(sender instanceof JavaMailSenderImpl impl)) {
				try {
					sender.send(build(email, false));
					return;
				}
				catch (MailException ex) {
					throw new EmailDeliveryException("SMTP failed: " + ex.getMessage(), false, ex);
				}
			}
			Transport transport;
			try {
				transport = borrow(impl);
			}
			catch (MessagingException ex) {
				throw new EmailDeliveryException("SMTP failed: " + ex.getMessage(), false, ex);
			}
			MimeMessage message;
			try {
				message = build(email, acceptsEightBit(transport));
			}
			catch (EmailDeliveryException ex) {
				idle.offer(new Pooled(transport, System.nanoTime()));
				throw ex;
			}
			try {
				transport.sendMessage(message, message.getAllRecipients());
				idle.offer(new Pooled(transport, System.nanoTime()));
			}
			catch (SendFailedException ex) {
				idle.offer(new Pooled(transport, System.nanoTime()));
				boolean permanent = ex.getInvalidAddresses() != null && ex.getInvalidAddresses().length > 0;
				throw new EmailDeliveryException("SMTP refused the message: " + ex.getMessage(), permanent, ex);
			}
			catch (MessagingException ex) {
				close(transport);
				throw new EmailDeliveryException("SMTP failed: " + ex.getMessage(), false, ex);
			}
		}

		private MimeMessage build(OutboundEmail email, boolean eightBit) {
			try {
				return mime(sender.createMimeMessage(), email, eightBit);
			}
			catch (MessagingException | UnsupportedEncodingException ex) {
				throw new EmailDeliveryException("the message could not be built: " + ex.getMessage(), true, ex);
			}
		}

		/**
		 * Whether the server takes 8-bit bodies (RFC 6152). Then the bodies go as they
		 * are instead of through Jakarta Mail's quoted-printable encoder, which works a
		 * byte at a time through three streams (a quarter of the sending threads' CPU in
		 * a profile; docs/benchmarks.md, issue 6).
		 */
		private static boolean acceptsEightBit(Transport transport) {
			return transport instanceof SMTPTransport smtp && smtp.supportsExtension("8BITMIME");
		}

		private Transport borrow(JavaMailSenderImpl impl) throws MessagingException {
			Pooled pooled;
			while ((pooled = idle.poll()) != null) {
				if (System.nanoTime() - pooled.lastUsed() < CHECK_AFTER_IDLE_NANOS
						|| pooled.transport().isConnected()) {
					return pooled.transport();
				}
				close(pooled.transport());
			}
			Transport transport = impl.getSession()
				.getTransport(impl.getProtocol() == null ? "smtp" : impl.getProtocol());
			transport.connect(impl.getHost(), impl.getPort(), impl.getUsername(), impl.getPassword());
			return transport;
		}

		private static void close(@Nullable Transport transport) {
			if (transport != null) {
				try {
					transport.close();
				}
				catch (MessagingException ex) {
					// already broken; a new connection replaces it
				}
			}
		}

	}

	/**
	 * The email as MIME: text and HTML alternatives, its extra headers (List-Unsubscribe
	 * …) and our Message-ID, which a retry repeats.
	 */
	static MimeMessage mime(MimeMessage message, OutboundEmail email)
			throws MessagingException, UnsupportedEncodingException {
		return mime(message, email, false);
	}

	/**
	 * @param eightBit whether the bodies may go as 8-bit text (the server said 8BITMIME);
	 * a body that may not ({@link #eightBitSafe}) is encoded all the same
	 */
	static MimeMessage mime(MimeMessage message, OutboundEmail email, boolean eightBit)
			throws MessagingException, UnsupportedEncodingException {
		message.setFrom(new InternetAddress(email.fromAddress(), email.fromName(), StandardCharsets.UTF_8.name()));
		message.setReplyTo(InternetAddress.parse(email.replyTo()));
		message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(email.to()));
		message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
		MimeMultipart alternative = new MimeMultipart("alternative");
		MimeBodyPart text = new MimeBodyPart();
		text.setText(email.text(), StandardCharsets.UTF_8.name());
		MimeBodyPart html = new MimeBodyPart();
		html.setContent(email.html(), "text/html; charset=UTF-8");
		if (eightBit && eightBitSafe(email.text()) && eightBitSafe(email.html())) {
			// set after the content, which clears it; saveChanges keeps a given encoding
			text.setHeader("Content-Transfer-Encoding", "8bit");
			html.setHeader("Content-Transfer-Encoding", "8bit");
		}
		alternative.addBodyPart(text);
		alternative.addBodyPart(html);
		message.setContent(alternative);
		for (Map.Entry<String, String> header : email.headers().entrySet()) {
			message.setHeader(header.getKey(), header.getValue());
		}
		message.setSentDate(new Date());
		message.saveChanges();
		// saveChanges made up a Message-ID; ours is the one a retry repeats
		message.setHeader("Message-ID", email.messageId());
		return message;
	}

	/**
	 * Whether the text may go as an 8-bit body (RFC 2045 §2.8): no NUL and no line over
	 * 998 octets in UTF-8. Line breaks of either kind are sent as CRLF by the transport.
	 */
	static boolean eightBitSafe(String body) {
		int lineOctets = 0;
		for (int i = 0; i < body.length(); i++) {
			char c = body.charAt(i);
			if (c == '\n' || c == '\r') {
				lineOctets = 0;
				continue;
			}
			if (c == 0) {
				return false;
			}
			// a surrogate is half of a four-octet character
			lineOctets += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
			if (lineOctets > 998) {
				return false;
			}
		}
		return true;
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

package com.fibonacco.campaign.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fibonacco.campaign.CampaignProperties;
import com.fibonacco.messaging.EmailBounced;
import com.fibonacco.messaging.EmailFeedback;
import com.fibonacco.messaging.EmailFeedback.BounceType;
import com.fibonacco.messaging.EmailFeedback.SentEmail;
import com.fibonacco.messaging.EmailFeedbackHandler;
import com.fibonacco.shared.Ids;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.ChannelEligibility;
import com.fibonacco.smb.SmbId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the email provider's reports do to a campaign send, inside the webhook's
 * transaction (the address of a hard bounce or complaint is already suppressed by then):
 * <ul>
 * <li>a delivery marks the send delivered;</li>
 * <li>a hard bounce ends it bounced; a soft bounce queues it again with backoff, up to
 * {@code fibonacco.campaign.soft-bounce.max-retries}, then ends it bounced; both publish
 * {@link EmailBounced};</li>
 * <li>a complaint ends it complained and marks the SMB do-not-contact;</li>
 * <li>an open or click is recorded as our tracking records one, unless our tracking
 * already recorded it (both pixels load, both redirects run, within
 * {@code provider-duplicate-window}).</li>
 * </ul>
 * Each report lands in {@code email_events} with the provider's id, unique per tenant.
 */
@Component
class SendFeedback implements EmailFeedbackHandler {

	private static final Logger log = LoggerFactory.getLogger(SendFeedback.class);

	private static final Pattern IPV4 = Pattern
		.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	private final JdbcClient jdbc;

	private final Tracking tracking;

	private final ChannelEligibility eligibility;

	private final CampaignProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SendFeedback(JdbcClient jdbc, Tracking tracking, ChannelEligibility eligibility, CampaignProperties properties,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.tracking = tracking;
		this.eligibility = eligibility;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	/** A send as the provider's reports need it; locked until the transaction ends. */
	record Send(Tracking.Send tracked, String status, int softBounceCount) {

		TenantId tenant() {
			return tracked.tenant();
		}

		UUID id() {
			return tracked.id();
		}

		SmbId smb() {
			return tracked.smb();
		}

	}

	@Override
	public void handle(EmailFeedback feedback) {
		Optional<Send> found = find(feedback.email());
		if (found.isEmpty()) {
			log.info("Provider report {} names no campaign send of tenant {}; ignored", feedback.providerEventId(),
					feedback.email().tenant());
			return;
		}
		Send send = found.get();
		switch (feedback) {
			case EmailFeedback.Delivered delivered -> delivered(send, delivered);
			case EmailFeedback.Bounced bounced -> bounced(send, bounced);
			case EmailFeedback.Complained complained -> complained(send, complained);
			case EmailFeedback.Opened opened -> opened(send, opened);
			case EmailFeedback.Clicked clicked -> clicked(send, clicked);
		}
	}

	private void delivered(Send send, EmailFeedback.Delivered delivered) {
		if (event(send, "delivered", null, delivered) == null) {
			return;
		}
		jdbc.sql("""
				UPDATE campaign_sends SET delivered_at = COALESCE(delivered_at, :at),
				  status = CASE WHEN status = 'sent' THEN 'delivered' ELSE status END, updated_at = :now
				 WHERE tenant_id = :tenant AND id = :id
				""")
			.param("at", Programs.utc(delivered.occurredAt()))
			.param("now", Programs.utc(clock.instant()))
			.param("tenant", send.tenant().value())
			.param("id", send.id())
			.update();
	}

	private void bounced(Send send, EmailFeedback.Bounced bounced) {
		UUID event = event(send, "bounce", bounced.type(), bounced);
		if (event == null) {
			return;
		}
		Instant now = clock.instant();
		if (bounced.type() == BounceType.PERMANENT) {
			end(send, bounced.occurredAt(), now);
		}
		else if ("sent".equals(send.status()) || "delivered".equals(send.status())) {
			int n = send.softBounceCount() + 1;
			CampaignProperties.SoftBounce policy = properties.softBounce();
			if (n <= policy.maxRetries()) {
				// the same Message-ID again; the sender claims it when it is due
				jdbc.sql("""
						UPDATE campaign_sends SET status = 'queued', soft_bounce_count = :n, scheduled_for = :next,
						  delivered_at = NULL, last_error = :error, updated_at = :now
						 WHERE tenant_id = :tenant AND id = :id
						""")
					.param("n", n)
					.param("next", Programs.utc(now.plus(policy.delay(n))))
					.param("error", "soft bounce " + n + "; retry " + n + " of " + policy.maxRetries())
					.param("now", Programs.utc(now))
					.param("tenant", send.tenant().value())
					.param("id", send.id())
					.update();
			}
			else {
				jdbc.sql("UPDATE campaign_sends SET soft_bounce_count = :n WHERE tenant_id = :tenant AND id = :id")
					.param("n", n)
					.param("tenant", send.tenant().value())
					.param("id", send.id())
					.update();
				end(send, bounced.occurredAt(), now);
			}
		}
		// otherwise the send is queued again already, or opened, or over: the bounce is
		// only recorded
		events.publishEvent(new EmailBounced(send.tenant(), event, send.id(), send.smb(), bounced.type().apiName(),
				bounced.occurredAt()));
	}

	/** The send ends bounced, unless it was complained about. */
	private void end(Send send, Instant at, Instant now) {
		jdbc.sql("""
				UPDATE campaign_sends SET status = CASE WHEN status = 'complained' THEN status ELSE 'bounced' END,
				  bounced_at = COALESCE(bounced_at, :at), updated_at = :now
				 WHERE tenant_id = :tenant AND id = :id
				""")
			.param("at", Programs.utc(at))
			.param("now", Programs.utc(now))
			.param("tenant", send.tenant().value())
			.param("id", send.id())
			.update();
	}

	private void complained(Send send, EmailFeedback.Complained complained) {
		if (event(send, "complaint", null, complained) == null) {
			return;
		}
		jdbc.sql("""
				UPDATE campaign_sends SET status = 'complained', complained_at = COALESCE(complained_at, :at),
				  updated_at = :now
				 WHERE tenant_id = :tenant AND id = :id
				""")
			.param("at", Programs.utc(complained.occurredAt()))
			.param("now", Programs.utc(clock.instant()))
			.param("tenant", send.tenant().value())
			.param("id", send.id())
			.update();
		eligibility.doNotContact(send.tenant(), send.smb());
	}

	private void opened(Send send, EmailFeedback.Opened opened) {
		if (recordedNear(send, "open", opened.occurredAt())) {
			return;
		}
		tracking.recordOpen(send.tracked(), MachineTraffic.agent(opened.userAgent()), opened.userAgent(),
				ip(opened.ipAddress()), opened.occurredAt(), opened.providerEventId(), opened.detail());
	}

	private void clicked(Send send, EmailFeedback.Clicked clicked) {
		if (recordedNear(send, "click", clicked.occurredAt())) {
			return;
		}
		boolean machine = MachineTraffic.click(clicked.userAgent(), send.tracked().sentAt(), clicked.occurredAt(),
				properties.machineClickWindow());
		tracking.recordClick(send.tracked(), truncate(clicked.link(), 2000), machine, clicked.userAgent(),
				ip(clicked.ipAddress()), clicked.occurredAt(), clicked.providerEventId(), clicked.detail());
	}

	/** Whether an event of the type was recorded for the send close to {@code at}. */
	private boolean recordedNear(Send send, String type, Instant at) {
		Duration window = properties.providerDuplicateWindow();
		return jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM email_events WHERE tenant_id = :tenant AND campaign_send_id = :send
				   AND event_type = :type AND event_at BETWEEN :from AND :to)
				""")
			.param("tenant", send.tenant().value())
			.param("send", send.id())
			.param("type", type)
			.param("from", Programs.utc(at.minus(window)))
			.param("to", Programs.utc(at.plus(window)))
			.query(Boolean.class)
			.single();
	}

	/** Records the report in {@code email_events}; null when it was recorded before. */
	private @Nullable UUID event(Send send, String type, @Nullable BounceType bounceType, EmailFeedback feedback) {
		UUID id = Ids.newId(clock);
		int inserted = jdbc.sql("""
				INSERT INTO email_events (tenant_id, id, campaign_send_id, event_type, event_at, bounce_type,
				  provider_event_id, raw_event)
				VALUES (:tenant, :id, :send, :type, :at, :bounceType, :providerEventId, CAST(:raw AS jsonb))
				ON CONFLICT DO NOTHING
				""")
			.param("tenant", send.tenant().value())
			.param("id", id)
			.param("send", send.id())
			.param("type", type)
			.param("at", Programs.utc(feedback.occurredAt()))
			.param("bounceType", bounceType == null ? null : bounceType.apiName())
			.param("providerEventId", feedback.providerEventId())
			.param("raw", feedback.detail())
			.update();
		return inserted == 1 ? id : null;
	}

	private Optional<Send> find(SentEmail email) {
		String by = email.campaignSendId() != null ? "s.id = :id" : "s.message_id = :messageId";
		return jdbc.sql("""
				SELECT s.id, s.smb_id, s.campaign_id, s.email, s.status, s.sent_at, s.unsubscribed_at,
				  s.soft_bounce_count, b.business_name
				  FROM campaign_sends s JOIN smbs b ON b.tenant_id = s.tenant_id AND b.id = s.smb_id
				 WHERE s.tenant_id = :tenant AND %s
				   FOR UPDATE OF s
				""".formatted(by))
			.param("tenant", email.tenant().value())
			.param("id", email.campaignSendId())
			.param("messageId", email.messageId())
			.query((rs, n) -> new Send(
					new Tracking.Send(email.tenant(), rs.getObject("id", UUID.class),
							new SmbId(rs.getObject("smb_id", UUID.class)), rs.getString("campaign_id"),
							rs.getString("email"), rs.getString("business_name"), Programs.instant(rs, "sent_at"),
							Programs.instant(rs, "unsubscribed_at")),
					rs.getString("status"), rs.getInt("soft_bounce_count")))
			.optional();
	}

	/** The address when it is one PostgreSQL's inet takes; providers' fields are free text. */
	static @Nullable String ip(@Nullable String address) {
		if (address == null) {
			return null;
		}
		String value = address.strip();
		if (IPV4.matcher(value).matches()) {
			return value;
		}
		if (value.contains(":") && IPV6.matcher(value).matches()) {
			try {
				// a literal with a colon is parsed, never looked up
				return java.net.InetAddress.getByName(value).getHostAddress();
			}
			catch (java.net.UnknownHostException | IllegalArgumentException ex) {
				return null;
			}
		}
		return null;
	}

	private static String truncate(String value, int length) {
		return value.length() > length ? value.substring(0, length) : value;
	}

}

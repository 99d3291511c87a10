package com.fibonacco.campaign.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.campaign.internal.TrackingTokens.Kind;
import com.fibonacco.campaign.internal.TrackingTokens.Token;
import com.fibonacco.messaging.EmailClicked;
import com.fibonacco.messaging.EmailOpened;
import com.fibonacco.messaging.EmailUnsubscribed;
import com.fibonacco.shared.Ids;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.Channel;
import com.fibonacco.smb.ChannelEligibility;
import com.fibonacco.smb.SmbId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the email provider's open and click reports and the unsubscribe link record:
 * opens and clicks land in {@code email_events} and on the send's counters and publish
 * EmailOpened/EmailClicked (machine traffic flagged, not counted); an unsubscribe turns
 * email opt-in off, suppresses the address and publishes EmailUnsubscribed, once.
 * Nothing is recorded for a token that doesn't verify. The open pixel and click
 * redirects record theirs in groups ({@link TrackingHits}).
 */
@Service
class Tracking {

	private final TrackingTokens tokens;

	private final JdbcClient jdbc;

	private final ChannelEligibility eligibility;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Tracking(TrackingTokens tokens, JdbcClient jdbc, ChannelEligibility eligibility,
			ApplicationEventPublisher events, Clock clock) {
		this.tokens = tokens;
		this.jdbc = jdbc;
		this.eligibility = eligibility;
		this.events = events;
		this.clock = clock;
	}

	record Send(TenantId tenant, UUID id, SmbId smb, String campaignId, String email, String businessName,
			@Nullable Instant sentAt, @Nullable Instant unsubscribedAt) {
	}

	/** The send a token of this kind names, when the token verifies. */
	Optional<Send> send(String token, Kind kind) {
		return tokens.verify(token, kind).flatMap(this::send);
	}

	/**
	 * Records an open of the send, here or reported by the email provider: an
	 * {@code email_events} row, the send's counters (a machine open counts apart) and
	 * EmailOpened.
	 * @param providerEventId the provider's id of the report, unique per tenant
	 * @param raw the provider's report (JSON)
	 */
	void recordOpen(Send send, boolean machine, @Nullable String userAgent, @Nullable String ip, Instant at,
			@Nullable String providerEventId, @Nullable String raw) {
		UUID event = event(send, "open", null, machine, userAgent, ip, at, providerEventId, raw);
		jdbc.sql(machine
				? "UPDATE campaign_sends SET machine_open_count = machine_open_count + 1, updated_at = :now"
						+ " WHERE tenant_id = :tenant AND id = :id"
				: """
						UPDATE campaign_sends SET open_count = open_count + 1, opened_at = COALESCE(opened_at, :now),
						  status = CASE WHEN status IN ('sent', 'delivered') THEN 'opened' ELSE status END,
						  updated_at = :now
						 WHERE tenant_id = :tenant AND id = :id
						""")
			.param("now", Programs.utc(at))
			.param("tenant", send.tenant().value())
			.param("id", send.id())
			.update();
		events.publishEvent(new EmailOpened(send.tenant(), event, send.id(), send.smb(), send.campaignId(), machine, at));
	}

	/**
	 * Records a click of a link in the send, here or reported by the email provider: an
	 * {@code email_events} row, the send's counters (a machine click counts apart) and
	 * EmailClicked.
	 */
	void recordClick(Send send, String link, boolean machine, @Nullable String userAgent, @Nullable String ip,
			Instant at, @Nullable String providerEventId, @Nullable String raw) {
		UUID event = event(send, "click", link, machine, userAgent, ip, at, providerEventId, raw);
		jdbc.sql(machine
				? "UPDATE campaign_sends SET machine_click_count = machine_click_count + 1, updated_at = :now"
						+ " WHERE tenant_id = :tenant AND id = :id"
				: """
						UPDATE campaign_sends SET click_count = click_count + 1, clicked_at = COALESCE(clicked_at, :now),
						  opened_at = COALESCE(opened_at, :now),
						  status = CASE WHEN status IN ('sent', 'delivered', 'opened') THEN 'clicked' ELSE status END,
						  updated_at = :now
						 WHERE tenant_id = :tenant AND id = :id
						""")
			.param("now", Programs.utc(at))
			.param("tenant", send.tenant().value())
			.param("id", send.id())
			.update();
		events.publishEvent(
				new EmailClicked(send.tenant(), event, send.id(), send.smb(), send.campaignId(), link, machine, at));
	}

	/**
	 * Unsubscribes the send's SMB from campaign email; a second time changes nothing.
	 * @return the send, empty for a bad token
	 */
	@Transactional
	Optional<Send> unsubscribe(String token, @Nullable String userAgent, @Nullable String ip) {
		Optional<Send> found = send(token, Kind.UNSUBSCRIBE);
		found.ifPresent(send -> {
			Instant now = clock.instant();
			int first = jdbc.sql("""
					UPDATE campaign_sends SET unsubscribed_at = :now, updated_at = :now
					 WHERE tenant_id = :tenant AND id = :id AND unsubscribed_at IS NULL
					""")
				.param("now", Programs.utc(now))
				.param("tenant", send.tenant().value())
				.param("id", send.id())
				.update();
			if (first == 0) {
				return;
			}
			eligibility.optOut(send.tenant(), send.smb(), Channel.EMAIL);
			if (!send.email().isBlank()) {
				eligibility.suppress(send.tenant(), Channel.EMAIL, send.email(), "unsubscribe");
			}
			UUID event = event(send, "unsubscribe", null, false, userAgent, ip, now, null, null);
			events.publishEvent(new EmailUnsubscribed(send.tenant(), event, send.smb(), send.id(), now));
		});
		return found;
	}

	private Optional<Send> send(Token token) {
		return jdbc
			.sql("""
					SELECT s.tenant_id, s.id, s.smb_id, s.campaign_id, s.email, s.sent_at, s.unsubscribed_at, b.business_name
					  FROM campaign_sends s JOIN smbs b ON b.tenant_id = s.tenant_id AND b.id = s.smb_id
					 WHERE s.tenant_id = :tenant AND s.id = :id
					""")
			.param("tenant", token.tenant().value())
			.param("id", token.sendId())
			.query((rs, n) -> new Send(token.tenant(), token.sendId(), new SmbId(rs.getObject("smb_id", UUID.class)),
					rs.getString("campaign_id"), rs.getString("email"), rs.getString("business_name"),
					Programs.instant(rs, "sent_at"), Programs.instant(rs, "unsubscribed_at")))
			.optional();
	}

	private UUID event(Send send, String type, @Nullable String link, boolean machine, @Nullable String userAgent,
			@Nullable String ip, Instant at, @Nullable String providerEventId, @Nullable String raw) {
		UUID id = Ids.newId(clock);
		jdbc.sql(
				"""
						INSERT INTO email_events (tenant_id, id, campaign_send_id, event_type, event_at, link_clicked, ip_address,
						  user_agent, machine_generated, provider_event_id, raw_event)
						VALUES (:tenant, :id, :send, :type, :now, :link, CAST(:ip AS inet), :ua, :machine, :providerEventId,
						  CAST(COALESCE(:raw, '{}') AS jsonb))
						""")
			.param("tenant", send.tenant().value())
			.param("id", id)
			.param("send", send.id())
			.param("type", type)
			.param("now", Programs.utc(at))
			.param("link", link)
			.param("ip", ip)
			.param("ua", userAgent == null ? null : userAgent.length() > 500 ? userAgent.substring(0, 500) : userAgent)
			.param("machine", machine)
			.param("providerEventId", providerEventId)
			.param("raw", raw)
			.update();
		return id;
	}

}

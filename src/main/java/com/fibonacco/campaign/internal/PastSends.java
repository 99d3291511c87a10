package com.fibonacco.campaign.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import com.fibonacco.campaign.Campaign;
import com.fibonacco.campaign.CampaignCatalog;
import com.fibonacco.campaign.CampaignHistory;
import com.fibonacco.campaign.CampaignSendCompleted;
import com.fibonacco.campaign.CampaignSendId;
import com.fibonacco.campaign.internal.Programs.Recipient;
import com.fibonacco.messaging.EmailClicked;
import com.fibonacco.messaging.EmailOpened;
import com.fibonacco.shared.Ids;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records past sends with the rows and events the sender ({@link CampaignSender}) and the
 * tracking endpoints ({@link Tracking}) would have left, each dated when it happened.
 */
@Service
class PastSends implements CampaignHistory {

	private final JdbcClient jdbc;

	private final Programs programs;

	private final CampaignCatalog catalog;

	private final SendQueue queue;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	PastSends(JdbcClient jdbc, Programs programs, CampaignCatalog catalog, SendQueue queue,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.programs = programs;
		this.catalog = catalog;
		this.queue = queue;
		this.events = events;
		this.clock = clock;
	}

	@Override
	@Transactional
	public List<RecordedSend> recordPastSends(TenantId tenant, SmbId smb, List<PastSend> sends) {
		Recipient recipient = programs.recipient(tenant, smb)
			.filter(found -> !found.deleted())
			.orElseThrow(() -> new IllegalArgumentException("no SMB " + smb + " in tenant " + tenant));
		String email = recipient.email();
		if (email == null || email.isBlank()) {
			throw new IllegalArgumentException("SMB " + smb + " has no email address to have been sent campaigns");
		}
		Instant now = clock.instant();
		Map<String, Campaign> campaigns = new HashMap<>();
		List<RecordedSend> recorded = new ArrayList<>();
		for (PastSend send : sends.stream().sorted(Comparator.comparing(PastSend::sentAt)).toList()) {
			Instant last = Stream
				.concat(Stream.of(send.sentAt()),
						Stream.concat(send.opens().stream(), send.clicks().stream().map(PastClick::at)))
				.max(Comparator.naturalOrder())
				.orElseThrow();
			if (last.isAfter(now)) {
				throw new IllegalArgumentException("a past send of " + send.campaignId() + " dated after now");
			}
			Campaign campaign = campaigns.computeIfAbsent(send.campaignId(), id -> catalog.find(tenant, id)
				.orElseThrow(() -> new IllegalArgumentException("no campaign " + id + " in tenant " + tenant)));
			record(tenant, smb, email.toLowerCase(Locale.ROOT), campaign, send, last)
				.ifPresent(recorded::add);
		}
		return List.copyOf(recorded);
	}

	private Optional<RecordedSend> record(TenantId tenant, SmbId smb, String email, Campaign campaign,
			PastSend send, Instant last) {
		// ids as if made when the email went out, so they sort with the sends made later
		UUID id = Ids.newId(Clock.fixed(send.sentAt(), ZoneOffset.UTC));
		String messageId = queue.messageId(id);
		@Nullable Instant firstClick = send.clicks().stream().map(PastClick::at).min(Comparator.naturalOrder())
			.orElse(null);
		@Nullable Instant firstOpen = Stream.concat(send.opens().stream(), Stream.ofNullable(firstClick))
			.min(Comparator.naturalOrder())
			.orElse(null);
		String status = firstClick != null ? "clicked" : firstOpen != null ? "opened" : "sent";
		int inserted = jdbc.sql("""
				INSERT INTO campaign_sends (tenant_id, id, smb_id, campaign_id, email, subject, scheduled_for, sent_at,
				  message_id, status, program_day, attempts, opened_at, clicked_at, open_count, click_count,
				  created_at, updated_at)
				VALUES (:tenant, :id, :smb, :campaign, :email, :subject, :sentAt, :sentAt, :messageId, :status, :day, 1,
				  :openedAt, :clickedAt, :opens, :clicks, :sentAt, :last)
				ON CONFLICT (tenant_id, smb_id, campaign_id) DO NOTHING
				""")
			.param("tenant", tenant.value())
			.param("id", id)
			.param("smb", smb.value())
			.param("campaign", campaign.id())
			.param("email", email)
			.param("subject", campaign.subject())
			.param("sentAt", Programs.utc(send.sentAt()))
			.param("messageId", messageId)
			.param("status", status)
			.param("day", campaign.day())
			.param("openedAt", Programs.utc(firstOpen))
			.param("clickedAt", Programs.utc(firstClick))
			.param("opens", send.opens().size())
			.param("clicks", send.clicks().size())
			.param("last", Programs.utc(last))
			.update();
		if (inserted == 0) {
			return Optional.empty();
		}
		event(tenant, id, "sent", send.sentAt(), null, "sent:" + messageId);
		events.publishEvent(new CampaignSendCompleted(tenant, new CampaignSendId(id), smb, campaign.id(), "sent",
				send.sentAt()));
		List<EmailOpened> opened = new ArrayList<>();
		for (Instant at : send.opens()) {
			EmailOpened open = new EmailOpened(tenant, event(tenant, id, "open", at, null, null), id, smb,
					campaign.id(), false, at);
			events.publishEvent(open);
			opened.add(open);
		}
		List<EmailClicked> clicked = new ArrayList<>();
		for (PastClick click : send.clicks()) {
			EmailClicked event = new EmailClicked(tenant, event(tenant, id, "click", click.at(), click.url(), null),
					id, smb, campaign.id(), click.url(), false, click.at());
			events.publishEvent(event);
			clicked.add(event);
		}
		return Optional.of(new RecordedSend(new CampaignSendId(id), campaign.id(), opened, clicked));
	}

	private UUID event(TenantId tenant, UUID send, String type, Instant at, @Nullable String link,
			@Nullable String providerEventId) {
		UUID id = Ids.newId(Clock.fixed(at, ZoneOffset.UTC));
		jdbc.sql("""
				INSERT INTO email_events (tenant_id, id, campaign_send_id, event_type, event_at, link_clicked,
				  provider_event_id, created_at)
				VALUES (:tenant, :id, :send, :type, :at, :link, :providerEventId, :at)
				""")
			.param("tenant", tenant.value())
			.param("id", id)
			.param("send", send)
			.param("type", type)
			.param("at", Programs.utc(at))
			.param("link", link)
			.param("providerEventId", providerEventId)
			.update();
		return id;
	}

}

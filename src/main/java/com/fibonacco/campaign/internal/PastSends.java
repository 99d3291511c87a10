package com.fibonacco.campaign.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

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
 * tracking endpoints ({@link Tracking}) would have left, each dated when it happened. An
 * SMB's history is written with one statement per table (a demo load records thousands of
 * sends).
 */
@Service
class PastSends implements CampaignHistory {

	private final JdbcClient jdbc;

	private final Programs programs;

	private final SendQueue queue;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	PastSends(JdbcClient jdbc, Programs programs, SendQueue queue, JsonMapper json, ApplicationEventPublisher events,
			Clock clock) {
		this.jdbc = jdbc;
		this.programs = programs;
		this.queue = queue;
		this.json = json;
		this.events = events;
		this.clock = clock;
	}

	private record CatalogEntry(String id, int day, String subject) {
	}

	/** A send about to be written: its row's values and its events. */
	private record Row(UUID id, PastSend send, CatalogEntry campaign, String status, @Nullable Instant openedAt,
			@Nullable Instant clickedAt, Instant last) {
	}

	private record Event(UUID id, UUID sendId, String type, Instant at, @Nullable String link,
			@Nullable String providerEventId) {
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
		if (sends.isEmpty()) {
			return List.of();
		}
		Map<String, CatalogEntry> campaigns = campaigns(tenant,
				sends.stream().map(PastSend::campaignId).distinct().toList());
		Instant now = clock.instant();
		Map<String, Row> rows = new LinkedHashMap<>();
		for (PastSend send : sends.stream().sorted(Comparator.comparing(PastSend::sentAt)).toList()) {
			CatalogEntry campaign = campaigns.get(send.campaignId());
			if (campaign == null) {
				throw new IllegalArgumentException("no campaign " + send.campaignId() + " in tenant " + tenant);
			}
			Instant last = Stream
				.concat(Stream.of(send.sentAt()),
						Stream.concat(send.opens().stream(), send.clicks().stream().map(PastClick::at)))
				.max(Comparator.naturalOrder())
				.orElseThrow();
			if (last.isAfter(now)) {
				throw new IllegalArgumentException("a past send of " + send.campaignId() + " dated after now");
			}
			@Nullable Instant firstClick = send.clicks().stream().map(PastClick::at).min(Comparator.naturalOrder()).orElse(null);
			// a click opens the email too (an image-blocking client sends no open)
			@Nullable Instant firstOpen = Stream.concat(send.opens().stream(), Stream.ofNullable(firstClick))
				.min(Comparator.naturalOrder())
				.orElse(null);
			String status = firstClick != null ? "clicked" : firstOpen != null ? "opened" : "sent";
			// ids as if made when the email went out, so they sort with sends made later
			rows.putIfAbsent(send.campaignId(), new Row(Ids.newId(Clock.fixed(send.sentAt(), ZoneOffset.UTC)), send,
					campaign, status, firstOpen, firstClick, last));
		}
		Set<UUID> inserted = insertSends(tenant, smb, email.toLowerCase(Locale.ROOT), rows.values());

		List<Event> emailEvents = new ArrayList<>();
		List<RecordedSend> recorded = new ArrayList<>();
		List<Object> published = new ArrayList<>();
		for (Row row : rows.values()) {
			if (!inserted.contains(row.id())) {
				continue;
			}
			PastSend send = row.send();
			String campaignId = row.campaign().id();
			emailEvents.add(new Event(eventId(send.sentAt()), row.id(), "sent", send.sentAt(), null,
					"sent:" + queue.messageId(row.id())));
			published.add(new CampaignSendCompleted(tenant, new CampaignSendId(row.id()), smb, campaignId, "sent",
					send.sentAt()));
			List<EmailOpened> opens = new ArrayList<>();
			for (Instant at : send.opens()) {
				Event event = new Event(eventId(at), row.id(), "open", at, null, null);
				emailEvents.add(event);
				opens.add(new EmailOpened(tenant, event.id(), row.id(), smb, campaignId, false, at));
			}
			List<EmailClicked> clicks = new ArrayList<>();
			for (PastClick click : send.clicks()) {
				Event event = new Event(eventId(click.at()), row.id(), "click", click.at(), click.url(), null);
				emailEvents.add(event);
				clicks.add(new EmailClicked(tenant, event.id(), row.id(), smb, campaignId, click.url(), false,
						click.at()));
			}
			published.addAll(opens);
			published.addAll(clicks);
			recorded.add(new RecordedSend(new CampaignSendId(row.id()), campaignId, opens, clicks));
		}
		insertEvents(tenant, emailEvents);
		published.forEach(events::publishEvent);
		return List.copyOf(recorded);
	}

	private Map<String, CatalogEntry> campaigns(TenantId tenant, List<String> ids) {
		Map<String, CatalogEntry> found = new HashMap<>();
		jdbc.sql("SELECT id, day, subject FROM campaigns WHERE tenant_id = :tenant AND id IN (:ids)")
			.param("tenant", tenant.value())
			.param("ids", ids)
			.query((rs, n) -> new CatalogEntry(rs.getString("id"), rs.getInt("day"), rs.getString("subject")))
			.list()
			.forEach(entry -> found.put(entry.id(), entry));
		return found;
	}

	/**
	 * Inserts the sends the SMB has no send of the campaign of yet; answers their ids.
	 */
	private Set<UUID> insertSends(TenantId tenant, SmbId smb, String email, Iterable<Row> rows) {
		List<Map<String, @Nullable Object>> values = new ArrayList<>();
		for (Row row : rows) {
			Map<String, @Nullable Object> value = new HashMap<>();
			value.put("id", row.id());
			value.put("campaign_id", row.campaign().id());
			value.put("subject", row.campaign().subject());
			value.put("sent_at", row.send().sentAt().toString());
			value.put("message_id", queue.messageId(row.id()));
			value.put("status", row.status());
			value.put("program_day", row.campaign().day());
			value.put("opened_at", row.openedAt() == null ? null : row.openedAt().toString());
			value.put("clicked_at", row.clickedAt() == null ? null : row.clickedAt().toString());
			value.put("open_count", row.send().opens().size());
			value.put("click_count", row.send().clicks().size());
			value.put("updated_at", row.last().toString());
			values.add(value);
		}
		return new HashSet<>(jdbc.sql("""
				INSERT INTO campaign_sends (tenant_id, id, smb_id, campaign_id, email, subject, scheduled_for, sent_at,
				  message_id, status, program_day, attempts, opened_at, clicked_at, open_count, click_count,
				  created_at, updated_at)
				SELECT :tenant, r.id, :smb, r.campaign_id, :email, r.subject, r.sent_at, r.sent_at, r.message_id,
				       r.status, r.program_day, 1, r.opened_at, r.clicked_at, r.open_count, r.click_count,
				       r.sent_at, r.updated_at
				  FROM jsonb_to_recordset(CAST(:rows AS jsonb))
				    AS r(id uuid, campaign_id text, subject text, sent_at timestamptz, message_id text, status text,
				         program_day int, opened_at timestamptz, clicked_at timestamptz, open_count int,
				         click_count int, updated_at timestamptz)
				ON CONFLICT (tenant_id, smb_id, campaign_id, kind) DO NOTHING
				RETURNING id
				""")
			.param("tenant", tenant.value())
			.param("smb", smb.value())
			.param("email", email)
			.param("rows", json.writeValueAsString(values))
			.query(UUID.class)
			.list());
	}

	private void insertEvents(TenantId tenant, List<Event> emailEvents) {
		if (emailEvents.isEmpty()) {
			return;
		}
		List<Map<String, @Nullable Object>> values = new ArrayList<>();
		for (Event event : emailEvents) {
			Map<String, @Nullable Object> value = new HashMap<>();
			value.put("id", event.id());
			value.put("campaign_send_id", event.sendId());
			value.put("event_type", event.type());
			value.put("event_at", event.at().toString());
			value.put("link_clicked", event.link());
			value.put("provider_event_id", event.providerEventId());
			values.add(value);
		}
		jdbc.sql("""
				INSERT INTO email_events (tenant_id, id, campaign_send_id, event_type, event_at, link_clicked,
				  provider_event_id, created_at)
				SELECT :tenant, r.id, r.campaign_send_id, r.event_type, r.event_at, r.link_clicked, r.provider_event_id,
				       r.event_at
				  FROM jsonb_to_recordset(CAST(:rows AS jsonb))
				    AS r(id uuid, campaign_send_id uuid, event_type text, event_at timestamptz, link_clicked text,
				         provider_event_id text)
				""").param("tenant", tenant.value()).param("rows", json.writeValueAsString(values)).update();
	}

	private static UUID eventId(Instant at) {
		return Ids.newId(Clock.fixed(at, ZoneOffset.UTC));
	}

}

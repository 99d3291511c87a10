package com.fibonacco.campaign.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.campaign.Campaign;
import com.fibonacco.campaign.CampaignCatalog;
import com.fibonacco.campaign.CampaignProperties;
import com.fibonacco.campaign.CampaignSendId;
import com.fibonacco.campaign.CampaignSendQueued;
import com.fibonacco.campaign.internal.Programs.Recipient;
import com.fibonacco.engagement.EngagementProperties;
import com.fibonacco.engagement.TierPolicy;
import com.fibonacco.messaging.EmailProperties;
import com.fibonacco.shared.Ids;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.Channel;
import com.fibonacco.smb.ChannelEligibility;
import com.fibonacco.smb.SmbId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Queues the campaign of a program day for the community's local send time, where the
 * SMB's channel eligibility and its tier's frequency allow; otherwise records the send as
 * skipped with the reason. The unique (tenant, SMB, campaign) key makes a second send of
 * a campaign impossible, so queueing a day again changes nothing.
 */
@Component
class SendQueue {

	private final JdbcClient jdbc;

	private final CampaignCatalog catalog;

	private final ChannelEligibility eligibility;

	private final EngagementProperties engagement;

	private final CampaignProperties properties;

	private final EmailProperties email;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SendQueue(JdbcClient jdbc, CampaignCatalog catalog, ChannelEligibility eligibility, EngagementProperties engagement,
			CampaignProperties properties, EmailProperties email, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.catalog = catalog;
		this.eligibility = eligibility;
		this.engagement = engagement;
		this.properties = properties;
		this.email = email;
		this.events = events;
		this.clock = clock;
	}

	/** The stable RFC 5322 Message-ID of a send: a retried send carries the same one. */
	String messageId(UUID sendId) {
		String from = email.fromEmail();
		return "<" + sendId + "@" + from.substring(from.indexOf('@') + 1) + ">";
	}

	/**
	 * What queueing needs to know about the SMBs of many programs of a tenant, read in a
	 * few queries for the day scheduler's batches: the catalog's campaign of each day,
	 * which SMBs may be emailed, and the last program day each was emailed. Only for the
	 * transaction that read it.
	 */
	final class Lookups {

		private final TenantId tenant;

		private final Map<Integer, Optional<Campaign>> campaigns = new HashMap<>();

		private final Set<SmbId> contactable;

		private final Map<SmbId, Integer> lastDay = new HashMap<>();

		/** SMBs whose last day is no longer known here (a send that was already there). */
		private final Set<SmbId> unknown = new HashSet<>();

		private Lookups(TenantId tenant, Collection<SmbId> smbs) {
			this.tenant = tenant;
			this.contactable = eligibility.contactable(tenant, smbs, Channel.EMAIL);
			if (!smbs.isEmpty()) {
				jdbc.sql("""
						SELECT smb_id, max(program_day) FROM campaign_sends
						 WHERE tenant_id = :tenant AND smb_id = ANY (CAST(:smbs AS uuid[]))
						   AND status NOT IN ('skipped', 'cancelled', 'suppressed', 'failed')
						 GROUP BY smb_id
						""")
					.param("tenant", tenant.value())
					.param("smbs", smbs.stream().map(smb -> smb.value().toString()).toArray(String[]::new))
					.query((rs, n) -> {
						lastDay.put(new SmbId(rs.getObject(1, UUID.class)), rs.getObject(2, Integer.class));
						return null;
					})
					.list();
			}
		}

		Optional<Campaign> campaign(int day) {
			return campaigns.computeIfAbsent(day, d -> catalog.getCampaignForDay(tenant, d));
		}

	}

	/** The lookups of a batch of programs of the tenant. */
	Lookups lookups(TenantId tenant, Collection<SmbId> smbs) {
		return new Lookups(tenant, smbs);
	}

	/** Queues (or skips) the campaign of {@code day}; nothing when the day has none. */
	void queueDay(Program program, Recipient recipient, int day, LocalDate date, Instant now) {
		Send send = decide(program, recipient, day, date, now, null);
		if (send != null) {
			queueAll(List.of(send), now);
		}
	}

	/**
	 * One send of a program day, decided but not yet written: queued, or skipped with its
	 * reason.
	 */
	record Send(TenantId tenant, SmbId smb, String campaignId, UUID id, String email, String subject,
			Instant scheduledFor, @Nullable String skip, int day, @Nullable Lookups lookups) {
	}

	/**
	 * Decides the send of the campaign of {@code day}: its time and subject, and whether
	 * the SMB's channel eligibility and tier frequency let it be queued or it is skipped;
	 * with what {@code lookups} already read when given. {@code null} when the day has no
	 * campaign. Nothing is written: {@link #queueAll} does.
	 */
	@Nullable Send decide(Program program, Recipient recipient, int day, LocalDate date, Instant now,
			@Nullable Lookups lookups) {
		Campaign campaign = (lookups != null ? lookups.campaign(day)
				: catalog.getCampaignForDay(program.tenant(), day))
			.orElse(null);
		if (campaign == null) {
			return null;
		}
		LocalTime sendTime = recipient.sendTime() != null ? recipient.sendTime() : properties.sendTimeLocal();
		Instant at = date.atTime(sendTime).atZone(recipient.zone()).toInstant();
		Instant scheduledFor = at.isBefore(now) ? now : at;
		String skip = null;
		if (recipient.email() == null) {
			skip = "no_email";
		}
		else if (lookups != null ? !lookups.contactable.contains(recipient.smb())
				: !eligibility.canContact(program.tenant(), recipient.smb(), Channel.EMAIL)) {
			skip = "not_eligible";
		}
		else if (tooSoon(program, recipient, day, lookups)) {
			skip = "tier_frequency";
		}
		UUID id = Ids.newId(clock);
		String subject = Templates.merge(campaign.subject(),
				Map.of("business_name", recipient.businessName(), "contact_name",
						recipient.contactName() == null ? "" : recipient.contactName(), "contact_first_name",
						recipient.contactFirstName(), "community_name", recipient.communityName(), "sender_name",
						email.fromName()),
				false);
		return new Send(program.tenant(), recipient.smb(), campaign.id(), id,
				recipient.email() == null ? "" : recipient.email(), subject, scheduledFor, skip, day, lookups);
	}

	/**
	 * Writes decided sends in one statement. A send whose (tenant, SMB, campaign, kind) is
	 * already there is not written (the unique key keeps queueing idempotent); each queued
	 * one that was written publishes {@link CampaignSendQueued}, in the order given. The
	 * sends must be of different SMBs, or of days whose decisions did not depend on each
	 * other: the tier-frequency check of a day looks at the sends written before it.
	 */
	void queueAll(List<Send> sends, Instant now) {
		if (sends.isEmpty()) {
			return;
		}
		int n = sends.size();
		String[][] columns = new String[11][n];
		for (int i = 0; i < n; i++) {
			Send send = sends.get(i);
			columns[0][i] = send.tenant().value().toString();
			columns[1][i] = send.id().toString();
			columns[2][i] = send.smb().value().toString();
			columns[3][i] = send.campaignId();
			columns[4][i] = send.email();
			columns[5][i] = send.subject();
			columns[6][i] = send.scheduledFor().toString();
			columns[7][i] = messageId(send.id());
			columns[8][i] = send.skip() == null ? "queued" : "skipped";
			columns[9][i] = send.skip();
			columns[10][i] = Integer.toString(send.day());
		}
		Map<String, Object> params = new HashMap<>();
		for (int i = 0; i < columns.length; i++) {
			params.put("c" + i, columns[i]);
		}
		Set<UUID> inserted = new HashSet<>(jdbc.sql("""
				INSERT INTO campaign_sends (tenant_id, id, smb_id, campaign_id, email, subject, scheduled_for, message_id,
				  status, skip_reason, program_day, created_at, updated_at)
				SELECT u.tenant_id, u.id, u.smb_id, u.campaign_id, u.email, u.subject, u.scheduled_for, u.message_id,
				       u.status, u.skip_reason, u.program_day, :now, :now
				  FROM unnest(CAST(:c0 AS uuid[]), CAST(:c1 AS uuid[]), CAST(:c2 AS uuid[]), CAST(:c3 AS text[]),
				              CAST(:c4 AS text[]), CAST(:c5 AS text[]), CAST(:c6 AS timestamptz[]), CAST(:c7 AS text[]),
				              CAST(:c8 AS text[]), CAST(:c9 AS text[]), CAST(:c10 AS int[]))
				    AS u(tenant_id, id, smb_id, campaign_id, email, subject, scheduled_for, message_id, status,
				         skip_reason, program_day)
				ON CONFLICT (tenant_id, smb_id, campaign_id, kind) DO NOTHING
				RETURNING id
				""").param("now", Programs.utc(now)).params(params).query((rs, row) -> rs.getObject(1, UUID.class)).list());
		for (Send send : sends) {
			boolean written = inserted.contains(send.id());
			Lookups lookups = send.lookups();
			if (lookups != null) {
				if (!written) {
					lookups.unknown.add(send.smb());
				}
				else if (send.skip() == null) {
					lookups.lastDay.merge(send.smb(), send.day(), Math::max);
				}
			}
			if (written && send.skip() == null) {
				events.publishEvent(new CampaignSendQueued(send.tenant(), new CampaignSendId(send.id()), send.smb(),
						send.campaignId(), send.scheduledFor()));
			}
		}
	}

	/**
	 * Whether the SMB's tier wants more program days between two emails than have passed.
	 */
	private boolean tooSoon(Program program, Recipient recipient, int day, @Nullable Lookups lookups) {
		int gap = switch (TierPolicy.of(engagement, Math.clamp(recipient.tier(), 1, 4)).emailFrequency()) {
			case "daily" -> 1;
			case "every_other_day" -> 2;
			case "weekly" -> 7;
			case "bi_weekly" -> 14;
			default -> 1;
		};
		if (gap <= 1) {
			// an earlier program day is always at least one day before
			return false;
		}
		if (lookups != null && !lookups.unknown.contains(recipient.smb())) {
			Integer last = lookups.lastDay.get(recipient.smb());
			if (last == null || last < day) {
				return last != null && day - last < gap;
			}
			// a send of this day or a later one is there: the query below looks before it
		}
		Integer last = jdbc.sql("""
				SELECT max(program_day) FROM campaign_sends
				 WHERE tenant_id = :tenant AND smb_id = :smb AND program_day < :day
				   AND status NOT IN ('skipped', 'cancelled', 'suppressed', 'failed')
				""")
			.param("tenant", program.tenant().value())
			.param("smb", recipient.smb().value())
			.param("day", day)
			.query(Integer.class)
			.optional()
			.orElse(null);
		return last != null && day - last < gap;
	}

}

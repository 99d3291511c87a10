package com.fibonacco.campaign.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import java.util.UUID;

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
import com.fibonacco.smb.Channel;
import com.fibonacco.smb.ChannelEligibility;

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

	/** Queues (or skips) the campaign of {@code day}; nothing when the day has none. */
	void queueDay(Program program, Recipient recipient, int day, LocalDate date, Instant now) {
		Campaign campaign = catalog.getCampaignForDay(program.tenant(), day).orElse(null);
		if (campaign == null) {
			return;
		}
		LocalTime sendTime = recipient.sendTime() != null ? recipient.sendTime() : properties.sendTimeLocal();
		Instant at = date.atTime(sendTime).atZone(recipient.zone()).toInstant();
		Instant scheduledFor = at.isBefore(now) ? now : at;
		String skip = null;
		if (recipient.email() == null) {
			skip = "no_email";
		}
		else if (!eligibility.canContact(program.tenant(), recipient.smb(), Channel.EMAIL)) {
			skip = "not_eligible";
		}
		else if (tooSoon(program, recipient, day)) {
			skip = "tier_frequency";
		}
		UUID id = Ids.newId(clock);
		String subject = Templates.merge(campaign.subject(),
				Map.of("business_name", recipient.businessName(), "contact_name",
						recipient.contactName() == null ? "" : recipient.contactName(), "contact_first_name",
						recipient.contactFirstName(), "community_name", recipient.communityName(), "sender_name",
						email.fromName()),
				false);
		int inserted = jdbc
			.sql("""
					INSERT INTO campaign_sends (tenant_id, id, smb_id, campaign_id, email, subject, scheduled_for, message_id,
					  status, skip_reason, program_day, created_at, updated_at)
					VALUES (:tenant, :id, :smb, :campaign, :email, :subject, :scheduledFor, :messageId, :status, :skip, :day,
					  :now, :now)
					ON CONFLICT (tenant_id, smb_id, campaign_id, kind) DO NOTHING
					""")
			.param("tenant", program.tenant().value())
			.param("id", id)
			.param("smb", recipient.smb().value())
			.param("campaign", campaign.id())
			.param("email", recipient.email() == null ? "" : recipient.email())
			.param("subject", subject)
			.param("scheduledFor", Programs.utc(scheduledFor))
			.param("messageId", messageId(id))
			.param("status", skip == null ? "queued" : "skipped")
			.param("skip", skip)
			.param("day", day)
			.param("now", Programs.utc(now))
			.update();
		if (inserted == 1 && skip == null) {
			events.publishEvent(new CampaignSendQueued(program.tenant(), new CampaignSendId(id), recipient.smb(),
					campaign.id(), scheduledFor));
		}
	}

	/**
	 * Whether the SMB's tier wants more program days between two emails than have passed.
	 */
	private boolean tooSoon(Program program, Recipient recipient, int day) {
		int gap = switch (TierPolicy.of(engagement, Math.clamp(recipient.tier(), 1, 4)).emailFrequency()) {
			case "daily" -> 1;
			case "every_other_day" -> 2;
			case "weekly" -> 7;
			case "bi_weekly" -> 14;
			default -> 1;
		};
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

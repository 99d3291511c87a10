package com.fibonacco.campaign.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.campaign.CampaignSendId;
import com.fibonacco.campaign.CampaignSendQueued;
import com.fibonacco.campaign.RvmProperties;
import com.fibonacco.campaign.internal.Programs.Recipient;
import com.fibonacco.messaging.CallbackId;
import com.fibonacco.messaging.VoicemailFeedbackHandler;
import com.fibonacco.shared.Ids;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.Channel;
import com.fibonacco.smb.ChannelEligibility;
import com.fibonacco.smb.SmbId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the voicemail provider and callers report about a drop, inside the webhook's
 * transaction. A delivery is recorded once (a replay finds the drop delivered already)
 * and queues the campaign's follow-up email ({@code kind = 'rvm_followup'}) for
 * {@code followup-email-delay-minutes} later; the unique (SMB, campaign, kind) key allows
 * that one and no second.
 */
@Component
class DropFeedback implements VoicemailFeedbackHandler {

	static final String FOLLOWUP_SUBJECT_PREFIX = "Following up on my voicemail: ";

	private final JdbcClient jdbc;

	private final Programs programs;

	private final SendQueue queue;

	private final ChannelEligibility eligibility;

	private final RvmProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	DropFeedback(JdbcClient jdbc, Programs programs, SendQueue queue, ChannelEligibility eligibility,
			RvmProperties properties, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.programs = programs;
		this.queue = queue;
		this.eligibility = eligibility;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	private record Delivered(SmbId smb, @Nullable UUID send) {
	}

	@Override
	public Optional<SmbId> delivered(TenantId tenant, UUID dropId, @Nullable String deliveryStatus, Instant at) {
		Instant now = clock.instant();
		// a delivery outranks what we guessed (a timeout we retried, a failure we gave up
		// on)
		Optional<Delivered> delivered = jdbc.sql("""
				UPDATE rvm_drops SET status = 'delivered', delivered_at = :at, delivery_status = :deliveryStatus,
				  updated_at = :now
				 WHERE tenant_id = :tenant AND id = :id AND status NOT IN ('delivered', 'cancelled')
				RETURNING smb_id, campaign_send_id
				""")
			.param("at", Programs.utc(at))
			.param("deliveryStatus", deliveryStatus == null ? null : cut(deliveryStatus, 50))
			.param("now", Programs.utc(now))
			.param("tenant", tenant.value())
			.param("id", dropId)
			.query((rs, n) -> new Delivered(new SmbId(rs.getObject("smb_id", UUID.class)),
					rs.getObject("campaign_send_id", UUID.class)))
			.optional();
		delivered.ifPresent(drop -> {
			if (drop.send() != null) {
				queueFollowUp(tenant, drop.smb(), drop.send(), at, now);
			}
		});
		return delivered.map(Delivered::smb);
	}

	private void queueFollowUp(TenantId tenant, SmbId smb, UUID sendId, Instant deliveredAt, Instant now) {
		record Original(String campaignId, @Nullable String subject) {
		}
		Original original = jdbc
			.sql("SELECT campaign_id, subject FROM campaign_sends WHERE tenant_id = :t AND id = :id")
			.param("t", tenant.value())
			.param("id", sendId)
			.query((rs, n) -> new Original(rs.getString("campaign_id"), rs.getString("subject")))
			.optional()
			.orElse(null);
		Recipient recipient = programs.recipient(tenant, smb).orElse(null);
		if (original == null || recipient == null || recipient.deleted()) {
			return;
		}
		String skip = null;
		if (recipient.email() == null) {
			skip = "no_email";
		}
		else if (!eligibility.canContact(tenant, smb, Channel.EMAIL)) {
			skip = "not_eligible";
		}
		Instant scheduledFor = deliveredAt.plus(Duration.ofMinutes(properties.followupEmailDelayMinutes()));
		if (scheduledFor.isBefore(now)) {
			scheduledFor = now;
		}
		UUID id = Ids.newId(clock);
		String subject = FOLLOWUP_SUBJECT_PREFIX + (original.subject() == null ? "" : original.subject());
		int inserted = jdbc.sql("""
				INSERT INTO campaign_sends (tenant_id, id, smb_id, campaign_id, kind, email, subject, scheduled_for,
				  message_id, status, skip_reason, created_at, updated_at)
				VALUES (:tenant, :id, :smb, :campaign, 'rvm_followup', :email, :subject, :scheduledFor, :messageId,
				  :status, :skip, :now, :now)
				ON CONFLICT (tenant_id, smb_id, campaign_id, kind) DO NOTHING
				""")
			.param("tenant", tenant.value())
			.param("id", id)
			.param("smb", smb.value())
			.param("campaign", original.campaignId())
			.param("email", recipient.email() == null ? "" : recipient.email())
			.param("subject", cut(subject, 998))
			.param("scheduledFor", Programs.utc(scheduledFor))
			.param("messageId", queue.messageId(id))
			.param("status", skip == null ? "queued" : "skipped")
			.param("skip", skip)
			.param("now", Programs.utc(now))
			.update();
		if (inserted == 1 && skip == null) {
			events.publishEvent(
					new CampaignSendQueued(tenant, new CampaignSendId(id), smb, original.campaignId(), scheduledFor));
		}
	}

	@Override
	public boolean failed(TenantId tenant, UUID dropId, String reason, Instant at) {
		return jdbc.sql("""
				UPDATE rvm_drops SET status = 'failed', failed_at = :at, last_error = :reason, updated_at = :now
				 WHERE tenant_id = :tenant AND id = :id AND status IN ('sending', 'sent')
				""")
			.param("at", Programs.utc(at))
			.param("reason", cut(reason, 2000))
			.param("now", Programs.utc(clock.instant()))
			.param("tenant", tenant.value())
			.param("id", dropId)
			.update() > 0;
	}

	@Override
	public Optional<UUID> latestDrop(TenantId tenant, SmbId smb) {
		return jdbc.sql("""
				SELECT id FROM rvm_drops
				 WHERE tenant_id = :tenant AND smb_id = :smb AND status IN ('sent', 'delivered')
				 ORDER BY COALESCE(sent_at, scheduled_for) DESC, id DESC LIMIT 1
				""").param("tenant", tenant.value()).param("smb", smb.value()).query(UUID.class).optional();
	}

	@Override
	public void calledBack(TenantId tenant, UUID dropId, CallbackId callback, Instant at) {
		jdbc.sql("""
				UPDATE rvm_drops SET callback_received = true, callback_at = COALESCE(callback_at, :at),
				  callback_id = COALESCE(callback_id, :callback), updated_at = :now
				 WHERE tenant_id = :tenant AND id = :id
				""")
			.param("at", Programs.utc(at))
			.param("callback", callback.value())
			.param("now", Programs.utc(clock.instant()))
			.param("tenant", tenant.value())
			.param("id", dropId)
			.update();
	}

	private static String cut(String value, int max) {
		return value.length() > max ? value.substring(0, max) : value;
	}

}

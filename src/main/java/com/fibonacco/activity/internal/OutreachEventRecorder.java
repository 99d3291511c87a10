package com.fibonacco.activity.internal;

import java.time.Clock;
import java.util.Locale;

import com.fibonacco.campaign.CampaignSendCompleted;
import com.fibonacco.campaign.CampaignSendQueued;
import com.fibonacco.campaign.RvmDropQueued;
import com.fibonacco.engagement.EngagementProperties;
import com.fibonacco.engagement.SmbEngagementChanged;
import com.fibonacco.engagement.SmbTierChanged;
import com.fibonacco.engagement.SmbTierPinned;
import com.fibonacco.engagement.SmbTierUnpinned;
import com.fibonacco.messaging.CallbackReceived;
import com.fibonacco.messaging.EmailBounced;
import com.fibonacco.messaging.EmailClicked;
import com.fibonacco.messaging.EmailOpened;
import com.fibonacco.messaging.RvmDropDelivered;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import static com.fibonacco.activity.internal.ActivityType.*;
import static com.fibonacco.activity.internal.Titles.quoted;

/**
 * Records how Fibonacco reached the SMB and how it answered: engagement and tier moves,
 * campaign sends, email opens, clicks and bounces, voicemails and callbacks.
 * <p>
 * Plain synchronous listeners, not {@code @ApplicationModuleListener}: the entry is
 * written in the transaction of the change it records, so the change and its timeline
 * entry commit or roll back together.
 */
@Component
class OutreachEventRecorder {

	private final Activities activities;

	private final EngagementProperties engagement;

	private final Clock clock;

	OutreachEventRecorder(Activities activities, EngagementProperties engagement, Clock clock) {
		this.activities = activities;
		this.engagement = engagement;
		this.clock = clock;
	}

	@EventListener
	void on(SmbEngagementChanged event) {
		String move = event.newScore() >= event.oldScore() ? "rose" : "fell";
		activities.addAtCommit(
				TimelineEntry
					.of(event.tenantId(), event.smbId(), ENGAGEMENT_CHANGED,
							"Engagement score " + move + " from " + event.oldScore() + " to " + event.newScore(),
							event.occurredAt())
					.meta("old_score", event.oldScore())
					.meta("new_score", event.newScore()));
	}

	@EventListener
	void on(SmbTierChanged event) {
		activities.addAtCommit(TimelineEntry
			.of(event.tenantId(), event.smbId(), TIER_CHANGED,
					"Moved from " + tier(event.oldTier()) + " to " + tier(event.newTier()), event.occurredAt())
			.description(event.reason())
			.meta("old_tier", event.oldTier())
			.meta("new_tier", event.newTier())
			.meta("direction", event.direction().name().toLowerCase(Locale.ROOT))
			.meta("reason", event.reason()));
	}

	@EventListener
	void on(SmbTierPinned event) {
		activities.add(TimelineEntry
			.of(event.tenantId(), event.smbId(), TIER_PINNED, "Pinned to " + tier(event.tier()), event.occurredAt())
			.description(event.reason())
			.performedBy(event.pinnedBy())
			.meta("tier", event.tier())
			.meta("reason", event.reason())
			.meta("expires_at", event.expiresAt()));
	}

	@EventListener
	void on(SmbTierUnpinned event) {
		activities.add(TimelineEntry
			.of(event.tenantId(), event.smbId(), TIER_UNPINNED,
					(event.expired() ? "Pin to " + tier(event.pinnedTier()) + " expired"
							: "Pin to " + tier(event.pinnedTier()) + " lifted"),
					event.occurredAt())
			.performedBy(event.liftedBy())
			.meta("tier", event.pinnedTier())
			.meta("expired", event.expired()));
	}

	@EventListener
	void on(CampaignSendQueued event) {
		// the event has no time of its own: it is published as the send is queued. At
		// commit, with the other entries of the transaction: the day scheduler queues a
		// batch of hundreds of sends in one
		activities.addAtCommit(TimelineEntry
			.of(event.tenantId(), event.smbId(), CAMPAIGN_SEND_QUEUED,
					"Campaign " + quoted(event.campaignId()) + " queued", clock.instant())
			.subject("campaign_send", event.campaignSendId())
			.meta("campaign_id", event.campaignId())
			.meta("scheduled_for", event.scheduledFor())
			.sourceKey(event.campaignSendId()));
	}

	@EventListener
	void on(CampaignSendCompleted event) {
		// at commit, with the transaction's other entries: thousands of past sends
		// recorded at once (CampaignHistory) make one statement, a single send one
		activities.addAtCommit(TimelineEntry.of(event.tenantId(), event.smbId(), CAMPAIGN_SEND_COMPLETED,
				"Campaign " + quoted(event.campaignId()) + " " + event.status().replace('_', ' '), event.occurredAt())
			.subject("campaign_send", event.campaignSendId())
			.meta("campaign_id", event.campaignId())
			.meta("status", event.status())
			.sourceKey(event.campaignSendId()));
	}

	@EventListener
	void on(RvmDropQueued event) {
		// the event has no time of its own: it is published as the drop is queued
		activities
			.add(TimelineEntry.of(event.tenantId(), event.smbId(), RVM_DROP_QUEUED, "Voicemail queued", clock.instant())
				.subject("rvm_drop", event.rvmDropId())
				.meta("campaign_send_id", event.campaignSendId() == null ? null : event.campaignSendId().value())
				.meta("scheduled_for", event.scheduledFor())
				.sourceKey(event.rvmDropId()));
	}

	@EventListener
	void on(EmailOpened event) {
		// machine opens (privacy proxies) are recorded too, flagged, so the timeline
		// shows what happened without counting it as the SMB's interest
		activities.addAtCommit(TimelineEntry
			.of(event.tenantId(), event.smbId(), EMAIL_OPENED,
					"Opened " + quoted(event.campaignId()) + automated(event.machineGenerated()), event.occurredAt())
			.subject("campaign_send", event.campaignSendId())
			.meta("campaign_id", event.campaignId())
			.meta("email_event_id", event.emailEventId())
			.meta("machine_generated", event.machineGenerated())
			.source(event.emailEventId()));
	}

	@EventListener
	void on(EmailClicked event) {
		activities.addAtCommit(TimelineEntry
			.of(event.tenantId(), event.smbId(), EMAIL_CLICKED,
					"Clicked a link in " + quoted(event.campaignId()) + automated(event.machineGenerated()),
					event.occurredAt())
			.description(event.link())
			.subject("campaign_send", event.campaignSendId())
			.meta("campaign_id", event.campaignId())
			.meta("link", event.link())
			.meta("email_event_id", event.emailEventId())
			.meta("machine_generated", event.machineGenerated())
			.source(event.emailEventId()));
	}

	@EventListener
	void on(EmailBounced event) {
		activities.add(TimelineEntry
			.of(event.tenantId(), event.smbId(), EMAIL_BOUNCED, "Email bounced (" + event.bounceType() + ")",
					event.occurredAt())
			.subject("campaign_send", event.campaignSendId())
			.meta("bounce_type", event.bounceType())
			.meta("email_event_id", event.emailEventId())
			.source(event.emailEventId()));
	}

	@EventListener
	void on(RvmDropDelivered event) {
		activities.add(TimelineEntry
			.of(event.tenantId(), event.smbId(), RVM_DELIVERED, "Voicemail delivered", event.occurredAt())
			.subject("rvm_drop", event.rvmDropId())
			.sourceKey(event.rvmDropId()));
	}

	@EventListener
	void on(CallbackReceived event) {
		if (event.smbId() == null) {
			return;
		}
		activities
			.add(TimelineEntry.of(event.tenantId(), event.smbId(), CALLBACK_RECEIVED, "Called back", event.occurredAt())
				.subject("callback", event.callbackId())
				.meta("rvm_drop_id", event.rvmDropId())
				.source(event.callbackId().value()));
	}

	/** "tier 3 (Active)". */
	private String tier(int tier) {
		var tiers = engagement.tiers();
		var named = tiers == null ? null : tiers.get(tier);
		return named == null ? "tier " + tier : "tier " + tier + " (" + named.name() + ")";
	}

	private static String automated(boolean machineGenerated) {
		return machineGenerated ? " (automated)" : "";
	}

}

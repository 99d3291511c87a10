package com.fibonacco.engagement.internal;

import java.util.Map;
import java.util.Optional;

import com.fibonacco.approval.ApprovalSubmitted;
import com.fibonacco.approval.UpsellAccepted;
import com.fibonacco.content.ContentCompleted;
import com.fibonacco.content.ContentViewed;
import com.fibonacco.inbound.InboundEmailReceived;
import com.fibonacco.inbound.MeetingScheduled;
import com.fibonacco.messaging.CallbackReceived;
import com.fibonacco.messaging.EmailBounced;
import com.fibonacco.messaging.EmailClicked;
import com.fibonacco.messaging.EmailOpened;
import com.fibonacco.messaging.EmailUnsubscribed;
import com.fibonacco.messaging.RvmDropDelivered;

import static com.fibonacco.engagement.internal.SignalType.*;

/**
 * The one mapping from the other modules' events to ledger signals, shared by the
 * listeners and the history replay so both record exactly the same thing.
 */
final class EventSignals {

	private EventSignals() {
	}

	/**
	 * The signal the event reports; empty for an event not (yet) matched to an SMB.
	 * @throws IllegalArgumentException for an event that reports no signal
	 */
	static Optional<Incoming> of(Object event) {
		return Optional.ofNullable(switch (event) {
			case EmailOpened e -> new Incoming(e.tenantId(), e.smbId(), EMAIL_OPEN, e.emailEventId(), e.occurredAt(),
					Map.of("campaign_id", e.campaignId()), e.machineGenerated());
			case EmailClicked e -> new Incoming(e.tenantId(), e.smbId(), EMAIL_CLICK, e.emailEventId(), e.occurredAt(),
					Map.of("campaign_id", e.campaignId()), e.machineGenerated());
			case EmailBounced e -> new Incoming(e.tenantId(), e.smbId(), EMAIL_BOUNCE, e.emailEventId(), e.occurredAt(),
					Map.of("bounce_type", e.bounceType()), false);
			case EmailUnsubscribed e ->
				new Incoming(e.tenantId(), e.smbId(), UNSUBSCRIBE, e.unsubscribeId(), e.occurredAt());
			case RvmDropDelivered e ->
				new Incoming(e.tenantId(), e.smbId(), RVM_DELIVERED, e.rvmDropId(), e.occurredAt());
			case CallbackReceived e -> e.smbId() == null ? null
					: new Incoming(e.tenantId(), e.smbId(), CALLBACK, e.callbackId().value(), e.occurredAt());
			case ContentViewed e -> e.smbId() == null ? null : new Incoming(e.tenantId(), e.smbId(), CONTENT_VIEW,
					e.viewId().value(), e.occurredAt(), Map.of("content_slug", e.contentSlug()), false);
			case ContentCompleted e ->
				e.smbId() == null ? null : new Incoming(e.tenantId(), e.smbId(), CONTENT_COMPLETE, e.viewId().value(),
						e.occurredAt(), Map.of("content_slug", e.contentSlug()), false);
			case ApprovalSubmitted e -> new Incoming(e.tenantId(), e.smbId(), APPROVAL, e.approvalId().value(),
					e.occurredAt(), Map.of("service_type", e.serviceType()), false);
			// the resulting approval arrives as ApprovalSubmitted and scores as an
			// approval; the acceptance itself is recorded for the ledger and custom rules
			case UpsellAccepted e ->
				new Incoming(e.tenantId(), e.smbId(), UPSELL_ACCEPTED, e.resultingApprovalId().value(), e.occurredAt(),
						Map.of("service_type", e.upsellServiceType()), false);
			case InboundEmailReceived e -> e.smbId() == null ? null : new Incoming(e.tenantId(), e.smbId(),
					INBOUND_REPLY, e.conversationId().value(), e.occurredAt(), Map.of("intent", e.intent()), false);
			case MeetingScheduled e ->
				new Incoming(e.tenantId(), e.smbId(), MEETING_SCHEDULED, e.meetingId(), e.occurredAt());
			default -> throw new IllegalArgumentException(
					"not an event the engagement ledger records: " + event.getClass().getName());
		});
	}

}

package com.fibonacco.engagement.internal;

import java.util.Map;

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

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import static com.fibonacco.engagement.internal.SignalType.*;

/**
 * Turns the other modules' events into ledger signals. Each listener runs after its
 * event's transaction committed, in a transaction of its own, and is kept in the event
 * publication registry until it completes: a crash before the score is updated delivers
 * the event again on restart, and the ledger's key makes the second delivery a no-op.
 * Events not (yet) matched to an SMB are skipped.
 */
@Component
class SignalListeners {

	private final EngagementScoring scoring;

	SignalListeners(EngagementScoring scoring) {
		this.scoring = scoring;
	}

	@ApplicationModuleListener
	void on(EmailOpened event) {
		scoring.record(new Incoming(event.tenantId(), event.smbId(), EMAIL_OPEN, event.emailEventId(),
				event.occurredAt(), Map.of("campaign_id", event.campaignId()), event.machineGenerated()));
	}

	@ApplicationModuleListener
	void on(EmailClicked event) {
		scoring.record(new Incoming(event.tenantId(), event.smbId(), EMAIL_CLICK, event.emailEventId(),
				event.occurredAt(), Map.of("campaign_id", event.campaignId()), event.machineGenerated()));
	}

	@ApplicationModuleListener
	void on(EmailBounced event) {
		scoring.record(new Incoming(event.tenantId(), event.smbId(), EMAIL_BOUNCE, event.emailEventId(),
				event.occurredAt(), Map.of("bounce_type", event.bounceType()), false));
	}

	@ApplicationModuleListener
	void on(EmailUnsubscribed event) {
		scoring.record(
				new Incoming(event.tenantId(), event.smbId(), UNSUBSCRIBE, event.unsubscribeId(), event.occurredAt()));
	}

	@ApplicationModuleListener
	void on(RvmDropDelivered event) {
		scoring.record(
				new Incoming(event.tenantId(), event.smbId(), RVM_DELIVERED, event.rvmDropId(), event.occurredAt()));
	}

	@ApplicationModuleListener
	void on(CallbackReceived event) {
		if (event.smbId() != null) {
			scoring.record(new Incoming(event.tenantId(), event.smbId(), CALLBACK, event.callbackId().value(),
					event.occurredAt()));
		}
	}

	@ApplicationModuleListener
	void on(ContentViewed event) {
		if (event.smbId() != null) {
			scoring.record(new Incoming(event.tenantId(), event.smbId(), CONTENT_VIEW, event.viewId().value(),
					event.occurredAt(), Map.of("content_slug", event.contentSlug()), false));
		}
	}

	@ApplicationModuleListener
	void on(ContentCompleted event) {
		if (event.smbId() != null) {
			scoring.record(new Incoming(event.tenantId(), event.smbId(), CONTENT_COMPLETE, event.viewId().value(),
					event.occurredAt(), Map.of("content_slug", event.contentSlug()), false));
		}
	}

	@ApplicationModuleListener
	void on(ApprovalSubmitted event) {
		scoring.record(new Incoming(event.tenantId(), event.smbId(), APPROVAL, event.approvalId().value(),
				event.occurredAt(), Map.of("service_type", event.serviceType()), false));
	}

	@ApplicationModuleListener
	void on(UpsellAccepted event) {
		// the resulting approval arrives as ApprovalSubmitted and scores as an approval;
		// the acceptance itself is recorded for the ledger and custom rules
		scoring
			.record(new Incoming(event.tenantId(), event.smbId(), UPSELL_ACCEPTED, event.resultingApprovalId().value(),
					event.occurredAt(), Map.of("service_type", event.upsellServiceType()), false));
	}

	@ApplicationModuleListener
	void on(InboundEmailReceived event) {
		if (event.smbId() != null) {
			scoring.record(new Incoming(event.tenantId(), event.smbId(), INBOUND_REPLY, event.conversationId().value(),
					event.occurredAt(), Map.of("intent", event.intent()), false));
		}
	}

	@ApplicationModuleListener
	void on(MeetingScheduled event) {
		scoring.record(new Incoming(event.tenantId(), event.smbId(), MEETING_SCHEDULED, event.meetingId(),
				event.occurredAt()));
	}

}

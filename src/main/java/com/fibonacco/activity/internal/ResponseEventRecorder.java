package com.fibonacco.activity.internal;

import com.fibonacco.approval.ApprovalProvisioned;
import com.fibonacco.approval.ApprovalSubmitted;
import com.fibonacco.approval.UpsellAccepted;
import com.fibonacco.approval.UpsellOffered;
import com.fibonacco.content.ContentCompleted;
import com.fibonacco.content.ContentViewed;
import com.fibonacco.inbound.ChatMessageReceived;
import com.fibonacco.inbound.InboundEmailReceived;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import static com.fibonacco.activity.internal.ActivityType.*;
import static com.fibonacco.activity.internal.Titles.quoted;

/**
 * Records what the SMB did: approvals and upsells, learning-center content, inbound email
 * and chat. Events not (yet) matched to an SMB have no timeline to go on and are skipped.
 * <p>
 * Plain synchronous listeners, not {@code @ApplicationModuleListener}: the entry is
 * written in the transaction of the change it records, so the change and its timeline
 * entry commit or roll back together.
 */
@Component
class ResponseEventRecorder {

	private final Activities activities;

	ResponseEventRecorder(Activities activities) {
		this.activities = activities;
	}

	@EventListener
	void on(ApprovalSubmitted event) {
		activities.add(TimelineEntry
			.of(event.tenantId(), event.smbId(), APPROVAL_SUBMITTED, "Approved " + quoted(event.serviceType()),
					event.occurredAt())
			.subject("approval", event.approvalId())
			.meta("service_type", event.serviceType())
			.sourceKey(event.approvalId()));
	}

	@EventListener
	void on(ApprovalProvisioned event) {
		activities.add(TimelineEntry
			.of(event.tenantId(), event.smbId(), APPROVAL_PROVISIONED, quoted(event.serviceType()) + " provisioned",
					event.occurredAt())
			.subject("approval", event.approvalId())
			.meta("service_type", event.serviceType())
			.sourceKey(event.approvalId()));
	}

	@EventListener
	void on(UpsellOffered event) {
		activities.add(TimelineEntry
			.of(event.tenantId(), event.smbId(), UPSELL_OFFERED, "Offered " + quoted(event.upsellServiceType()),
					event.occurredAt())
			.subject("approval", event.approvalId())
			.meta("upsell_service_type", event.upsellServiceType())
			.sourceKey(event.approvalId(), event.upsellServiceType()));
	}

	@EventListener
	void on(UpsellAccepted event) {
		activities.add(TimelineEntry
			.of(event.tenantId(), event.smbId(), UPSELL_ACCEPTED,
					"Accepted the offer of " + quoted(event.upsellServiceType()), event.occurredAt())
			.subject("approval", event.resultingApprovalId())
			.meta("upsell_service_type", event.upsellServiceType())
			.meta("approval_id", event.approvalId().value())
			.meta("resulting_approval_id", event.resultingApprovalId().value())
			.sourceKey(event.resultingApprovalId()));
	}

	@EventListener
	void on(ContentViewed event) {
		if (event.smbId() == null) {
			return;
		}
		activities.add(TimelineEntry
			.of(event.tenantId(), event.smbId(), CONTENT_VIEWED, "Viewed " + quoted(event.contentSlug()),
					event.occurredAt())
			.subject("content_view", event.viewId())
			.meta("content_slug", event.contentSlug())
			.sourceKey(event.viewId()));
	}

	@EventListener
	void on(ContentCompleted event) {
		if (event.smbId() == null) {
			return;
		}
		activities.add(TimelineEntry
			.of(event.tenantId(), event.smbId(), CONTENT_COMPLETED, "Finished " + quoted(event.contentSlug()),
					event.occurredAt())
			.subject("content_view", event.viewId())
			.meta("content_slug", event.contentSlug())
			.sourceKey(event.viewId()));
	}

	@EventListener
	void on(InboundEmailReceived event) {
		if (event.smbId() == null) {
			return;
		}
		activities.add(TimelineEntry
			.of(event.tenantId(), event.smbId(), INBOUND_EMAIL,
					"Email received (" + event.intent().replace('_', ' ') + ")", event.occurredAt())
			.subject("conversation", event.conversationId())
			.meta("intent", event.intent())
			.source(event.conversationId().value()));
	}

	@EventListener
	void on(ChatMessageReceived event) {
		if (event.smbId() == null) {
			return;
		}
		activities.add(TimelineEntry
			.of(event.tenantId(), event.smbId(), CHAT_MESSAGE, "Chat message received", event.occurredAt())
			.subject("chat_message", event.chatMessageId())
			.meta("session_id", event.sessionId())
			.source(event.chatMessageId()));
	}

}

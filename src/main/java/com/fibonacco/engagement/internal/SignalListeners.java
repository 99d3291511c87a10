package com.fibonacco.engagement.internal;

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

/**
 * Turns the other modules' events into ledger signals. Each listener runs after its
 * event's transaction committed, in a transaction of its own, and is kept in the event
 * publication registry until it completes: a crash before the signal is recorded
 * delivers the event again on restart, and the ledger's key makes the second delivery a
 * no-op. Recording the signal queues its SMB for the {@link Rescorer} in the same
 * statement, so a crash after it leaves the SMB queued. Events not (yet) matched to an
 * SMB are skipped.
 */
@Component
class SignalListeners {

	private final RescoreQueue queue;

	private final Rescorer rescorer;

	SignalListeners(RescoreQueue queue, Rescorer rescorer) {
		this.queue = queue;
		this.rescorer = rescorer;
	}

	private void record(Incoming signal) {
		if (queue.record(signal) && !signal.machineGenerated()) {
			rescorer.nudgeAfterCommit();
		}
	}

	@ApplicationModuleListener
	void on(EmailOpened event) {
		EventSignals.of(event).ifPresent(this::record);
	}

	@ApplicationModuleListener
	void on(EmailClicked event) {
		EventSignals.of(event).ifPresent(this::record);
	}

	@ApplicationModuleListener
	void on(EmailBounced event) {
		EventSignals.of(event).ifPresent(this::record);
	}

	@ApplicationModuleListener
	void on(EmailUnsubscribed event) {
		EventSignals.of(event).ifPresent(this::record);
	}

	@ApplicationModuleListener
	void on(RvmDropDelivered event) {
		EventSignals.of(event).ifPresent(this::record);
	}

	@ApplicationModuleListener
	void on(CallbackReceived event) {
		EventSignals.of(event).ifPresent(this::record);
	}

	@ApplicationModuleListener
	void on(ContentViewed event) {
		EventSignals.of(event).ifPresent(this::record);
	}

	@ApplicationModuleListener
	void on(ContentCompleted event) {
		EventSignals.of(event).ifPresent(this::record);
	}

	@ApplicationModuleListener
	void on(ApprovalSubmitted event) {
		EventSignals.of(event).ifPresent(this::record);
	}

	@ApplicationModuleListener
	void on(UpsellAccepted event) {
		EventSignals.of(event).ifPresent(this::record);
	}

	@ApplicationModuleListener
	void on(InboundEmailReceived event) {
		EventSignals.of(event).ifPresent(this::record);
	}

	@ApplicationModuleListener
	void on(MeetingScheduled event) {
		EventSignals.of(event).ifPresent(this::record);
	}

}

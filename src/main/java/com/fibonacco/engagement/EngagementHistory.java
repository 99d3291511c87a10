package com.fibonacco.engagement;

import java.util.List;

import com.fibonacco.shared.TenantId;

/**
 * Engagement that happened before this module heard of it: a history of signal events
 * (demo data; history brought over from another tool) scored in the order it happened.
 */
public interface EngagementHistory {

	/**
	 * Records the signals these events report, exactly as this module's listeners would,
	 * but at once and in time order: each SMB is rescored as of the last new signal of
	 * each day it has signals on, so score snapshots, tier changes and their events carry
	 * their own dates; then the tenant's scores and tiers are brought up to now by the
	 * nightly recompute's set-based pass (which changes only what the nightly job would).
	 * An event the ledger already has (the same event delivered later to the listeners,
	 * or a second replay) changes nothing. Accepts the events the listeners take
	 * (EmailOpened, EmailClicked, CallbackReceived, ContentViewed, ApprovalSubmitted,
	 * MeetingScheduled, InboundEmailReceived, …).
	 * @return how many signals were new
	 * @throws IllegalArgumentException for an event that reports no signal or belongs to
	 * another tenant
	 */
	int replay(TenantId tenant, List<?> events);

}

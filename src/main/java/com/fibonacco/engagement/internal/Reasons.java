package com.fibonacco.engagement.internal;

/** Plain-words reasons for score and tier changes. */
final class Reasons {

	static final int MAX = 500;

	private Reasons() {
	}

	static String fit(String reason) {
		String text = reason.strip();
		return text.length() <= MAX ? text : text.substring(0, MAX - 1) + "\u2026";
	}

	/** "an email open", "a callback" … */
	static String signal(SignalType type) {
		return switch (type) {
			case EMAIL_OPEN -> "an email open";
			case EMAIL_CLICK -> "an email click";
			case EMAIL_BOUNCE -> "a bounced email";
			case UNSUBSCRIBE -> "an unsubscribe";
			case CONTENT_VIEW -> "a content view";
			case CONTENT_COMPLETE -> "completed content";
			case APPROVAL -> "an approval";
			case UPSELL_ACCEPTED -> "an accepted upsell";
			case MEETING_SCHEDULED -> "a scheduled meeting";
			case CALLBACK -> "a callback";
			case RVM_DELIVERED -> "a delivered voicemail";
			case INBOUND_REPLY -> "an inbound email";
		};
	}

}

package com.fibonacco.engagement.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an SMB did (or what happened to it) as the ledger records it. The API and the
 * database use the lower-case name; {@code engagement_signals_signal_type_ck} lists the
 * same values.
 */
enum SignalType {

	EMAIL_OPEN, EMAIL_CLICK, EMAIL_BOUNCE, UNSUBSCRIBE,

	CONTENT_VIEW, CONTENT_COMPLETE,

	APPROVAL, UPSELL_ACCEPTED,

	MEETING_SCHEDULED, CALLBACK, RVM_DELIVERED, INBOUND_REPLY;

	String apiName() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Optional<SignalType> fromApiName(String name) {
		return Arrays.stream(values()).filter(type -> type.apiName().equals(name)).findFirst();
	}

}

package com.fibonacco.activity.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a timeline entry records. The API and the database use the lower-case name; the
 * {@code activities_activity_type_ck} constraint lists the same values.
 */
enum ActivityType {

	SMB_CREATED, SMB_UPDATED, SMB_DELETED, SMB_RESTORED,

	TAG_ADDED, TAG_REMOVED,

	NOTE_ADDED, NOTE_UPDATED, NOTE_DELETED,

	TASK_CREATED, TASK_UPDATED, TASK_COMPLETED, TASK_DELETED,

	ENGAGEMENT_CHANGED, TIER_CHANGED, TIER_PINNED, TIER_UNPINNED,

	CAMPAIGN_SEND_QUEUED, CAMPAIGN_SEND_COMPLETED,

	EMAIL_OPENED, EMAIL_CLICKED, EMAIL_BOUNCED,

	RVM_DROP_QUEUED, RVM_DELIVERED, CALLBACK_RECEIVED,

	APPROVAL_SUBMITTED, APPROVAL_PROVISIONED, UPSELL_OFFERED, UPSELL_ACCEPTED,

	CONTENT_VIEWED, CONTENT_COMPLETED,

	INBOUND_EMAIL, CHAT_MESSAGE;

	String apiName() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Optional<ActivityType> fromApiName(String name) {
		return Arrays.stream(values()).filter(type -> type.apiName().equals(name)).findFirst();
	}

}

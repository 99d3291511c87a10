package com.fibonacco.smb.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.smb.SmbId;

/** A row of {@code smbs}: the editable fields plus what the system keeps. */
record SmbRow(SmbId id, SmbFields fields, int engagementTier, int engagementScore, @Nullable Instant lastEmailOpen,
		@Nullable Instant lastEmailClick, @Nullable Instant lastContentView, @Nullable Instant lastApproval,
		int totalApprovals, int totalMeetings, String campaignStatus, @Nullable String currentCampaignId,
		int manifestDestinyDay, @Nullable LocalDate manifestDestinyStartDate, @Nullable Instant nextScheduledSend,
		int dataQualityScore, long version, Instant createdAt, Instant updatedAt, @Nullable Instant deletedAt,
		boolean canContactEmail, boolean canContactSms, boolean canContactRvm, boolean canContactPhone) {

	String etag() {
		return "\"v" + version + "\"";
	}

	UUID uuid() {
		return id.value();
	}

}

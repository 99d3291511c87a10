package com.fibonacco.campaign;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import com.fibonacco.smb.SmbId;

/**
 * An SMB's Manifest Destiny program. {@code status} is one of pending, scheduled,
 * running, paused, completed, cancelled; {@code day} counts program days (paused days
 * don't count) from 1 to the program's length.
 */
public record CampaignProgram(SmbId smbId, String status, int day, @Nullable LocalDate startDate,
		@Nullable String currentCampaignId, @Nullable Instant nextScheduledSend, @Nullable Instant nextAdvanceAt,
		@Nullable String pauseReason, @Nullable Instant pausedAt, int pausedDays, @Nullable Instant startedAt,
		@Nullable Instant completedAt, @Nullable Instant cancelledAt) {
}

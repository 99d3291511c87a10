package com.fibonacco.inbound;

import java.time.Instant;
import java.util.UUID;

import com.fibonacco.shared.TenantId;

/**
 * An SMB booked a meeting (from a reply, a chat or the booking link of a campaign).
 */
public record MeetingScheduled(TenantId tenantId, UUID meetingId, com.fibonacco.smb.SmbId smbId, Instant scheduledFor,
		Instant occurredAt) {
}

package com.fibonacco.campaign.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** An SMB's campaign sends with their events, for the program endpoint. */
@Component
class SendHistory {

	private final JdbcClient jdbc;

	SendHistory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record EventView(UUID id, String eventType, Instant eventAt, @Nullable String linkClicked,
			@Nullable String bounceType, boolean machineGenerated, @Nullable String userAgent) {
	}

	record SendView(UUID id, String campaignId, String kind, @Nullable Integer programDay, String status,
			@Nullable String skipReason, String email, @Nullable String subject, @Nullable Instant scheduledFor,
			@Nullable Instant sentAt, @Nullable String messageId, @Nullable Instant openedAt,
			@Nullable Instant clickedAt, int openCount, int clickCount, int machineOpenCount, int machineClickCount,
			@Nullable Instant unsubscribedAt, int attempts, @Nullable Instant deliveredAt, @Nullable Instant bouncedAt,
			@Nullable Instant complainedAt, int softBounceCount, List<EventView> events) {
	}

	/** A voicemail drop, for the program endpoint. */
	record DropView(UUID id, @Nullable UUID campaignSendId, String status, String phone, @Nullable Instant scheduledFor,
			@Nullable Instant sentAt, @Nullable Instant deliveredAt, int attempts, @Nullable String lastError,
			boolean callbackReceived, @Nullable Instant callbackAt) {
	}

	@Transactional(readOnly = true)
	List<DropView> voicemails(TenantId tenant, SmbId smb) {
		return jdbc
			.sql("SELECT * FROM rvm_drops WHERE tenant_id = :tenant AND smb_id = :smb ORDER BY scheduled_for, id")
			.param("tenant", tenant.value())
			.param("smb", smb.value())
			.query((rs, n) -> new DropView(rs.getObject("id", UUID.class), rs.getObject("campaign_send_id", UUID.class),
					rs.getString("status"), rs.getString("phone"), Programs.instant(rs, "scheduled_for"),
					Programs.instant(rs, "sent_at"), Programs.instant(rs, "delivered_at"), rs.getInt("attempts"),
					rs.getString("last_error"), rs.getBoolean("callback_received"),
					Programs.instant(rs, "callback_at")))
			.list();
	}

	@Transactional(readOnly = true)
	List<SendView> sends(TenantId tenant, SmbId smb) {
		Map<UUID, List<EventView>> events = new LinkedHashMap<>();
		jdbc.sql(
				"""
						SELECT e.* FROM email_events e JOIN campaign_sends s ON s.tenant_id = e.tenant_id AND s.id = e.campaign_send_id
						 WHERE e.tenant_id = :tenant AND s.smb_id = :smb ORDER BY e.event_at, e.id
						""")
			.param("tenant", tenant.value())
			.param("smb", smb.value())
			.query((rs, n) -> {
				events.computeIfAbsent(rs.getObject("campaign_send_id", UUID.class), k -> new ArrayList<>())
					.add(new EventView(rs.getObject("id", UUID.class), rs.getString("event_type"),
							Programs.instant(rs, "event_at"), rs.getString("link_clicked"), rs.getString("bounce_type"),
							rs.getBoolean("machine_generated"), rs.getString("user_agent")));
				return null;
			})
			.list();
		return jdbc.sql("""
				SELECT * FROM campaign_sends WHERE tenant_id = :tenant AND smb_id = :smb
				 ORDER BY program_day NULLS LAST, created_at
				""").param("tenant", tenant.value()).param("smb", smb.value()).query((rs, n) -> {
			UUID id = rs.getObject("id", UUID.class);
			int day = rs.getInt("program_day");
			Integer programDay = rs.wasNull() ? null : day;
			return new SendView(id, rs.getString("campaign_id"), rs.getString("kind"), programDay,
					rs.getString("status"), rs.getString("skip_reason"), rs.getString("email"), rs.getString("subject"),
					Programs.instant(rs, "scheduled_for"), Programs.instant(rs, "sent_at"), rs.getString("message_id"),
					Programs.instant(rs, "opened_at"), Programs.instant(rs, "clicked_at"), rs.getInt("open_count"),
					rs.getInt("click_count"), rs.getInt("machine_open_count"), rs.getInt("machine_click_count"),
					Programs.instant(rs, "unsubscribed_at"), rs.getInt("attempts"),
					Programs.instant(rs, "delivered_at"), Programs.instant(rs, "bounced_at"),
					Programs.instant(rs, "complained_at"), rs.getInt("soft_bounce_count"),
					events.getOrDefault(id, List.of()));
		}).list();
	}

}

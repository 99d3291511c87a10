package com.fibonacco.engagement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fibonacco.approval.ApprovalId;
import com.fibonacco.approval.ApprovalSubmitted;
import com.fibonacco.community.Communities;
import com.fibonacco.community.CommunityId;
import com.fibonacco.community.NewCommunity;
import com.fibonacco.content.ContentCompleted;
import com.fibonacco.content.ContentViewId;
import com.fibonacco.content.ContentViewed;
import com.fibonacco.messaging.EmailOpened;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.NewSmb;
import com.fibonacco.smb.SmbId;
import com.fibonacco.smb.Smbs;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SMBs made through the community and SMB modules' APIs, and signal events published in a
 * transaction as their modules publish them.
 */
public final class EngagementFixtures {

	private final Communities communities;

	private final Smbs smbs;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final JdbcClient jdbc;

	public EngagementFixtures(Communities communities, Smbs smbs, ApplicationEventPublisher events,
			TransactionTemplate transactions, JdbcClient jdbc) {
		this.communities = communities;
		this.smbs = smbs;
		this.events = events;
		this.transactions = transactions;
		this.jdbc = jdbc;
	}

	/** A hardware store in a fresh community, Passive with a score of 0. */
	public SmbId smb(TenantId tenant) {
		CommunityId community = communities.create(tenant, new NewCommunity("Asheville", "asheville-" + suffix(), "NC",
				"Buncombe", 94_589, "America/New_York", Map.of("send_time_local", "09:00")));
		String slug = "blue-ridge-hardware-" + suffix();
		return smbs.create(tenant,
				new NewSmb(community, slug, "Blue Ridge Hardware", null, "retail", "Hardware", "Walt Brennan",
						"walt@blueridgehardware.example", "+18285550178", List.of(),
						"https://blueridgehardware.example", "45 Haywood St", "Asheville", "NC", "28801",
						new BigDecimal("35.595058"), new BigDecimal("-82.551487"), "Tools, paint and advice since 1962",
						List.of("tools", "paint"), 4, 0, null, null, "self_serve", "free", true, false, true, false,
						false, "test", Map.of()));
	}

	public void publish(Object... published) {
		transactions.executeWithoutResult(status -> {
			for (Object event : published) {
				events.publishEvent(event);
			}
		});
	}

	public static EmailOpened open(TenantId tenant, SmbId smb, Instant at) {
		return new EmailOpened(tenant, UUID.randomUUID(), UUID.randomUUID(), smb, "HOOK-001", false, at);
	}

	public static ApprovalSubmitted approval(TenantId tenant, SmbId smb, Instant at) {
		return new ApprovalSubmitted(tenant, new ApprovalId(UUID.randomUUID()), smb, "website", at);
	}

	public static Object[] viewAndComplete(TenantId tenant, SmbId smb, String slug, Instant at) {
		ContentViewId view = new ContentViewId(UUID.randomUUID());
		return new Object[] { new ContentViewed(tenant, view, smb, slug, at),
				new ContentCompleted(tenant, view, smb, slug, at) };
	}

	public int score(SmbId smb) {
		return jdbc.sql("SELECT engagement_score FROM smbs WHERE id = :id")
			.param("id", smb.value())
			.query(Integer.class)
			.single();
	}

	public int tier(SmbId smb) {
		return jdbc.sql("SELECT engagement_tier FROM smbs WHERE id = :id")
			.param("id", smb.value())
			.query(Integer.class)
			.single();
	}

	public long signals(SmbId smb) {
		return jdbc.sql("SELECT count(*) FROM engagement_signals WHERE smb_id = :id")
			.param("id", smb.value())
			.query(Long.class)
			.single();
	}

	public long timeline(SmbId smb, String type) {
		return jdbc.sql("SELECT count(*) FROM activities WHERE smb_id = :id AND activity_type = :type")
			.param("id", smb.value())
			.param("type", type)
			.query(Long.class)
			.single();
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}

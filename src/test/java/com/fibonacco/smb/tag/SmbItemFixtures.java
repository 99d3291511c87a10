package com.fibonacco.smb.tag;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fibonacco.community.Communities;
import com.fibonacco.community.CommunityId;
import com.fibonacco.community.NewCommunity;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.NewSmb;
import com.fibonacco.smb.Smbs;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * SMBs for the tag, note and task tests, made through the SMB module's API like the
 * import would: each tenant gets one community (Cedar Falls, Iowa, on Chicago time) and
 * local businesses in it.
 */
@Component
public class SmbItemFixtures {

	/** The time zone of the fixtures' community: due dates end at midnight here. */
	public static final ZoneId ZONE = ZoneId.of("America/Chicago");

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private final Communities communities;

	private final Smbs smbs;

	private final JdbcClient jdbc;

	private final Map<UUID, CommunityId> communityOf = new ConcurrentHashMap<>();

	SmbItemFixtures(Communities communities, Smbs smbs, JdbcClient jdbc) {
		this.communities = communities;
		this.smbs = smbs;
		this.jdbc = jdbc;
	}

	/** A new SMB of the tenant, with contact details that read like a real business. */
	public UUID smb(UUID tenantId, String businessName) {
		TenantId tenant = new TenantId(tenantId);
		CommunityId community = communityOf.computeIfAbsent(tenantId,
				id -> communities.create(tenant, new NewCommunity("Cedar Falls", "cedar-falls", "IA", "Black Hawk",
						40_713, ZONE.getId(), Map.of("send_time_local", "09:00"))));
		int n = SEQUENCE.incrementAndGet();
		String domain = businessName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "") + ".com";
		String slug = businessName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "")
				+ "-" + n;
		return smbs
			.create(tenant, new NewSmb(community, slug, businessName, null, "retail", "Shopping", "Maria Lopez",
					"maria@" + domain, "+1319555" + String.format("%04d", n % 10_000), List.of(), "https://" + domain,
					"412 Main St", "Cedar Falls", "IA", "50613", null, null,
					businessName + " has served Cedar Falls since 1998.", List.of("gift cards", "local delivery"), 4, 0,
					null, null, "self_serve", "free", true, false, true, false, false, "manual", Map.of()))
			.value();
	}

	/** Soft-deletes the SMB as the SMB module does: the row stays, marked deleted. */
	public void softDelete(UUID tenantId, UUID smb) {
		jdbc.sql("UPDATE smbs SET deleted_at = now() WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenantId)
			.param("id", smb)
			.update();
	}

	public long count(String table, UUID tenantId) {
		if (!List.of("tags", "smb_tags", "notes", "tasks").contains(table)) {
			throw new IllegalArgumentException(table);
		}
		return jdbc.sql("SELECT count(*) FROM " + table + " WHERE tenant_id = :tenant")
			.param("tenant", tenantId)
			.query(Long.class)
			.single();
	}

}

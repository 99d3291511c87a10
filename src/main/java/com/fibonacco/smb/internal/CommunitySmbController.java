package com.fibonacco.smb.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fibonacco.community.Communities;
import com.fibonacco.community.CommunityId;
import com.fibonacco.community.CommunityRef;
import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.security.CurrentUser;
import com.fibonacco.shared.web.ApiException;
import com.fibonacco.shared.web.ApiResponse;
import com.fibonacco.smb.Channel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A community's SMBs and their numbers. Served by the smb module (which owns the rows);
 * the community module knows nothing of SMBs.
 */
@RestController
@RequestMapping("/api/v1/communities/{id}")
@Tag(name = "Communities")
class CommunitySmbController {

	private final SmbService smbs;

	private final Communities communities;

	private final JdbcClient jdbc;

	CommunitySmbController(SmbService smbs, Communities communities, JdbcClient jdbc) {
		this.smbs = smbs;
		this.communities = communities;
		this.jdbc = jdbc;
	}

	@GetMapping("/smbs")
	@PreAuthorize("hasAuthority('crm.contacts.view')")
	@Operation(summary = "The community's SMBs",
			description = "Takes every filter, sort and paging parameter of GET /api/v1/smbs.")
	ApiResponse<List<SmbResponse>> smbs(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> params) {
		TenantId tenant = CurrentUser.get().tenantId();
		community(tenant, id);
		Map<String, String> flat = SmbController.flatten(params);
		flat.put("community_id", id.toString());
		SmbService.ListPage page = smbs.list(tenant, flat);
		return new ApiResponse<>(page.rows().stream().map(SmbResponse::of).toList(), page.meta());
	}

	@GetMapping("/stats")
	@PreAuthorize("hasAuthority('crm.contacts.view')")
	@Transactional(readOnly = true)
	@Operation(summary = "The community's numbers",
			description = "total_smbs, active_campaigns (running programs), by_tier, by_campaign_status, opted_in and "
					+ "can_contact counts per channel; deleted SMBs are not counted.")
	ApiResponse<Map<String, Object>> stats(@PathVariable UUID id) {
		TenantId tenant = CurrentUser.get().tenantId();
		CommunityRef community = community(tenant, id);
		StringBuilder sql = new StringBuilder("""
				SELECT count(*) AS total_smbs,
				  count(*) FILTER (WHERE s.campaign_status = 'running') AS active_campaigns,
				  count(*) FILTER (WHERE s.email_opted_in) AS opted_in_email,
				  count(*) FILTER (WHERE s.sms_opted_in) AS opted_in_sms,
				  count(*) FILTER (WHERE s.rvm_opted_in) AS opted_in_rvm,
				  count(*) FILTER (WHERE s.phone_opted_in) AS opted_in_phone,
				  count(*) FILTER (WHERE s.do_not_contact) AS do_not_contact,
				  round(avg(s.data_quality_score)) AS average_data_quality
				""");
		for (Channel channel : Channel.values()) {
			sql.append(", count(*) FILTER (WHERE ")
				.append(Eligibility.sql(channel))
				.append(") AS can_contact_")
				.append(channel.apiName());
		}
		for (int tier = 1; tier <= 4; tier++) {
			sql.append(", count(*) FILTER (WHERE s.engagement_tier = ").append(tier).append(") AS tier_").append(tier);
		}
		for (String status : SmbListQuery.CAMPAIGN_STATUSES) {
			sql.append(", count(*) FILTER (WHERE s.campaign_status = '")
				.append(status)
				.append("') AS status_")
				.append(status);
		}
		sql.append(" FROM smbs s WHERE s.tenant_id = :tenant AND s.community_id = :community AND s.deleted_at IS NULL");
		Map<String, Object> row = jdbc.sql(sql.toString())
			.param("tenant", tenant.value())
			.param("community", id)
			.query()
			.singleRow();
		Map<String, Object> stats = new LinkedHashMap<>();
		stats.put("community_id", id);
		stats.put("community_name", community.name());
		stats.put("total_smbs", number(row, "total_smbs"));
		stats.put("active_campaigns", number(row, "active_campaigns"));
		Map<String, Long> byTier = new LinkedHashMap<>();
		for (int tier = 1; tier <= 4; tier++) {
			byTier.put(Integer.toString(tier), number(row, "tier_" + tier));
		}
		stats.put("by_tier", byTier);
		Map<String, Long> byStatus = new LinkedHashMap<>();
		for (String status : List.of("pending", "scheduled", "running", "paused", "completed", "cancelled")) {
			byStatus.put(status, number(row, "status_" + status));
		}
		stats.put("by_campaign_status", byStatus);
		Map<String, Long> optedIn = new LinkedHashMap<>();
		Map<String, Long> canContact = new LinkedHashMap<>();
		for (Channel channel : Channel.values()) {
			optedIn.put(channel.apiName(), number(row, "opted_in_" + channel.apiName()));
			canContact.put(channel.apiName(), number(row, "can_contact_" + channel.apiName()));
		}
		stats.put("opted_in", optedIn);
		stats.put("can_contact", canContact);
		stats.put("do_not_contact", number(row, "do_not_contact"));
		stats.put("average_data_quality",
				row.get("average_data_quality") == null ? 0 : ((Number) row.get("average_data_quality")).intValue());
		return ApiResponse.of(stats);
	}

	private CommunityRef community(TenantId tenant, UUID id) {
		return communities.find(tenant, new CommunityId(id)).orElseThrow(() -> ApiException.notFound("community", id));
	}

	private static long number(Map<String, Object> row, String column) {
		return ((Number) row.get(column)).longValue();
	}

}

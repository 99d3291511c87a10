package com.fibonacco.campaign.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import com.fibonacco.campaign.Campaign;
import com.fibonacco.campaign.CampaignCatalog;
import com.fibonacco.identity.TenantCreated;
import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.web.Page;
import com.fibonacco.shared.web.PageQuery;
import com.fibonacco.smb.SmbId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The catalog in {@code campaigns}; every new tenant starts with the default catalog. */
@Service
class JdbcCampaignCatalog implements CampaignCatalog {

	private final JdbcClient jdbc;

	private final DefaultCatalog defaults;

	private final JsonMapper json;

	private final Clock clock;

	JdbcCampaignCatalog(JdbcClient jdbc, DefaultCatalog defaults, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.defaults = defaults;
		this.json = json;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(TenantCreated event) {
		installDefaultCatalog(event.tenantId());
	}

	@Override
	@Transactional
	public int installDefaultCatalog(TenantId tenant) {
		var now = clock.instant().atOffset(ZoneOffset.UTC);
		int added = 0;
		for (DefaultCatalog.Entry entry : defaults.entries()) {
			added += jdbc
				.sql("""
						INSERT INTO campaigns (tenant_id, id, type, week, day, title, subject, preview_text, slug,
						  service_type, landing_page_slug, email_template_id, body_html, body_text, approval_button_text,
						  approval_config, rvm_script, rvm_config, upsell_services, meeting_topic, is_active,
						  created_at, updated_at)
						VALUES (:tenant, :id, :type, :week, :day, :title, :subject, :previewText, :slug,
						  :serviceType, :landingPageSlug, :emailTemplateId, :bodyHtml, :bodyText, :approvalButtonText,
						  CAST(:approvalConfig AS jsonb), :rvmScript, CAST(:rvmConfig AS jsonb), CAST(:upsellServices AS jsonb),
						  :meetingTopic, true, :now, :now)
						ON CONFLICT DO NOTHING
						""")
				.param("tenant", tenant.value())
				.param("id", entry.id())
				.param("type", entry.type())
				.param("week", entry.week())
				.param("day", entry.day())
				.param("title", entry.title())
				.param("subject", entry.subject())
				.param("previewText", entry.previewText())
				.param("slug", entry.slug())
				.param("serviceType", entry.serviceType())
				.param("landingPageSlug", entry.landingPageSlug())
				.param("emailTemplateId", entry.emailTemplateId())
				.param("bodyHtml", entry.bodyHtml())
				.param("bodyText", entry.bodyText())
				.param("approvalButtonText", entry.approvalButtonText())
				.param("approvalConfig",
						json.writeValueAsString(entry.approvalConfig() == null ? Map.of() : entry.approvalConfig()))
				.param("rvmScript", entry.rvmScript())
				.param("rvmConfig", json.writeValueAsString(entry.rvmConfig() == null ? Map.of() : entry.rvmConfig()))
				.param("upsellServices",
						json.writeValueAsString(entry.upsellServices() == null ? List.of() : entry.upsellServices()))
				.param("meetingTopic", entry.meetingTopic())
				.param("now", now)
				.update();
		}
		return added;
	}

	@Override
	@Transactional(readOnly = true)
	public long count(TenantId tenant) {
		return jdbc.sql("SELECT count(*) FROM campaigns WHERE tenant_id = :tenant")
			.param("tenant", tenant.value())
			.query(Long.class)
			.single();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<Campaign> find(TenantId tenant, String campaignId) {
		return jdbc.sql("SELECT * FROM campaigns WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant.value())
			.param("id", campaignId)
			.query(this::campaign)
			.optional();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<Campaign> getCampaignForDay(TenantId tenant, int day) {
		return jdbc.sql("SELECT * FROM campaigns WHERE tenant_id = :tenant AND day = :day AND is_active")
			.param("tenant", tenant.value())
			.param("day", day)
			.query(this::campaign)
			.optional();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<Campaign> getNextCampaignForSmb(TenantId tenant, SmbId smb) {
		return jdbc.sql("""
				SELECT c.* FROM smbs s
				  LEFT JOIN campaign_programs p ON p.tenant_id = s.tenant_id AND p.smb_id = s.id
				  JOIN campaigns c ON c.tenant_id = s.tenant_id AND c.is_active
				   AND c.day > COALESCE(p.day, 0)
				 WHERE s.tenant_id = :tenant AND s.id = :smb AND s.deleted_at IS NULL
				   AND COALESCE(p.status, 'pending') NOT IN ('completed', 'cancelled')
				   AND NOT EXISTS (SELECT 1 FROM campaign_sends x
				                    WHERE x.tenant_id = s.tenant_id AND x.smb_id = s.id AND x.campaign_id = c.id)
				 ORDER BY c.day LIMIT 1
				""").param("tenant", tenant.value()).param("smb", smb.value()).query(this::campaign).optional();
	}

	/** The tenant's catalog in program order, optionally of one type or activity. */
	@Transactional(readOnly = true)
	Page<Campaign> list(TenantId tenant, @Nullable String type, @Nullable Boolean active, PageQuery page) {
		String where = " WHERE tenant_id = :tenant AND (CAST(:type AS text) IS NULL OR type = :type)"
				+ " AND (CAST(:active AS boolean) IS NULL OR is_active = :active)";
		long total = jdbc.sql("SELECT count(*) FROM campaigns" + where)
			.param("tenant", tenant.value())
			.param("type", type)
			.param("active", active)
			.query(Long.class)
			.single();
		List<Campaign> items = jdbc
			.sql("SELECT * FROM campaigns" + where + " ORDER BY day, id LIMIT :limit OFFSET :offset")
			.param("tenant", tenant.value())
			.param("type", type)
			.param("active", active)
			.param("limit", page.perPage())
			.param("offset", page.offset())
			.query(this::campaign)
			.list();
		return new Page<>(items, page, total);
	}

	/** Inserts or replaces a campaign; the caller validated it. */
	@Transactional
	void save(TenantId tenant, Campaign campaign, boolean insert) {
		var now = clock.instant().atOffset(ZoneOffset.UTC);
		String sql = insert ? """
				INSERT INTO campaigns (tenant_id, id, type, week, day, title, subject, preview_text, slug,
				  service_type, landing_page_slug, email_template_id, body_html, body_text, approval_button_text,
				  approval_config, rvm_script, rvm_config, upsell_services, meeting_topic, is_active,
				  created_at, updated_at)
				VALUES (:tenant, :id, :type, :week, :day, :title, :subject, :previewText, :slug,
				  :serviceType, :landingPageSlug, :emailTemplateId, :bodyHtml, :bodyText, :approvalButtonText,
				  CAST(:approvalConfig AS jsonb), :rvmScript, CAST(:rvmConfig AS jsonb), CAST(:upsellServices AS jsonb),
				  :meetingTopic, :active, :now, :now)
				""" : """
				UPDATE campaigns SET type = :type, week = :week, day = :day, title = :title, subject = :subject,
				  preview_text = :previewText, slug = :slug, service_type = :serviceType,
				  landing_page_slug = :landingPageSlug, email_template_id = :emailTemplateId, body_html = :bodyHtml,
				  body_text = :bodyText, approval_button_text = :approvalButtonText,
				  approval_config = CAST(:approvalConfig AS jsonb), rvm_script = :rvmScript,
				  rvm_config = CAST(:rvmConfig AS jsonb), upsell_services = CAST(:upsellServices AS jsonb),
				  meeting_topic = :meetingTopic, is_active = :active, updated_at = :now
				 WHERE tenant_id = :tenant AND id = :id
				""";
		jdbc.sql(sql)
			.param("tenant", tenant.value())
			.param("id", campaign.id())
			.param("type", campaign.type())
			.param("week", campaign.week())
			.param("day", campaign.day())
			.param("title", campaign.title())
			.param("subject", campaign.subject())
			.param("previewText", campaign.previewText())
			.param("slug", campaign.slug())
			.param("serviceType", campaign.serviceType())
			.param("landingPageSlug", campaign.landingPageSlug())
			.param("emailTemplateId", campaign.emailTemplateId())
			.param("bodyHtml", campaign.bodyHtml())
			.param("bodyText", campaign.bodyText())
			.param("approvalButtonText", campaign.approvalButtonText())
			.param("approvalConfig", json.writeValueAsString(campaign.approvalConfig()))
			.param("rvmScript", campaign.rvmScript())
			.param("rvmConfig", json.writeValueAsString(campaign.rvmConfig()))
			.param("upsellServices", json.writeValueAsString(campaign.upsellServices()))
			.param("meetingTopic", campaign.meetingTopic())
			.param("active", campaign.active())
			.param("now", now)
			.update();
	}

	/**
	 * Whether another campaign of the tenant already has this slug or is active on this
	 * day.
	 */
	@Transactional(readOnly = true)
	Optional<String> clash(TenantId tenant, String id, String slug, int day, boolean active) {
		return jdbc.sql("""
				SELECT CASE WHEN slug = :slug THEN 'slug' ELSE 'day' END FROM campaigns
				 WHERE tenant_id = :tenant AND id <> :id AND (slug = :slug OR (:active AND is_active AND day = :day))
				 ORDER BY 1 DESC LIMIT 1
				""")
			.param("tenant", tenant.value())
			.param("id", id)
			.param("slug", slug)
			.param("day", day)
			.param("active", active)
			.query(String.class)
			.optional();
	}

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private Campaign campaign(ResultSet rs, int row) throws SQLException {
		return new Campaign(rs.getString("id"), rs.getString("type"), rs.getInt("week"), rs.getInt("day"),
				rs.getString("title"), rs.getString("subject"), rs.getString("preview_text"), rs.getString("slug"),
				rs.getString("service_type"), rs.getString("landing_page_slug"), rs.getString("email_template_id"),
				rs.getString("body_html"), rs.getString("body_text"), rs.getString("approval_button_text"),
				json.readValue(rs.getString("approval_config"), OBJECT), rs.getString("rvm_script"),
				json.readValue(rs.getString("rvm_config"), OBJECT),
				json.readValue(rs.getString("upsell_services"), STRINGS), rs.getString("meeting_topic"),
				rs.getBoolean("is_active"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

}

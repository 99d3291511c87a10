package com.fibonacco.campaign.internal;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import com.fibonacco.campaign.CampaignCatalog;
import com.fibonacco.identity.TenantCreated;
import com.fibonacco.shared.TenantId;

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

}

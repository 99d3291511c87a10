package com.fibonacco.campaign.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fibonacco.campaign.Campaign;
import com.fibonacco.campaign.CampaignProperties;
import com.fibonacco.campaign.internal.Programs.Recipient;
import com.fibonacco.campaign.internal.TrackingTokens.Kind;
import com.fibonacco.messaging.EmailProperties;
import com.fibonacco.messaging.OutboundEmail;
import com.fibonacco.shared.TenantId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Renders a send from its campaign's template: HTML and plain text with the merge fields
 * filled (every value escaped in HTML), every link turned into a signed tracking link
 * whose destination is stored in {@code campaign_links}, an open pixel, and the RFC 8058
 * one-click unsubscribe headers. Rendering a send again gives the same links.
 */
@Component
class Renderer {

	private final CampaignProperties properties;

	private final EmailProperties email;

	private final TrackingTokens tokens;

	private final JdbcClient jdbc;

	Renderer(CampaignProperties properties, EmailProperties email, TrackingTokens tokens, JdbcClient jdbc) {
		this.properties = properties;
		this.email = email;
		this.tokens = tokens;
		this.jdbc = jdbc;
	}

	/** A rendered send and the destinations of its tracked links, not stored yet. */
	record Rendered(TenantId tenant, UUID sendId, OutboundEmail email, Map<String, String> links) {
	}

	OutboundEmail render(TenantId tenant, UUID sendId, String messageId, String to, String subject, Campaign campaign,
			Recipient recipient) {
		Rendered rendered = renderOnly(tenant, sendId, messageId, to, subject, campaign, recipient);
		storeLinks(List.of(rendered));
		return rendered.email();
	}

	/**
	 * Renders the send; its links must be stored ({@link #storeLinks}) before it goes out.
	 */
	Rendered renderOnly(TenantId tenant, UUID sendId, String messageId, String to, String subject, Campaign campaign,
			Recipient recipient) {
		Map<String, String> destinations = new LinkedHashMap<>();
		String[] parts = Templates.extractLinks(campaign.bodyHtml() == null ? "" : campaign.bodyHtml(),
				campaign.bodyText() == null ? "" : campaign.bodyText(), destinations);
		destinations.put("approve", properties.approveBaseUrl() + campaign.slug() + "?smb=" + recipient.smb().value());
		destinations.put("learn_more", properties.landingBaseUrl()
				+ (campaign.landingPageSlug() != null ? campaign.landingPageSlug() : campaign.slug()));

		String base = properties.publicBaseUrl() + "/t/";
		String unsubscribeUrl = base + "u/" + tokens.sign(Kind.UNSUBSCRIBE, tenant, sendId, null);
		Map<String, String> values = new HashMap<>();
		values.put("business_name", recipient.businessName());
		values.put("contact_name", recipient.contactName() == null ? "" : recipient.contactName());
		values.put("contact_first_name", recipient.contactFirstName());
		values.put("community_name", recipient.communityName());
		values.put("sender_name", email.fromName());
		values.put("unsubscribe_url", unsubscribeUrl);
		destinations.keySet()
			.forEach(name -> values.put(
					name.equals("approve") ? "approve_url" : name.equals("learn_more") ? "learn_more_url" : name,
					base + "c/" + tokens.sign(Kind.CLICK, tenant, sendId, name)));

		String pixel = "<img src=\"" + Templates.escapeHtml(base + "o/" + tokens.sign(Kind.OPEN, tenant, sendId, null))
				+ "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0;width:1px;height:1px;\">";
		String preview = campaign.previewText() == null ? ""
				: "<div style=\"display:none;max-height:0;overflow:hidden;\">"
						+ Templates.escapeHtml(Templates.merge(campaign.previewText(), values, false)) + "</div>";
		String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + Templates.escapeHtml(subject)
				+ "</title></head><body>" + preview + Templates.merge(parts[0], values, true) + pixel
				+ "</body></html>";
		String text = Templates.merge(parts[1], values, false);

		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("List-Unsubscribe", "<" + unsubscribeUrl + ">");
		headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		headers.put("X-Fibonacco-Campaign", campaign.id());
		return new Rendered(tenant, sendId, new OutboundEmail(tenant, messageId, email.fromName(), email.fromEmail(), email.replyTo(),
				to, subject, html, text, headers, sendId), destinations);
	}

	/**
	 * Stores the link destinations of the rendered sends, all in one statement (a send
	 * rendered again keeps the links it has).
	 */
	void storeLinks(List<Rendered> rendered) {
		List<String> tenants = new ArrayList<>();
		List<String> sends = new ArrayList<>();
		List<String> names = new ArrayList<>();
		List<String> urls = new ArrayList<>();
		for (Rendered r : rendered) {
			r.links().forEach((name, url) -> {
				tenants.add(r.tenant().value().toString());
				sends.add(r.sendId().toString());
				names.add(name);
				urls.add(url);
			});
		}
		if (names.isEmpty()) {
			return;
		}
		jdbc.sql("""
				INSERT INTO campaign_links (tenant_id, campaign_send_id, name, url)
				SELECT * FROM unnest(CAST(:tenants AS uuid[]), CAST(:sends AS uuid[]), CAST(:names AS text[]),
				                     CAST(:urls AS text[]))
				ON CONFLICT DO NOTHING
				""")
			.param("tenants", tenants.toArray(String[]::new))
			.param("sends", sends.toArray(String[]::new))
			.param("names", names.toArray(String[]::new))
			.param("urls", urls.toArray(String[]::new))
			.update();
	}

}

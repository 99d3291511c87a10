package com.fibonacco.campaign.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fibonacco.campaign.Campaign;
import com.fibonacco.campaign.internal.CatalogDtos.CampaignRequest;
import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.web.ApiException;
import com.fibonacco.shared.web.FieldError;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Edits of the catalog: the rules a campaign must follow beyond its field formats. */
@Service
class CatalogService {

	static final Set<String> TYPES = Set.of("HOOK", "EDU", "HOWTO", "PROMO", "UPSELL", "MEETING", "CHECKIN", "SURVEY");

	private final JdbcCampaignCatalog catalog;

	private final Clock clock;

	CatalogService(JdbcCampaignCatalog catalog, Clock clock) {
		this.catalog = catalog;
		this.clock = clock;
	}

	@Transactional
	Campaign create(TenantId tenant, CampaignRequest request) {
		if (request.id() == null) {
			throw ApiException.invalid("id", "must not be blank");
		}
		Campaign campaign = validated(request.id(), request);
		if (catalog.find(tenant, request.id()).isPresent()) {
			throw ApiException.conflict("campaign_exists", "The catalog already has a campaign " + request.id());
		}
		checkClashes(tenant, campaign);
		catalog.save(tenant, campaign, true);
		return catalog.find(tenant, campaign.id()).orElseThrow();
	}

	@Transactional
	Campaign replace(TenantId tenant, String id, CampaignRequest request) {
		catalog.find(tenant, id).orElseThrow(() -> ApiException.notFound("campaign", id));
		if (request.id() != null && !request.id().equals(id)) {
			throw ApiException.invalid("id", "can't be changed; leave it out or send " + id);
		}
		Campaign campaign = validated(id, request);
		checkClashes(tenant, campaign);
		catalog.save(tenant, campaign, false);
		return catalog.find(tenant, id).orElseThrow();
	}

	private void checkClashes(TenantId tenant, Campaign campaign) {
		catalog.clash(tenant, campaign.id(), campaign.slug(), campaign.day(), campaign.active()).ifPresent(what -> {
			throw "slug".equals(what)
					? ApiException.conflict("slug_taken", "Another campaign has the slug " + campaign.slug())
					: ApiException.conflict("day_taken", "Another active campaign goes out on day " + campaign.day()
							+ "; deactivate it first (is_active false)");
		});
	}

	private Campaign validated(String id, CampaignRequest r) {
		List<FieldError> errors = new ArrayList<>();
		if (!TYPES.contains(r.type())) {
			errors.add(new FieldError("type", "must be one of " + new java.util.TreeSet<>(TYPES)));
		}
		int day = r.day();
		int week = (day - 1) / 7 + 1;
		if (r.week() != null && r.week() != week) {
			errors.add(new FieldError("week", "day " + day + " is in week " + week));
		}
		Templates.unknownFields(r.subject())
			.forEach(f -> errors.add(new FieldError("subject", "unknown merge field " + f)));
		Templates.unknownFields(r.bodyHtml())
			.forEach(f -> errors.add(new FieldError("body_html", "unknown merge field " + f)));
		Templates.unknownFields(r.bodyText())
			.forEach(f -> errors.add(new FieldError("body_text", "unknown merge field " + f)));
		if (!r.bodyHtml().contains("{{unsubscribe_url}}")) {
			errors.add(new FieldError("body_html", "must contain the {{unsubscribe_url}} link"));
		}
		if (!r.bodyText().contains("{{unsubscribe_url}}")) {
			errors.add(new FieldError("body_text", "must contain the {{unsubscribe_url}} link"));
		}
		if (!errors.isEmpty()) {
			throw ApiException.invalid(errors);
		}
		var now = clock.instant();
		return new Campaign(id, r.type(), week, day, r.title().strip(), r.subject().strip(), r.previewText(), r.slug(),
				r.serviceType(), r.landingPageSlug(), r.emailTemplateId(), r.bodyHtml(), r.bodyText(),
				r.approvalButtonText(), r.approvalConfig() == null ? Map.of() : r.approvalConfig(), r.rvmScript(),
				r.rvmConfig() == null ? Map.of() : r.rvmConfig(),
				r.upsellServices() == null ? List.of() : r.upsellServices(), r.meetingTopic(),
				r.isActive() == null || r.isActive(), now, now);
	}

}

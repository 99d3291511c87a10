package com.fibonacco.campaign.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import com.fibonacco.campaign.Campaign;

/** Request and response bodies of the catalog endpoints (snake_case on the wire). */
final class CatalogDtos {

	private CatalogDtos() {
	}

	/**
	 * A campaign as sent by a client. {@code id} is required to create and, when sent on
	 * a replace, must be the path's id. {@code week} follows from {@code day} when left
	 * out.
	 */
	record CampaignRequest(
			@Nullable @Pattern(regexp = "^[A-Z][A-Z0-9]*-[0-9]{3}$",
					message = "must look like HOWTO-001 (upper-case code, dash, three digits)") String id,
			@NotBlank String type, @Nullable @Min(1) @Max(13) Integer week, @NotNull @Min(1) @Max(90) Integer day,
			@NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 200) String subject,
			@Nullable @Size(max = 300) String previewText,
			@NotBlank @Size(max = 100) @Pattern(regexp = "^[a-z0-9]+(-[a-z0-9]+)*$",
					message = "must be lower-case words joined by dashes") String slug,
			@Nullable @Size(max = 100) String serviceType, @Nullable @Size(max = 200) String landingPageSlug,
			@Nullable @Size(max = 100) String emailTemplateId, @NotBlank @Size(max = 100000) String bodyHtml,
			@NotBlank @Size(max = 100000) String bodyText, @Nullable @Size(max = 100) String approvalButtonText,
			@Nullable Map<String, Object> approvalConfig, @Nullable @Size(max = 5000) String rvmScript,
			@Nullable Map<String, Object> rvmConfig, @Nullable @Size(max = 20) List<@NotBlank String> upsellServices,
			@Nullable @Size(max = 200) String meetingTopic, @Nullable Boolean isActive) {
	}

	record CampaignResponse(String id, String type, int week, int day, String title, String subject,
			@Nullable String previewText, String slug, @Nullable String serviceType, @Nullable String landingPageSlug,
			@Nullable String emailTemplateId, @Nullable String bodyHtml, @Nullable String bodyText,
			@Nullable String approvalButtonText, Map<String, Object> approvalConfig, @Nullable String rvmScript,
			Map<String, Object> rvmConfig, List<String> upsellServices, @Nullable String meetingTopic, boolean isActive,
			Instant createdAt, Instant updatedAt) {

		static CampaignResponse of(Campaign c) {
			return new CampaignResponse(c.id(), c.type(), c.week(), c.day(), c.title(), c.subject(), c.previewText(),
					c.slug(), c.serviceType(), c.landingPageSlug(), c.emailTemplateId(), c.bodyHtml(), c.bodyText(),
					c.approvalButtonText(), c.approvalConfig(), c.rvmScript(), c.rvmConfig(), c.upsellServices(),
					c.meetingTopic(), c.active(), c.createdAt(), c.updatedAt());
		}

	}

}

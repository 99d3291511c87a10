package com.fibonacco.campaign;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One campaign of a tenant's catalog: the email of one program day, with its voicemail
 * script, approval button, upsell services and meeting topic.
 */
public record Campaign(String id, String type, int week, int day, String title, String subject,
		@Nullable String previewText, String slug, @Nullable String serviceType, @Nullable String landingPageSlug,
		@Nullable String emailTemplateId, @Nullable String bodyHtml, @Nullable String bodyText,
		@Nullable String approvalButtonText, Map<String, Object> approvalConfig, @Nullable String rvmScript,
		Map<String, Object> rvmConfig, List<String> upsellServices, @Nullable String meetingTopic, boolean active,
		Instant createdAt, Instant updatedAt) {
}

package com.fibonacco.campaign.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The default 90-day catalog shipped as data in {@code catalog/manifest-destiny.json}.
 */
@Component
class DefaultCatalog {

	private final List<Entry> entries;

	DefaultCatalog(JsonMapper json) {
		try (InputStream in = new ClassPathResource("catalog/manifest-destiny.json").getInputStream()) {
			this.entries = List.copyOf(json.readValue(in, new TypeReference<List<Entry>>() {
			}));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("the default campaign catalog is missing from the build", ex);
		}
	}

	List<Entry> entries() {
		return entries;
	}

	/** One campaign of the catalog, with the columns of {@code campaigns}. */
	record Entry(String id, String type, int week, int day, String title, String subject, @Nullable String previewText,
			String slug, @Nullable String serviceType, @Nullable String landingPageSlug,
			@Nullable String emailTemplateId, @Nullable String approvalButtonText,
			@Nullable Map<String, Object> approvalConfig, @Nullable String rvmScript,
			@Nullable Map<String, Object> rvmConfig, @Nullable List<String> upsellServices,
			@Nullable String meetingTopic, String bodyHtml, String bodyText) {
	}

}

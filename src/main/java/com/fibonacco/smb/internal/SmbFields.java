package com.fibonacco.smb.internal;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import com.fibonacco.community.CommunityId;

/**
 * The fields of an SMB a user may set, validated and normalised (emails lower-case,
 * phones E.164, state upper-case). JSON-valued fields are kept as JSON trees.
 */
record SmbFields(CommunityId communityId, String slug, String businessName, @Nullable String dbaName,
		@Nullable String businessType, @Nullable String category, @Nullable String primaryContactName,
		@Nullable String primaryEmail, @Nullable String primaryPhone, JsonNode secondaryContacts,
		@Nullable String website, @Nullable String address, @Nullable String city, @Nullable String state,
		@Nullable String zip, @Nullable BigDecimal latitude, @Nullable BigDecimal longitude,
		@Nullable String businessDescription, JsonNode brandVoice, JsonNode productsServices,
		JsonNode contentPreferences, JsonNode faqs, @Nullable String serviceModel, String subscriptionTier,
		boolean emailOptedIn, boolean smsOptedIn, boolean rvmOptedIn, boolean phoneOptedIn, boolean doNotContact,
		@Nullable String source, JsonNode metadata) {

	/** Field name (as in the API) → value, for diffs and the timeline. */
	Map<String, @Nullable Object> asMap() {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		map.put("community_id", communityId.value().toString());
		map.put("slug", slug);
		map.put("business_name", businessName);
		map.put("dba_name", dbaName);
		map.put("business_type", businessType);
		map.put("category", category);
		map.put("primary_contact_name", primaryContactName);
		map.put("primary_email", primaryEmail);
		map.put("primary_phone", primaryPhone);
		map.put("secondary_contacts", secondaryContacts);
		map.put("website", website);
		map.put("address", address);
		map.put("city", city);
		map.put("state", state);
		map.put("zip", zip);
		map.put("latitude", latitude == null ? null : latitude.stripTrailingZeros());
		map.put("longitude", longitude == null ? null : longitude.stripTrailingZeros());
		map.put("business_description", businessDescription);
		map.put("brand_voice", brandVoice);
		map.put("products_services", productsServices);
		map.put("content_preferences", contentPreferences);
		map.put("faqs", faqs);
		map.put("service_model", serviceModel);
		map.put("subscription_tier", subscriptionTier);
		map.put("email_opted_in", emailOptedIn);
		map.put("sms_opted_in", smsOptedIn);
		map.put("rvm_opted_in", rvmOptedIn);
		map.put("phone_opted_in", phoneOptedIn);
		map.put("do_not_contact", doNotContact);
		map.put("source", source);
		map.put("metadata", metadata);
		return map;
	}

}

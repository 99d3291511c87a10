package com.fibonacco.smb;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.fibonacco.community.CommunityId;

/**
 * An SMB to create, as other modules (import, demo data) hand it over. Emails lower-case
 * and phones in E.164 already; the API validates what users send before it gets here.
 */
public record NewSmb(CommunityId communityId, String slug, String businessName, @Nullable String dbaName,
		@Nullable String businessType, @Nullable String category, @Nullable String primaryContactName,
		@Nullable String primaryEmail, @Nullable String primaryPhone, List<Map<String, String>> secondaryContacts,
		@Nullable String website, @Nullable String address, @Nullable String city, @Nullable String state,
		@Nullable String zip, @Nullable BigDecimal latitude, @Nullable BigDecimal longitude,
		@Nullable String businessDescription, List<String> productsServices, int engagementTier, int engagementScore,
		@Nullable Instant lastEmailOpen, @Nullable Instant lastEmailClick, @Nullable String serviceModel,
		String subscriptionTier, boolean emailOptedIn, boolean smsOptedIn, boolean rvmOptedIn, boolean phoneOptedIn,
		boolean doNotContact, @Nullable String source, Map<String, Object> metadata) {
}

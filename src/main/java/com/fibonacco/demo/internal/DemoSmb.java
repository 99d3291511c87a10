package com.fibonacco.demo.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One generated demo business. {@code primaryEmail} is lower-case, {@code primaryPhone}
 * is E.164 (such as {@code +18286924417}, never a 555 exchange), {@code communityIndex}
 * points into the community list it was generated for.
 */
record DemoSmb(int communityIndex, String businessName, @Nullable String dbaName, String businessType, String category,
		String primaryContactName, @Nullable String primaryEmail, @Nullable String primaryPhone,
		List<SecondaryContact> secondaryContacts, String address, String city, String state, String zip,
		BigDecimal latitude, BigDecimal longitude, @Nullable String serviceModel, String subscriptionTier,
		boolean emailOptedIn, boolean smsOptedIn, boolean rvmOptedIn, boolean phoneOptedIn, boolean doNotContact,
		String source, String businessDescription, @Nullable String website, List<String> productsServices,
		int engagementScore, @Nullable Instant lastEmailOpen, @Nullable Instant lastEmailClick) {

	DemoSmb {
		secondaryContacts = List.copyOf(secondaryContacts);
		productsServices = List.copyOf(productsServices);
	}

}

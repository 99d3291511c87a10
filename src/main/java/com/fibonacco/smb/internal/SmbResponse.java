package com.fibonacco.smb.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** An SMB as the API shows it, named as the schema's columns. */
record SmbResponse(UUID id, UUID communityId, String slug, String businessName, @Nullable String dbaName,
		@Nullable String businessType, @Nullable String category, @Nullable String primaryContactName,
		@Nullable String primaryEmail, @Nullable String primaryPhone, JsonNode secondaryContacts,
		@Nullable String website, @Nullable String address, @Nullable String city, @Nullable String state,
		@Nullable String zip, @Nullable BigDecimal latitude, @Nullable BigDecimal longitude,
		@Nullable String businessDescription, JsonNode brandVoice, JsonNode productsServices,
		JsonNode contentPreferences, JsonNode faqs, int engagementTier, int engagementScore,
		@Nullable Instant lastEmailOpen, @Nullable Instant lastEmailClick, @Nullable Instant lastContentView,
		@Nullable Instant lastApproval, int totalApprovals, int totalMeetings, String campaignStatus,
		@Nullable String currentCampaignId, int manifestDestinyDay, @Nullable LocalDate manifestDestinyStartDate,
		@Nullable Instant nextScheduledSend, @Nullable String serviceModel, String subscriptionTier,
		boolean emailOptedIn, boolean smsOptedIn, boolean rvmOptedIn, boolean phoneOptedIn, boolean doNotContact,
		CanContact canContact, @Nullable String source, int dataQualityScore, JsonNode metadata, long version,
		Instant createdAt, Instant updatedAt, @Nullable Instant deletedAt) {

	/**
	 * Whether each channel may be used now (opt-in, not do-not-contact, has the address,
	 * not suppressed).
	 */
	record CanContact(boolean email, boolean sms, boolean rvm, boolean phone) {
	}

	static SmbResponse of(SmbRow row) {
		SmbFields f = row.fields();
		return new SmbResponse(row.uuid(), f.communityId().value(), f.slug(), f.businessName(), f.dbaName(),
				f.businessType(), f.category(), f.primaryContactName(), f.primaryEmail(), f.primaryPhone(),
				f.secondaryContacts(), f.website(), f.address(), f.city(), f.state(), f.zip(), f.latitude(),
				f.longitude(), f.businessDescription(), f.brandVoice(), f.productsServices(), f.contentPreferences(),
				f.faqs(), row.engagementTier(), row.engagementScore(), row.lastEmailOpen(), row.lastEmailClick(),
				row.lastContentView(), row.lastApproval(), row.totalApprovals(), row.totalMeetings(),
				row.campaignStatus(), row.currentCampaignId(), row.manifestDestinyDay(), row.manifestDestinyStartDate(),
				row.nextScheduledSend(), f.serviceModel(), f.subscriptionTier(), f.emailOptedIn(), f.smsOptedIn(),
				f.rvmOptedIn(), f.phoneOptedIn(), f.doNotContact(),
				new CanContact(row.canContactEmail(), row.canContactSms(), row.canContactRvm(), row.canContactPhone()),
				f.source(), row.dataQualityScore(), f.metadata(), row.version(), row.createdAt(), row.updatedAt(),
				row.deletedAt());
	}

}

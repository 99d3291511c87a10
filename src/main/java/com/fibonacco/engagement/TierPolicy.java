package com.fibonacco.engagement;

/**
 * What a tier allows (seed 000's tier configuration, seed 004's monthly voicemail
 * limits): how often email goes out, whether content is personalised, and how many
 * ringless voicemails a month. A tier decides eligibility and frequency only: whether the
 * SMB may be contacted at all on a channel is its consent and do-not-contact, which no
 * tier changes.
 */
public record TierPolicy(int tier, String name, int minScore, String emailFrequency, boolean contentPersonalization,
		boolean rvmEligible, int rvmMonthlyLimit) {

	/** The policy of a tier (1 Premium … 4 Passive) under the configured tiers. */
	public static TierPolicy of(EngagementProperties properties, int tier) {
		EngagementProperties.Tier config = properties.tiers().get(tier);
		if (config == null) {
			throw new IllegalArgumentException("no tier " + tier);
		}
		return switch (tier) {
			case 1 -> new TierPolicy(1, config.name(), config.minScore(), "daily", true, true, 4);
			case 2 -> new TierPolicy(2, config.name(), config.minScore(), "every_other_day", true, true, 2);
			case 3 -> new TierPolicy(3, config.name(), config.minScore(), "weekly", false, true, 1);
			// Passive: voicemail at most quarterly (seed 004), so none in a monthly
			// allowance
			default -> new TierPolicy(4, config.name(), config.minScore(), "bi_weekly", false, false, 0);
		};
	}

}

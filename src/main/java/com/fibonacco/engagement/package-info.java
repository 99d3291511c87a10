/**
 * Engagement scores and tiers of SMBs. Publishes
 * {@link com.fibonacco.engagement.SmbEngagementChanged} and
 * {@link com.fibonacco.engagement.SmbTierChanged}.
 */
@NullMarked
@ApplicationModule(displayName = "Engagement")
package com.fibonacco.engagement;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

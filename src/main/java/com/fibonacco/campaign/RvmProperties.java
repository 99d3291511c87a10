package com.fibonacco.campaign;

import java.time.LocalTime;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code fibonacco.rvm.*}: ringless-voicemail follow-ups (seed 004 §6). A voicemail
 * follows an email unopened for {@code trigger-after-hours}, at {@code send-time-local}
 * in the community's time zone, at most {@code monthly-limits[tier]} a month.
 */
@Validated
@ConfigurationProperties("fibonacco.rvm")
public record RvmProperties(@DefaultValue("drop_cowboy") @NotBlank String provider,
		@DefaultValue("24") @Min(1) @Max(720) int triggerAfterHours, @DefaultValue("10:00") LocalTime sendTimeLocal,
		@DefaultValue("5") @Min(0) @Max(1440) int followupEmailDelayMinutes,
		@Nullable Map<Integer, Integer> monthlyLimits) {

	public RvmProperties {
		monthlyLimits = monthlyLimits == null || monthlyLimits.isEmpty() ? Map.of(1, 4, 2, 2, 3, 1, 4, 0)
				: Map.copyOf(monthlyLimits);
		for (int tier = 1; tier <= 4; tier++) {
			Integer limit = monthlyLimits.get(tier);
			if (limit == null || limit < 0 || limit > 31) {
				throw new IllegalArgumentException("fibonacco.rvm.monthly-limits[" + tier
						+ "] must be set for each tier 1-4 and be between 0 and 31, was " + limit);
			}
		}
		if (monthlyLimits.size() != 4) {
			throw new IllegalArgumentException(
					"fibonacco.rvm.monthly-limits has tiers other than 1-4: " + monthlyLimits.keySet());
		}
	}

}

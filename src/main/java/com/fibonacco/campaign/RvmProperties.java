package com.fibonacco.campaign;

import java.time.Duration;
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
 * in the community's time zone, at most {@code monthly-limits[tier]} a month (counted by
 * the community's calendar month). A campaign's {@code rvm_config} may turn its voicemail
 * off ({@code enabled: false}) or wait another number of hours
 * ({@code trigger_after_hours}). The transport and the provider's webhook are the
 * messaging module's part of {@code fibonacco.rvm.*}.
 *
 * @param provider the provider name of seed 004's configuration (informational: the drop
 * records the transport that took it)
 * @param followupEmailDelayMinutes how long after a voicemail's delivery its follow-up
 * email goes
 * @param worker the checker of due voicemail follow-ups and the drop sender
 */
@Validated
@ConfigurationProperties("fibonacco.rvm")
public record RvmProperties(@DefaultValue("drop_cowboy") @NotBlank String provider,
		@DefaultValue("24") @Min(1) @Max(720) int triggerAfterHours, @DefaultValue("10:00") LocalTime sendTimeLocal,
		@DefaultValue("5") @Min(0) @Max(1440) int followupEmailDelayMinutes,
		@Nullable Map<Integer, Integer> monthlyLimits, @DefaultValue Worker worker) {

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

	/**
	 * Every {@code poll-interval} each server process claims up to {@code batch-size} due
	 * voicemail checks and due drops ({@code FOR UPDATE SKIP LOCKED}). A drop the
	 * provider could not take (5xx, timeout) is tried again later, up to
	 * {@code max-attempts} in all; one left 'sending' longer than {@code lease} (its
	 * process died) is taken again with the same idempotency key.
	 */
	public record Worker(@DefaultValue("true") boolean enabled, @DefaultValue("30s") Duration pollInterval,
			@DefaultValue("200") @Min(1) @Max(5000) int batchSize, @DefaultValue("5") @Min(1) @Max(20) int maxAttempts,
			@DefaultValue("10m") Duration lease) {
	}

	/** The monthly limit of a tier (tiers outside 1-4 count as the nearest). */
	public int monthlyLimit(int tier) {
		return monthlyLimits.get(Math.clamp(tier, 1, 4));
	}

}

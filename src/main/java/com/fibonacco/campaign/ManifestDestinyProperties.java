package com.fibonacco.campaign;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code fibonacco.manifest-destiny.*}: the length of the program and which campaign type
 * goes out on which day of each program week (seed 004 §6).
 *
 * @param advanceWorkers how many batches of due programs the day scheduler advances at
 * once in a process (each its own transaction, the rows locked with SKIP LOCKED)
 */
@Validated
@ConfigurationProperties("fibonacco.manifest-destiny")
public record ManifestDestinyProperties(@DefaultValue("90") @Min(1) @Max(365) int totalDays,
		@Nullable Map<Integer, String> campaignsPerDay, @DefaultValue("2") @Min(1) @Max(16) int advanceWorkers) {

	static final Set<String> CAMPAIGN_TYPES = Set.of("HOOK", "EDU", "HOWTO", "PROMO", "UPSELL", "MEETING", "CHECKIN",
			"SURVEY");

	public ManifestDestinyProperties {
		campaignsPerDay = campaignsPerDay == null || campaignsPerDay.isEmpty()
				? Map.of(1, "HOOK", 2, "EDU", 4, "HOWTO", 6, "HOWTO") : Map.copyOf(new TreeMap<>(campaignsPerDay));
		campaignsPerDay.forEach((day, type) -> {
			if (day < 1 || day > 7) {
				throw new IllegalArgumentException(
						"fibonacco.manifest-destiny.campaigns-per-day: day " + day + " is not a day of the week (1-7)");
			}
			if (!CAMPAIGN_TYPES.contains(type)) {
				throw new IllegalArgumentException("fibonacco.manifest-destiny.campaigns-per-day[" + day + "]: '" + type
						+ "' is not a campaign type " + new java.util.TreeSet<>(CAMPAIGN_TYPES));
			}
		});
	}

}

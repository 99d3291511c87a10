package com.fibonacco.engagement;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code fibonacco.engagement.*}: the default tiers and signal weights of seed 004 §6,
 * with seed 000's 30-day window. Tenants start from these and may tune their own.
 * {@code recompute-parallelism}: how many id ranges of a large tenant the nightly jobs
 * work on at once (0: one per processor, at most four).
 */
@Validated
@ConfigurationProperties("fibonacco.engagement")
public record EngagementProperties(@Nullable Map<Integer, Tier> tiers, @Nullable Map<String, Integer> scoreWeights,
		@DefaultValue("30") @Min(1) @Max(365) int windowDays, @DefaultValue("0") @Min(0) @Max(16) int recomputeParallelism) {

	static final Set<String> SIGNALS = Set.of("email_open", "email_click", "content_view", "content_complete",
			"approval", "meeting_scheduled", "callback");

	public EngagementProperties {
		tiers = tiers == null || tiers.isEmpty() ? Map.of(1, new Tier("Premium", 80), 2, new Tier("Engaged", 50), 3,
				new Tier("Active", 20), 4, new Tier("Passive", 0)) : Map.copyOf(tiers);
		if (!tiers.keySet().equals(Set.of(1, 2, 3, 4))) {
			throw new IllegalArgumentException(
					"fibonacco.engagement.tiers must define exactly tiers 1, 2, 3 and 4, had " + tiers.keySet());
		}
		if (tiers.get(4).minScore() != 0) {
			throw new IllegalArgumentException(
					"fibonacco.engagement.tiers[4].min-score must be 0 so every SMB has a tier");
		}
		for (int tier = 1; tier < 4; tier++) {
			if (tiers.get(tier).minScore() <= tiers.get(tier + 1).minScore()) {
				throw new IllegalArgumentException("fibonacco.engagement.tiers[" + tier + "].min-score ("
						+ tiers.get(tier).minScore() + ") must be above tiers[" + (tier + 1) + "].min-score ("
						+ tiers.get(tier + 1).minScore() + ")");
			}
		}
		Map<String, Integer> weights = new LinkedHashMap<>(Map.of("email_open", 5, "email_click", 10, "content_view", 8,
				"content_complete", 15, "approval", 25, "meeting_scheduled", 30, "callback", 20));
		if (scoreWeights != null) {
			scoreWeights.forEach((signal, weight) -> {
				String name = signal.replace('-', '_');
				if (!SIGNALS.contains(name)) {
					throw new IllegalArgumentException("fibonacco.engagement.score-weights." + signal
							+ " is not a signal; known: " + new java.util.TreeSet<>(SIGNALS));
				}
				if (weight == null || weight < 0 || weight > 100) {
					throw new IllegalArgumentException("fibonacco.engagement.score-weights." + signal
							+ " must be between 0 and 100, was " + weight);
				}
				weights.put(name, weight);
			});
		}
		scoreWeights = Map.copyOf(weights);
	}

	/** How many id ranges the nightly jobs work on at once. */
	public int recomputeThreads() {
		return recomputeParallelism > 0 ? recomputeParallelism
				: Math.clamp(Runtime.getRuntime().availableProcessors(), 1, 4);
	}

	/** The tier a score falls in: 1 (Premium) to 4 (Passive). */
	public int tierFor(int score) {
		for (int tier = 1; tier <= 4; tier++) {
			if (score >= tiers.get(tier).minScore()) {
				return tier;
			}
		}
		return 4;
	}

	public record Tier(@NotBlank String name, @Min(0) @Max(100) int minScore) {
	}

}

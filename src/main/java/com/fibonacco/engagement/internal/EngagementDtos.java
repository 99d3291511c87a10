package com.fibonacco.engagement.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import com.fibonacco.engagement.SmbTierChanged;
import com.fibonacco.engagement.TierPolicy;
import com.fibonacco.engagement.internal.TierPins.Pin;

/** Request and response bodies of the engagement endpoints (snake_case on the wire). */
final class EngagementDtos {

	private EngagementDtos() {
	}

	/**
	 * Why the SMB has its score and tier: the stored values, the score computed now with
	 * each rule's and category's part, the lead score likewise, recent signals and tier
	 * moves.
	 */
	record EngagementResponse(UUID smbId, int score, int tier, String tierName, @Nullable PinResponse pin,
			String explanation, TierPolicy tierPolicy, ScoreExplanation engagement, ScoreExplanation lead,
			LastActivity lastActivity, List<SignalResponse> recentSignals, List<TierChangeResponse> tierChanges,
			Instant asOf) {
	}

	/**
	 * One model's score as of now: {@code bands} list every band with its minimum, so a
	 * client can say how far the next one is.
	 */
	record ScoreExplanation(String model, int score, String band, String bandName, int unboundedScore, int minScore,
			int maxScore, List<RuleResponse> rules, List<CategoryResponse> categories, List<BandResponse> bands) {

		static ScoreExplanation of(ScoreModel model, Scorer.Score score) {
			return new ScoreExplanation(model.key(), score.total(), score.band().key(), score.band().name(),
					score.unbounded(), model.minScore(), model.maxScore(),
					score.rules().stream().map(RuleResponse::of).toList(),
					score.categories()
						.stream()
						.map(c -> new CategoryResponse(c.key(), c.name(), c.cap(), c.raw(), c.points()))
						.toList(),
					model.bands().stream().map(b -> new BandResponse(b.key(), b.name(), b.minScore())).toList());
		}

	}

	/**
	 * A rule's part: matched signals and the points they gave before any category cap.
	 */
	record RuleResponse(String rule, String name, @Nullable String signalType, @Nullable String category,
			int occurrences, int points) {

		static RuleResponse of(Scorer.RuleContribution contribution) {
			ScoreModel.Rule rule = contribution.rule();
			return new RuleResponse(rule.key(), rule.name(),
					rule.signalType() == null ? null : rule.signalType().apiName(), rule.category(),
					contribution.occurrences(), contribution.points());
		}

	}

	record CategoryResponse(String key, String name, int cap, int rawPoints, int points) {
	}

	record BandResponse(String key, String name, int minScore) {
	}

	record LastActivity(@Nullable Instant lastEmailOpen, @Nullable Instant lastEmailClick,
			@Nullable Instant lastContentView, @Nullable Instant lastApproval, int totalApprovals, int totalMeetings) {
	}

	record SignalResponse(String signalType, Instant occurredAt, boolean machineGenerated, boolean scored,
			Map<String, String> attributes, UUID sourceEventId) {

		static SignalResponse of(Signal signal) {
			return new SignalResponse(signal.type().apiName(), signal.occurredAt(), signal.machineGenerated(),
					!signal.machineGenerated(), signal.attributes(), signal.sourceEventId());
		}

	}

	record TierChangeResponse(int oldTier, int newTier, String direction, String reason, Instant occurredAt) {

		static TierChangeResponse of(SmbTierChanged change) {
			return new TierChangeResponse(change.oldTier(), change.newTier(),
					change.direction().name().toLowerCase(java.util.Locale.ROOT), change.reason(), change.occurredAt());
		}

	}

	record PinResponse(int tier, String tierName, String reason, @Nullable Instant expiresAt, @Nullable UUID pinnedBy,
			Instant pinnedAt) {

		static PinResponse of(Pin pin, String tierName) {
			return new PinResponse(pin.tier(), tierName, pin.reason(), pin.expiresAt(), pin.pinnedBy(), pin.pinnedAt());
		}

	}

	record PinRequest(@NotNull @Min(1) @Max(4) Integer tier, @NotBlank @Size(max = 500) String reason,
			@Nullable Instant expiresAt) {
	}

	/** A daily series; days before the first recorded score have no values. */
	record ScoreHistory(String model, LocalDate from, LocalDate to, List<Day> days, List<ChangeResponse> changes) {
	}

	record Day(LocalDate day, @Nullable Integer score, @Nullable String band, @Nullable Integer tier) {
	}

	/** A change of the score and the rule that fired it (null for a recompute). */
	record ChangeResponse(Instant occurredAt, int oldScore, int newScore, @Nullable String rule, String reason) {
	}

}

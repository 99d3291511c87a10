package com.fibonacco.engagement.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.fibonacco.engagement.internal.ScoreModel.Band;
import com.fibonacco.engagement.internal.ScoreModel.Category;
import com.fibonacco.engagement.internal.ScoreModel.Rule;

/**
 * The scoring function: a model and one SMB's signals give its score as of an instant,
 * with what each rule and category contributed. {@link SqlScores} computes the same
 * numbers set-based for the nightly recompute; a test holds the two to each other.
 * <p>
 * Ages count whole UTC calendar days (a signal of yesterday is 1 day old whatever the
 * hour), so the score only moves at midnight UTC or on a new signal, and a recompute run
 * twice the same day finds nothing to change.
 */
final class Scorer {

	private Scorer() {
	}

	static Score score(ScoreModel model, Collection<Signal> signals, Instant asOf) {
		LocalDate today = day(asOf);
		List<Signal> counted = signals.stream()
			.filter(signal -> !signal.machineGenerated() && !signal.occurredAt().isAfter(asOf))
			.sorted(Comparator.comparing(Signal::occurredAt).thenComparing(Signal::sourceEventId).reversed())
			.toList();

		List<RuleContribution> contributions = new ArrayList<>();
		for (Rule rule : model.rules()) {
			contributions.add(rule.inactiveDays() != null ? inactivity(model, rule, counted, today)
					: signalRule(rule, counted, today));
		}

		Map<String, CategoryTotal> categories = new LinkedHashMap<>();
		int total = 0;
		for (RuleContribution contribution : contributions) {
			if (contribution.category() == null || model.category(contribution.category()).isEmpty()) {
				total += contribution.points();
			}
		}
		for (Category category : model.categories()) {
			int raw = contributions.stream()
				.filter(contribution -> category.key().equals(contribution.category()))
				.mapToInt(RuleContribution::points)
				.sum();
			int points = Math.min(raw, category.cap());
			categories.put(category.key(),
					new CategoryTotal(category.key(), category.name(), category.cap(), raw, points));
			total += points;
		}
		int raw = total;
		total = Math.max(model.minScore(), Math.min(model.maxScore(), total));
		return new Score(total, raw, model.bandIndex(total), model.band(total), List.copyOf(contributions),
				List.copyOf(categories.values()));
	}

	private static RuleContribution signalRule(Rule rule, List<Signal> newestFirst, LocalDate today) {
		int occurrences = 0;
		int points = 0;
		for (Signal signal : newestFirst) {
			if (rule.maxOccurrences() != null && occurrences >= rule.maxOccurrences()) {
				break;
			}
			long age = ageDays(signal, today);
			if (signal.type() != rule.signalType() || age > rule.windowDays()
					|| !signal.attributes().entrySet().containsAll(rule.conditions().entrySet())) {
				continue;
			}
			occurrences++;
			points += points(rule, age);
		}
		return new RuleContribution(rule, occurrences, points);
	}

	/**
	 * One signal's points under the rule: its weight less its weekly decay, never below
	 * 0.
	 */
	static int points(Rule rule, long ageDays) {
		if (rule.decayPointsPerWeek() == null) {
			return rule.points();
		}
		return (int) Math.max(0, rule.points() - rule.decayPointsPerWeek() * (ageDays / 7));
	}

	private static RuleContribution inactivity(ScoreModel model, Rule rule, List<Signal> newestFirst, LocalDate today) {
		var activity = model.activityTypes();
		boolean active = newestFirst.stream()
			.anyMatch(signal -> activity.contains(signal.type()) && ageDays(signal, today) <= rule.inactiveDays());
		return new RuleContribution(rule, active ? 0 : 1, active ? 0 : rule.points());
	}

	static LocalDate day(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC).toLocalDate();
	}

	static long ageDays(Signal signal, LocalDate today) {
		return ChronoUnit.DAYS.between(day(signal.occurredAt()), today);
	}

	/**
	 * The score and how it came about.
	 *
	 * @param total the score, within the model's bounds
	 * @param unbounded the sum before the model's bounds were applied
	 */
	record Score(int total, int unbounded, int bandIndex, Band band, List<RuleContribution> rules,
			List<CategoryTotal> categories) {

		/** The engagement model's tier: 1 (Premium) … 4 (Passive). */
		int tier() {
			return bandIndex + 1;
		}

	}

	/**
	 * What one rule gave: how many signals matched (or 1 for a fired inactivity rule).
	 */
	record RuleContribution(Rule rule, int occurrences, int points) {

		@Nullable String category() {
			return rule.category();
		}

	}

	/** A category's rules added up ({@code raw}) and held to its cap ({@code points}). */
	record CategoryTotal(String key, String name, int cap, int raw, int points) {
	}

}

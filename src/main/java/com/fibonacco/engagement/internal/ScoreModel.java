package com.fibonacco.engagement.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A score model: rules that turn signals into points, categories that cap groups of
 * rules, the score's bounds and the bands it falls in. The engagement model's bands are
 * the four tiers (first band = tier 1); the lead model's are its grades.
 * <p>
 * One model serves both scores (seed 000's engagement score and seed 002's lead score),
 * so both are explained the same way: each rule's contribution, each category's cap.
 */
record ScoreModel(String key, String name, int minScore, int maxScore, List<Band> bands, List<Category> categories,
		List<Rule> rules) {

	static final String ENGAGEMENT = "engagement";

	static final String LEAD = "lead";

	ScoreModel {
		bands = bands.stream().sorted(Comparator.comparingInt(Band::minScore).reversed()).toList();
		categories = List.copyOf(categories);
		rules = List.copyOf(rules);
	}

	/** The band the score falls in: the one with the highest minimum at or below it. */
	int bandIndex(int score) {
		for (int i = 0; i < bands.size(); i++) {
			if (score >= bands.get(i).minScore()) {
				return i;
			}
		}
		return bands.size() - 1;
	}

	Band band(int score) {
		return bands.get(bandIndex(score));
	}

	/** For the engagement model: tier 1 (Premium) … 4 (Passive). */
	int tier(int score) {
		return bandIndex(score) + 1;
	}

	Optional<Category> category(@Nullable String key) {
		return categories.stream().filter(category -> category.key().equals(key)).findFirst();
	}

	List<Rule> signalRules() {
		return rules.stream().filter(rule -> rule.signalType() != null).toList();
	}

	List<Rule> inactivityRules() {
		return rules.stream().filter(rule -> rule.inactiveDays() != null).toList();
	}

	/**
	 * What counts as activity for the inactivity rules: any signal a positive rule
	 * scores.
	 */
	Set<SignalType> activityTypes() {
		return rules.stream()
			.filter(rule -> rule.signalType() != null && rule.points() > 0)
			.map(Rule::signalType)
			.collect(Collectors.toUnmodifiableSet());
	}

	/** How many days of ledger the model reads: its longest window or inactivity span. */
	int lookbackDays() {
		int days = 0;
		for (Rule rule : rules) {
			days = Math.max(days, rule.inactiveDays() != null ? rule.inactiveDays() : rule.windowDays());
		}
		return days;
	}

	/** One band of scores: a tier or a grade. */
	record Band(String key, String name, int minScore) {
	}

	/** Rules of one category add up to at most {@code cap} points. */
	record Category(String key, String name, int cap) {
	}

	/**
	 * One rule. A signal rule ({@code signalType} set) gives {@code points} for each
	 * matching signal of the last {@code windowDays} days (today counts as day 0 and day
	 * {@code windowDays} still counts, as in seed 000), less {@code decayPointsPerWeek}
	 * for each full week of the signal's age, never below zero, for the
	 * {@code maxOccurrences} most recent ones. An inactivity rule ({@code inactiveDays}
	 * set) gives its (negative) points when no activity is that recent.
	 *
	 * @param conditions attribute values a signal must have (all of them) to match
	 */
	record Rule(String key, String name, @Nullable SignalType signalType, Map<String, String> conditions, int points,
			int windowDays, @Nullable Integer decayPointsPerWeek, @Nullable String category,
			@Nullable Integer maxOccurrences, @Nullable Integer inactiveDays) {

		Rule {
			conditions = Map.copyOf(conditions);
		}

		static Rule signal(String key, String name, SignalType type, int points, int windowDays,
				@Nullable String category) {
			return new Rule(key, name, type, Map.of(), points, windowDays, null, category, null, null);
		}

		static Rule inactivity(String key, String name, int inactiveDays, int points) {
			return new Rule(key, name, null, Map.of(), points, inactiveDays, null, null, null, inactiveDays);
		}

		Rule withDecay(int pointsPerWeek) {
			return new Rule(key, name, signalType, conditions, points, windowDays, pointsPerWeek, category,
					maxOccurrences, inactiveDays);
		}

		Rule withConditions(Map<String, String> when) {
			return new Rule(key, name, signalType, when, points, windowDays, decayPointsPerWeek, category,
					maxOccurrences, inactiveDays);
		}

		Rule withMaxOccurrences(@Nullable Integer max) {
			return new Rule(key, name, signalType, conditions, points, windowDays, decayPointsPerWeek, category, max,
					inactiveDays);
		}

	}

}

package com.fibonacco.engagement.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the signals: scores stay within their model's bounds, and a signal that a
 * model only rewards never lowers the score.
 */
class ScorePropertyTests {

	static final Instant NOW = ScorerTests.NOW;

	@Property(tries = 500)
	void engagementScoresStayWithinZeroAndAHundred(@ForAll("signals") List<Signal> signals) {
		Scorer.Score score = Scorer.score(ScorerTests.ENGAGEMENT, signals, NOW);
		assertThat(score.total()).isBetween(0, 100);
		assertThat(score.tier()).isBetween(1, 4);
	}

	@Property(tries = 500)
	void leadScoresStayWithinZeroAndAHundred(@ForAll("signals") List<Signal> signals) {
		assertThat(Scorer.score(ScorerTests.LEAD, signals, NOW).total()).isBetween(0, 100);
	}

	@Property(tries = 500)
	void aPositiveSignalNeverLowersTheEngagementScore(@ForAll("signals") List<Signal> signals,
			@ForAll("signal") Signal added) {
		assertNeverFalls(ScorerTests.ENGAGEMENT, signals, added);
	}

	@Property(tries = 500)
	void aPositiveSignalNeverLowersTheLeadScore(@ForAll("signals") List<Signal> signals,
			@ForAll("signal") Signal added) {
		assertNeverFalls(ScorerTests.LEAD, signals, added);
	}

	private static void assertNeverFalls(ScoreModel model, List<Signal> signals, Signal added) {
		boolean positive = model.signalRules()
			.stream()
			.filter(rule -> rule.signalType() == added.type())
			.allMatch(rule -> rule.points() >= 0);
		if (!positive) {
			return;
		}
		List<Signal> more = new ArrayList<>(signals);
		more.add(added);
		assertThat(Scorer.score(model, more, NOW).total())
			.isGreaterThanOrEqualTo(Scorer.score(model, signals, NOW).total());
	}

	@Provide
	Arbitrary<List<Signal>> signals() {
		return signal().list().ofMaxSize(60);
	}

	@Provide
	Arbitrary<Signal> signal() {
		Arbitrary<SignalType> types = Arbitraries.of(SignalType.class);
		Arbitrary<Long> ageSeconds = Arbitraries.longs().between(-3_600, Duration.ofDays(200).toSeconds());
		Arbitrary<Map<String, String>> attributes = Arbitraries.of(Map.of(), Map.of("content_slug", "pricing"),
				Map.of("content_slug", "seo-basics"));
		Arbitrary<Boolean> machine = Arbitraries.of(false, false, false, true);
		return Combinators.combine(types, ageSeconds, attributes, machine)
			.as((type, age, attrs, bot) -> new Signal(UUID.randomUUID(), type, NOW.minusSeconds(age), attrs, bot));
	}

}

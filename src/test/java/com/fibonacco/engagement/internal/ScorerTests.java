package com.fibonacco.engagement.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fibonacco.engagement.EngagementProperties;

import static com.fibonacco.engagement.internal.SignalType.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default models' formulas, pinned: seed 004's weights and tiers, seed 000's caps,
 * 30-day window and approval decay, seed 002's lead points, inactivity and grades.
 */
class ScorerTests {

	static final ScoreModel ENGAGEMENT = DefaultModels.engagement(new EngagementProperties(null, null, 30, 0));

	static final ScoreModel LEAD = DefaultModels.lead();

	/** Mid-afternoon, so "days ago" never depends on the hour. */
	static final Instant NOW = Instant.parse("2026-03-18T15:30:00Z");

	@Test
	void anEmailOpenIsWorthFivePointsAndOpensAreCappedAt25() {
		assertThat(engagement(times(1, EMAIL_OPEN, 0))).isEqualTo(5);
		assertThat(engagement(times(5, EMAIL_OPEN, 1))).isEqualTo(25);
		assertThat(engagement(times(9, EMAIL_OPEN, 2))).isEqualTo(25);
	}

	@Test
	void aClickIsWorthTenAndClicksAreCappedAt30() {
		assertThat(engagement(times(2, EMAIL_CLICK, 0))).isEqualTo(20);
		assertThat(engagement(times(4, EMAIL_CLICK, 3))).isEqualTo(30);
	}

	@Test
	void contentViewsAndCompletionsShareTheContentCapOf20() {
		assertThat(engagement(times(2, CONTENT_VIEW, 0))).isEqualTo(16);
		assertThat(engagement(times(3, CONTENT_VIEW, 0))).isEqualTo(20);
		assertThat(engagement(times(1, CONTENT_COMPLETE, 0))).isEqualTo(15);
		List<Signal> both = new ArrayList<>(times(1, CONTENT_COMPLETE, 0));
		both.addAll(times(1, CONTENT_VIEW, 0));
		assertThat(engagement(both)).isEqualTo(20);
	}

	@Test
	void meetingsAndCallbacksShareTheConversationsCapOf30() {
		assertThat(engagement(times(1, MEETING_SCHEDULED, 0))).isEqualTo(30);
		assertThat(engagement(times(1, CALLBACK, 0))).isEqualTo(20);
		List<Signal> both = new ArrayList<>(times(1, MEETING_SCHEDULED, 0));
		both.addAll(times(1, CALLBACK, 0));
		assertThat(engagement(both)).isEqualTo(30);
	}

	@ParameterizedTest(name = "an approval {0} days old is worth {1}")
	@CsvSource({ "0, 25", "6, 25", "7, 24", "13, 24", "14, 23", "70, 15", "168, 1", "174, 1", "175, 0", "400, 0" })
	void anApprovalLosesOnePointPerFullWeek(int daysAgo, int points) {
		assertThat(engagement(times(1, APPROVAL, daysAgo))).isEqualTo(points);
	}

	@Test
	void approvalsAreCappedAt25() {
		assertThat(engagement(times(3, APPROVAL, 20))).isEqualTo(25);
	}

	@Test
	void theTotalIsCappedAt100() {
		List<Signal> everything = new ArrayList<>();
		for (SignalType type : List.of(EMAIL_OPEN, EMAIL_CLICK, CONTENT_VIEW, APPROVAL, MEETING_SCHEDULED)) {
			everything.addAll(times(6, type, 0));
		}
		Scorer.Score score = Scorer.score(ENGAGEMENT, everything, NOW);
		assertThat(score.unbounded()).isEqualTo(25 + 30 + 20 + 25 + 30);
		assertThat(score.total()).isEqualTo(100);
		assertThat(score.tier()).isEqualTo(1);
	}

	@Test
	void theThirtyDayWindowCountsSignalsUpToThirtyDaysOldWhateverTheHour() {
		Instant thirtyDaysAgoLateEvening = Instant.parse("2026-02-16T23:59:59Z");
		Instant thirtyOneDaysAgoJustBeforeMidnight = Instant.parse("2026-02-15T23:59:59Z");
		assertThat(engagement(List.of(signal(EMAIL_CLICK, thirtyDaysAgoLateEvening)))).isEqualTo(10);
		assertThat(engagement(List.of(signal(EMAIL_CLICK, Instant.parse("2026-02-16T00:00:00Z"))))).isEqualTo(10);
		assertThat(engagement(List.of(signal(EMAIL_CLICK, thirtyOneDaysAgoJustBeforeMidnight)))).isZero();
	}

	@Test
	void signalsAfterTheInstantDoNotCount() {
		assertThat(engagement(List.of(signal(EMAIL_CLICK, NOW.plusSeconds(1))))).isZero();
	}

	@Test
	void machineGeneratedOpensAndClicksDoNotScore() {
		assertThat(engagement(List.of(new Signal(UUID.randomUUID(), EMAIL_OPEN, NOW, Map.of(), true),
				new Signal(UUID.randomUUID(), EMAIL_CLICK, NOW, Map.of(), true))))
			.isZero();
	}

	@Test
	void signalsTheModelDoesNotWeighAreRecordedButScoreNothing() {
		assertThat(engagement(List.of(signal(RVM_DELIVERED, NOW), signal(EMAIL_BOUNCE, NOW), signal(INBOUND_REPLY, NOW),
				signal(UNSUBSCRIBE, NOW))))
			.isZero();
	}

	@ParameterizedTest(name = "score {0} is tier {1}")
	@CsvSource({ "100, 1", "80, 1", "79, 2", "50, 2", "49, 3", "20, 3", "19, 4", "0, 4" })
	void theTierThresholdsAre80And50And20(int score, int tier) {
		assertThat(ENGAGEMENT.tier(score)).isEqualTo(tier);
		assertThat(ENGAGEMENT.bands().get(tier - 1).name())
			.isEqualTo(List.of("Premium", "Engaged", "Active", "Passive").get(tier - 1));
	}

	@Test
	void theExplanationNamesEachRuleAndCategory() {
		List<Signal> signals = new ArrayList<>(times(7, EMAIL_OPEN, 1));
		signals.addAll(times(1, APPROVAL, 14));
		Scorer.Score score = Scorer.score(ENGAGEMENT, signals, NOW);

		assertThat(score.total()).isEqualTo(25 + 23);
		var opens = score.rules().stream().filter(rule -> rule.rule().key().equals("email_open")).findFirst().get();
		assertThat(opens.occurrences()).isEqualTo(7);
		assertThat(opens.points()).isEqualTo(35);
		var openCategory = score.categories().stream().filter(c -> c.key().equals("email_opens")).findFirst().get();
		assertThat(openCategory.raw()).isEqualTo(35);
		assertThat(openCategory.points()).isEqualTo(25);
		assertThat(score.band().name()).isEqualTo("Active");
	}

	@Test
	void leadPointsFollowTheSeedTable() {
		assertThat(lead(times(1, APPROVAL, 0))).isEqualTo(50);
		assertThat(lead(List.of(signal(CONTENT_VIEW, NOW, Map.of("content_slug", "pricing"))))).isEqualTo(15 + 10);
		assertThat(lead(List.of(signal(CONTENT_VIEW, NOW, Map.of("content_slug", "seo-basics"))))).isEqualTo(10);
		assertThat(lead(times(1, CONTENT_COMPLETE, 0))).isEqualTo(40);
		assertThat(lead(times(1, INBOUND_REPLY, 0))).isEqualTo(20);
		assertThat(lead(times(1, MEETING_SCHEDULED, 0))).isEqualTo(25);
	}

	@Test
	void leadScoresDecayWithInactivityAndAnUnsubscribeCosts50() {
		assertThat(lead(times(1, APPROVAL, 13))).isEqualTo(50);
		assertThat(lead(times(1, APPROVAL, 15))).isEqualTo(45);
		assertThat(lead(times(1, APPROVAL, 31))).isEqualTo(30);
		List<Signal> unsubscribed = new ArrayList<>(times(2, APPROVAL, 0));
		unsubscribed.addAll(times(1, UNSUBSCRIBE, 0));
		assertThat(lead(unsubscribed)).isEqualTo(50);
		assertThat(lead(times(1, APPROVAL, 91))).isZero();
	}

	@ParameterizedTest(name = "lead score {0} is {1}")
	@CsvSource({ "0, Cold", "25, Cold", "26, Warm", "50, Warm", "51, Hot", "75, Hot", "76, Qualified",
			"100, Qualified" })
	void leadGradesFollowTheSeedRanges(int score, String grade) {
		assertThat(LEAD.band(score).name()).isEqualTo(grade);
	}

	@Test
	void maxOccurrencesCountsTheMostRecentSignals() {
		ScoreModel model = new ScoreModel("capped", "Capped", 0, 100, LEAD.bands(), List.of(),
				List.of(ScoreModel.Rule.signal("approval", "Approval", APPROVAL, 10, 90, null)
					.withDecay(1)
					.withMaxOccurrences(2)));
		List<Signal> signals = List.of(signal(APPROVAL, NOW.minus(Duration.ofDays(70))), signal(APPROVAL, NOW),
				signal(APPROVAL, NOW.minus(Duration.ofDays(7))));
		assertThat(Scorer.score(model, signals, NOW).total()).isEqualTo(10 + 9);
	}

	static int engagement(List<Signal> signals) {
		return Scorer.score(ENGAGEMENT, signals, NOW).total();
	}

	static int lead(List<Signal> signals) {
		return Scorer.score(LEAD, signals, NOW).total();
	}

	static List<Signal> times(int count, SignalType type, int daysAgo) {
		List<Signal> signals = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			signals.add(signal(type, NOW.minus(Duration.ofDays(daysAgo)).minusSeconds(i)));
		}
		return signals;
	}

	static Signal signal(SignalType type, Instant at) {
		return signal(type, at, Map.of());
	}

	static Signal signal(SignalType type, Instant at, Map<String, String> attributes) {
		return new Signal(UUID.randomUUID(), type, at, attributes, false);
	}

}

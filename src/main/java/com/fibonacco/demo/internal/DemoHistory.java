package com.fibonacco.demo.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;

/**
 * Plans a demo SMB's last 30–60 days: the campaign emails of its 90-day program sent at
 * its tier's frequency, which of them it opened and clicked, and the calls, meetings,
 * content views, approvals and replies that go with its intended engagement score.
 *
 * <p>
 * Pure JDK and deterministic like {@link DemoSmbGenerator}: the same SMB, index, seed,
 * catalog and {@code now} give the same plan, and every time is derived from {@code now}.
 * The plan aims at the generated score under the default engagement model (seed 004's
 * weights, seed 000's 30-day window and caps); the engagement module scores the signals
 * itself, so what is stored is always what it computes, and {@link Plan#score()} is what
 * it will compute for a tenant on the default model.
 *
 * <p>
 * Every event of a day happens on the same UTC date as the day's email (mornings in the
 * US are afternoons in UTC), so a signal's age in the model's whole UTC days is the age
 * of its day.
 */
final class DemoHistory {

	/** The default model: points per signal and the caps of their categories. */
	static final int OPEN = 5;

	static final int OPENS_CAP = 25;

	static final int CLICK = 10;

	static final int CLICKS_CAP = 30;

	static final int CONTENT_VIEW = 8;

	static final int CONTENT_COMPLETE = 15;

	static final int CONTENT_CAP = 20;

	static final int APPROVAL = 25;

	static final int CALLBACK = 20;

	static final int MEETING = 30;

	static final int CONVERSATIONS_CAP = 30;

	/** Signals count while they are at most this many whole UTC days old. */
	static final int WINDOW_DAYS = 30;

	/**
	 * Premium, Engaged, Active, Passive: days at least between two emails (TierPolicy).
	 */
	private static final int[] MIN_GAP_DAYS = { 1, 2, 7, 14 };

	/**
	 * Per band: share of the emails in the window opened once the opens are at their cap,
	 * of those clicked once clicks are, and chances to open and click emails older than
	 * the window.
	 */
	private static final double[][] HABITS = { { 0.8, 0.4, 0.75, 0.35 }, { 0.6, 0.3, 0.5, 0.25 },
			{ 0.5, 0.3, 0.3, 0.15 }, { 0.3, 0.2, 0.12, 0.05 } };

	/** Chance of an email reply (scored by the lead model only) per band. */
	private static final double[] REPLIES = { 0.6, 0.35, 0.1, 0.0 };

	private static final List<String> SERVICES = List.of("google_business_profile", "review_management",
			"social_media_posting", "local_seo", "website_refresh", "email_newsletter");

	private static final List<String> REPLY_INTENTS = List.of("interested", "question", "meeting_request");

	private DemoHistory() {
	}

	/** A campaign of the tenant's catalog: its program day, id and slug. */
	record CatalogDay(int day, String campaignId, String slug) {
	}

	record Click(String url, Instant at) {
	}

	record Send(String campaignId, Instant sentAt, List<Instant> opens, List<Click> clicks) {

		Send {
			opens = List.copyOf(opens);
			clicks = List.copyOf(clicks);
		}

	}

	enum Kind {

		CONTENT_VIEW, CONTENT_COMPLETE, CALLBACK, MEETING, APPROVAL, REPLY

	}

	/**
	 * Something the SMB did besides reading email. {@code detail}: the content slug,
	 * service type or reply intent.
	 */
	record Action(Kind kind, Instant at, @Nullable String detail) {
	}

	/** The history and the score the default model gives it at {@code now}. */
	record Plan(List<Send> sends, List<Action> actions, int score) {

		Plan {
			sends = List.copyOf(sends);
			actions = List.copyOf(actions);
		}

	}

	/** The engagement band of a score: 0 Premium (≥80) … 3 Passive (<20). */
	static int band(int score) {
		return score >= 80 ? 0 : score >= 50 ? 1 : score >= 20 ? 2 : 3;
	}

	static Plan plan(DemoSmb smb, int index, long seed, List<CatalogDay> catalog, ZoneId zone, Instant now) {
		SplittableRandom rnd = new SplittableRandom(seed * 31 + index);
		LocalDate todayUtc = LocalDate.ofInstant(now, ZoneOffset.UTC);
		int target = smb.engagementScore();
		int band = band(target);
		double[] habits = HABITS[band];
		int startDaysAgo = 30 + rnd.nextInt(31);
		if (smb.doNotContact()) {
			return new Plan(List.of(), List.of(), 0);
		}

		// the program's emails at the tier's frequency, each at the community's 09:00
		List<Draft> drafts = new ArrayList<>();
		if (smb.primaryEmail() != null && smb.emailOptedIn()) {
			LocalDate start = LocalDate.ofInstant(now, zone).minusDays(startDaysAgo);
			LocalDate last = null;
			for (CatalogDay day : catalog.stream().sorted(Comparator.comparingInt(CatalogDay::day)).toList()) {
				LocalDate date = start.plusDays(day.day() - 1L);
				if (last != null && ChronoUnit.DAYS.between(last, date) < MIN_GAP_DAYS[band]) {
					continue;
				}
				Instant sentAt = date.atTime(LocalTime.of(9, 0))
					.atZone(zone)
					.toInstant()
					.plusSeconds(rnd.nextInt(1200));
				Instant openAt = sentAt.plus(minutes(rnd, 5, 360));
				Instant clickAt = openAt.plus(minutes(rnd, 1, 10));
				if (sentAt.isAfter(now)) {
					break;
				}
				last = date;
				long age = ChronoUnit.DAYS.between(LocalDate.ofInstant(sentAt, ZoneOffset.UTC), todayUtc);
				drafts.add(new Draft(day, sentAt, openAt, clickAt, age));
			}
		}
		List<Draft> inWindow = drafts.stream()
			.filter(draft -> draft.age() <= WINDOW_DAYS && sameUtcDay(draft) && !draft.clickAt().isAfter(now))
			.toList();

		Levels levels = choose(rnd, target, band, inWindow.size(), startDaysAgo);

		// opens and clicks within the window: exactly as many as the levels need
		List<Draft> opened = sample(rnd, inWindow, levels.opens() * OPEN < OPENS_CAP ? levels.opens()
				: Math.max(levels.opens(), (int) Math.round(habits[0] * inWindow.size())));
		List<Draft> clicked = sample(rnd, opened, levels.clicks() * CLICK < CLICKS_CAP ? levels.clicks()
				: Math.max(levels.clicks(), (int) Math.round(habits[1] * opened.size())));
		List<Send> sends = new ArrayList<>();
		for (Draft draft : drafts) {
			boolean open;
			boolean click;
			if (inWindow.contains(draft)) {
				open = opened.contains(draft);
				click = clicked.contains(draft);
			}
			else if (draft.age() > WINDOW_DAYS) {
				// older than the window: counted by nothing any more, but they happened
				open = rnd.nextDouble() < habits[2];
				click = open && rnd.nextDouble() < habits[3];
			}
			else {
				// today's email whose open would be after now, or one whose day straddles
				// midnight UTC: left unopened so the plan stays exact
				open = false;
				click = false;
			}
			sends.add(new Send(draft.day().campaignId(), draft.sentAt(), open ? List.of(draft.openAt()) : List.of(),
					click ? List.of(new Click(url(draft.day()), draft.clickAt())) : List.of()));
		}

		// what the SMB did besides email, within the window (approvals back to the
		// program's start)
		List<Action> actions = new ArrayList<>();
		List<Draft> clickedInOrder = clicked.stream().sorted(Comparator.comparing(Draft::sentAt)).toList();
		for (int i = 0; i < levels.views(); i++) {
			Instant at;
			String slug;
			if (i < clickedInOrder.size()) {
				// the click led to the content
				Draft draft = clickedInOrder.get(clickedInOrder.size() - 1 - i);
				at = draft.clickAt().plus(minutes(rnd, 1, 3));
				slug = draft.day().slug();
			}
			else {
				at = daytime(rnd, todayUtc.minusDays(1 + rnd.nextInt(WINDOW_DAYS - 1)));
				slug = catalog.get(rnd.nextInt(catalog.size())).slug();
			}
			actions.add(new Action(Kind.CONTENT_VIEW, at, slug));
			if (i == 0 && levels.completed()) {
				actions.add(new Action(Kind.CONTENT_COMPLETE, at.plus(minutes(rnd, 4, 12)), slug));
			}
		}
		if (levels.callback()) {
			actions.add(new Action(Kind.CALLBACK, daytime(rnd, todayUtc.minusDays(1 + rnd.nextInt(WINDOW_DAYS - 2))),
					null));
		}
		if (levels.meeting()) {
			actions.add(
					new Action(Kind.MEETING, daytime(rnd, todayUtc.minusDays(1 + rnd.nextInt(WINDOW_DAYS - 2))), null));
		}
		if (levels.approvalWeeks() >= 0) {
			int weeks = levels.approvalWeeks();
			int days = Math.max(1, weeks * 7 + rnd.nextInt(7));
			if (days / 7 != weeks || days > startDaysAgo) {
				days = Math.max(1, weeks * 7);
			}
			actions.add(new Action(Kind.APPROVAL, daytime(rnd, todayUtc.minusDays(days)),
					SERVICES.get(rnd.nextInt(SERVICES.size()))));
		}
		if (!opened.isEmpty() && rnd.nextDouble() < REPLIES[band]) {
			Draft draft = opened.get(rnd.nextInt(opened.size()));
			actions.add(new Action(Kind.REPLY, draft.openAt().plus(minutes(rnd, 2, 30)),
					REPLY_INTENTS.get(rnd.nextInt(REPLY_INTENTS.size()))));
		}
		actions.removeIf(action -> action.at().isAfter(now));
		actions.sort(Comparator.comparing(Action::at));
		return new Plan(sends, actions, levels.score());
	}

	/** One email of the program before its opens and clicks are decided. */
	private record Draft(CatalogDay day, Instant sentAt, Instant openAt, Instant clickAt, long age) {
	}

	/**
	 * How much of each kind of signal within the window. {@code opens} 5 and
	 * {@code clicks} 3 mean "at the cap" (at least that many); {@code approvalWeeks} -1
	 * means no approval.
	 */
	private record Levels(int opens, int clicks, int views, boolean completed, boolean callback, boolean meeting,
			int approvalWeeks, int score) {
	}

	/**
	 * The levels whose score is nearest the target, among those that look like the band
	 * (a Passive SMB only reads email; an Active one does one thing more at most; the
	 * better tiers read most of their email), ties broken at random.
	 */
	private static Levels choose(SplittableRandom rnd, int target, int band, int emails, int startDaysAgo) {
		List<Levels> best = new ArrayList<>();
		long bestCost = Long.MAX_VALUE;
		int maxOpens = Math.min(5, emails);
		int maxWeeks = startDaysAgo / 7;
		for (int opens = 0; opens <= maxOpens; opens++) {
			for (int clicks = 0; clicks <= Math.min(3, opens); clicks++) {
				for (int content = 0; content < 4; content++) {
					for (int conversation = 0; conversation < 4; conversation++) {
						for (int weeks = -1; weeks <= maxWeeks; weeks++) {
							int views = content == 0 ? 0 : content == 2 ? 2 : 1;
							boolean completed = content == 3;
							boolean callback = conversation == 1 || conversation == 3;
							boolean meeting = conversation >= 2;
							int score = Math.min(OPENS_CAP, opens * OPEN) + Math.min(CLICKS_CAP, clicks * CLICK)
									+ Math.min(CONTENT_CAP, views * CONTENT_VIEW + (completed ? CONTENT_COMPLETE : 0))
									+ Math.min(CONVERSATIONS_CAP, (callback ? CALLBACK : 0) + (meeting ? MEETING : 0))
									+ (weeks < 0 ? 0 : APPROVAL - weeks);
							score = Math.min(100, score);
							int extras = (content > 0 ? 1 : 0) + (conversation > 0 ? 1 : 0) + (weeks >= 0 ? 1 : 0);
							if (band == 3 && extras > 0 || band == 2 && extras > 1) {
								continue;
							}
							long cost = 1_000L * Math.abs(score - target);
							int wanted = band == 0 ? 4 : band == 1 ? 2 : 0;
							cost += 100L * Math.max(0, Math.min(wanted, maxOpens) - opens);
							if (cost < bestCost) {
								best.clear();
								bestCost = cost;
							}
							if (cost == bestCost) {
								best.add(new Levels(opens, clicks, views, completed, callback, meeting, weeks, score));
							}
						}
					}
				}
			}
		}
		return best.get(rnd.nextInt(best.size()));
	}

	private static boolean sameUtcDay(Draft draft) {
		LocalDate day = LocalDate.ofInstant(draft.sentAt(), ZoneOffset.UTC);
		return LocalDate.ofInstant(draft.clickAt(), ZoneOffset.UTC).equals(day);
	}

	private static String url(CatalogDay day) {
		return "https://fibonacco.com/learn/" + day.slug();
	}

	/** An instant of the UTC date between 14:00 and 22:00, daytime in the US. */
	private static Instant daytime(SplittableRandom rnd, LocalDate utcDate) {
		return utcDate.atTime(14, 0).toInstant(ZoneOffset.UTC).plusSeconds(rnd.nextInt(8 * 3600));
	}

	private static Duration minutes(SplittableRandom rnd, int min, int max) {
		return Duration.ofSeconds(min * 60L + rnd.nextInt((max - min) * 60 + 1));
	}

	private static <T> List<T> sample(SplittableRandom rnd, List<T> from, int n) {
		List<T> copy = new ArrayList<>(from);
		for (int i = copy.size() - 1; i > 0; i--) {
			int j = rnd.nextInt(i + 1);
			T tmp = copy.get(i);
			copy.set(i, copy.get(j));
			copy.set(j, tmp);
		}
		return List.copyOf(copy.subList(0, Math.min(Objects.requireNonNull(n), copy.size())));
	}

}

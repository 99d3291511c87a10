package com.fibonacco.engagement.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fibonacco.engagement.EngagementProperties;
import com.fibonacco.engagement.internal.ScoreModel.Band;
import com.fibonacco.engagement.internal.ScoreModel.Category;
import com.fibonacco.engagement.internal.ScoreModel.Rule;

import static com.fibonacco.engagement.internal.SignalType.*;

/**
 * The models every tenant starts with.
 * <p>
 * <b>Engagement</b> (seeds 004 §6 and 000 Task 3.1): seed 004's weights and tiers,
 * counted over seed 000's 30-day window with seed 000's per-category caps (opens 25,
 * clicks 30, content 20, approvals 25) and approval recency decay (one point less per
 * full week since the approval, so a 25-point approval fades out over 25 weeks). Content
 * completions share the content cap with views; meetings and callbacks, which seed 000
 * has no cap for, share a "conversations" cap of 30 (one meeting counts in full). The
 * total is held to 0–100.
 * <p>
 * <b>Lead</b> (seed 002 §3.2–3.3): the points table mapped onto what an SMB can do
 * (opening and clicking, viewing the pricing page and other content, completing content,
 * an inbound email as the inquiry, a meeting as the class, an approval as the purchase,
 * unsubscribing), the two inactivity penalties, and the grades cold/warm/hot/qualified.
 * Seed 002 lets points expire after {@code decay_days}; the default is 90 days (a year
 * for an unsubscribe). "Refers a friend" has no signal yet and is left out.
 */
final class DefaultModels {

	static final String EMAIL_OPENS = "email_opens";

	static final String EMAIL_CLICKS = "email_clicks";

	static final String CONTENT = "content";

	static final String APPROVALS = "approvals";

	static final String CONVERSATIONS = "conversations";

	static final int LEAD_WINDOW_DAYS = 90;

	private DefaultModels() {
	}

	static ScoreModel engagement(EngagementProperties properties) {
		Map<String, Integer> weights = properties.scoreWeights();
		int window = properties.windowDays();
		List<Band> bands = new ArrayList<>();
		for (int tier = 1; tier <= 4; tier++) {
			EngagementProperties.Tier config = properties.tiers().get(tier);
			bands.add(new Band(config.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_"), config.name(),
					config.minScore()));
		}
		int approval = weights.get("approval");
		return new ScoreModel(ScoreModel.ENGAGEMENT, "Engagement", 0, 100, bands,
				List.of(new Category(EMAIL_OPENS, "Email opens", 25), new Category(EMAIL_CLICKS, "Email clicks", 30),
						new Category(CONTENT, "Content", 20), new Category(APPROVALS, "Approvals", 25),
						new Category(CONVERSATIONS, "Conversations", 30)),
				List.of(Rule.signal("email_open", "Opened an email", EMAIL_OPEN, weights.get("email_open"), window,
						EMAIL_OPENS),
						Rule.signal("email_click", "Clicked a link in an email", EMAIL_CLICK,
								weights.get("email_click"), window, EMAIL_CLICKS),
						Rule.signal("content_view", "Viewed content", CONTENT_VIEW, weights.get("content_view"), window,
								CONTENT),
						Rule.signal("content_complete", "Completed content", CONTENT_COMPLETE,
								weights.get("content_complete"), window, CONTENT),
						// counted until fully decayed: one point a week
						Rule.signal("approval", "Approved a service", APPROVAL, approval, Math.max(1, approval * 7),
								APPROVALS)
							.withDecay(1),
						Rule.signal("meeting_scheduled", "Scheduled a meeting", MEETING_SCHEDULED,
								weights.get("meeting_scheduled"), window, CONVERSATIONS),
						Rule.signal("callback", "Called back", CALLBACK, weights.get("callback"), window,
								CONVERSATIONS)));
	}

	static ScoreModel lead() {
		int days = LEAD_WINDOW_DAYS;
		return new ScoreModel(
				ScoreModel.LEAD, "Lead", 0, 100, List.of(new Band("qualified", "Qualified", 76),
						new Band("hot", "Hot", 51), new Band("warm", "Warm", 26), new Band("cold", "Cold", 0)),
				List.of(),
				List.of(Rule.signal("opens_email", "Opens email", EMAIL_OPEN, 5, days, null),
						Rule.signal("clicks_email_link", "Clicks email link", EMAIL_CLICK, 10, days, null),
						Rule.signal("visits_pricing_page", "Visits pricing page", CONTENT_VIEW, 15, days, null)
							.withConditions(Map.of("content_slug", "pricing")),
						Rule.signal("views_resource", "Views a resource", CONTENT_VIEW, 10, days, null),
						Rule.signal("sends_inquiry", "Sends an inquiry (inbound email)", INBOUND_REPLY, 20, days, null),
						Rule.signal("schedules_meeting", "Schedules a meeting", MEETING_SCHEDULED, 25, days, null),
						Rule.signal("approves_service", "Approves a service (purchase)", APPROVAL, 50, days, null),
						Rule.signal("completes_content", "Completes content", CONTENT_COMPLETE, 40, days, null),
						Rule.inactivity("inactive_14_days", "Inactive 14 days", 14, -5),
						Rule.inactivity("inactive_30_days", "Inactive 30 days", 30, -15),
						Rule.signal("unsubscribes", "Unsubscribes", UNSUBSCRIBE, -50, 365, null)));
	}

}

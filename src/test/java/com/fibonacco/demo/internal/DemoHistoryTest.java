package com.fibonacco.demo.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fibonacco.demo.internal.DemoHistory.Action;
import com.fibonacco.demo.internal.DemoHistory.CatalogDay;
import com.fibonacco.demo.internal.DemoHistory.Kind;
import com.fibonacco.demo.internal.DemoHistory.Plan;
import com.fibonacco.demo.internal.DemoHistory.Send;

import static org.assertj.core.api.Assertions.assertThat;

class DemoHistoryTest {

	private static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");

	private static final long SEED = 20261122L;

	private final List<DemoCommunity> communities = DemoSmbGenerator.defaultCommunities();

	private final List<DemoSmb> smbs = DemoSmbGenerator.generate(SEED, communities, 300, NOW);

	/** The default catalog's program days (a campaign every day or two). */
	private final List<CatalogDay> catalog = catalog();

	private Plan plan(int i) {
		DemoSmb smb = smbs.get(i);
		return DemoHistory.plan(smb, i, SEED, catalog, ZoneId.of(communities.get(smb.communityIndex()).timezone()),
				NOW);
	}

	@Test
	void theSameInputsGiveTheSamePlan() {
		for (int i = 0; i < smbs.size(); i++) {
			assertThat(plan(i)).isEqualTo(plan(i));
		}
	}

	@Test
	void everythingHappenedBeforeNowWithinTheLast60DaysAndInOrder() {
		for (int i = 0; i < smbs.size(); i++) {
			Plan plan = plan(i);
			for (Send send : plan.sends()) {
				assertThat(send.sentAt()).isBefore(NOW).isAfter(NOW.minusSeconds(61L * 86_400));
				assertThat(send.opens()).allSatisfy(open -> assertThat(open).isAfter(send.sentAt()).isBefore(NOW));
				assertThat(send.clicks()).allSatisfy(click -> assertThat(click.at()).isAfter(send.opens().get(0)));
				assertThat(send.clicks().size()).isLessThanOrEqualTo(send.opens().size());
			}
			assertThat(plan.actions()).allSatisfy(action -> assertThat(action.at()).isBefore(NOW));
		}
	}

	@Test
	void emailGoesOnlyToSmbsThatCanBeMailedAtTheirTiersFrequency() {
		for (int i = 0; i < smbs.size(); i++) {
			DemoSmb smb = smbs.get(i);
			Plan plan = plan(i);
			if (smb.primaryEmail() == null || !smb.emailOptedIn() || smb.doNotContact()) {
				assertThat(plan.sends()).isEmpty();
			}
			if (smb.doNotContact()) {
				assertThat(plan.actions()).isEmpty();
				assertThat(plan.score()).isZero();
			}
			List<Send> sends = plan.sends();
			int gap = new int[] { 1, 2, 7, 14 }[DemoHistory.band(smb.engagementScore())];
			for (int s = 1; s < sends.size(); s++) {
				assertThat(sends.get(s).sentAt())
					.isAfterOrEqualTo(sends.get(s - 1).sentAt().plusSeconds((gap - 1) * 86_400L));
			}
		}
	}

	@Test
	void aMailableSmbsPlanLandsInItsGeneratedBand() {
		int mailable = 0;
		int inBand = 0;
		int exact = 0;
		for (int i = 0; i < smbs.size(); i++) {
			DemoSmb smb = smbs.get(i);
			if (smb.primaryEmail() == null || !smb.emailOptedIn() || smb.doNotContact()) {
				continue;
			}
			mailable++;
			Plan plan = plan(i);
			if (DemoHistory.band(plan.score()) == DemoHistory.band(smb.engagementScore())) {
				inBand++;
			}
			if (plan.score() == smb.engagementScore()) {
				exact++;
			}
		}
		assertThat(inBand).isGreaterThanOrEqualTo(mailable * 95 / 100);
		assertThat(exact).isGreaterThan(mailable / 2);
	}

	@Test
	void betterTiersDoMoreThanReadEmail() {
		List<Kind> premium = new ArrayList<>();
		for (int i = 0; i < smbs.size(); i++) {
			if (DemoHistory.band(smbs.get(i).engagementScore()) == 0) {
				plan(i).actions().stream().map(Action::kind).forEach(premium::add);
			}
			else if (DemoHistory.band(smbs.get(i).engagementScore()) == 3) {
				assertThat(plan(i).actions()).extracting(Action::kind)
					.doesNotContain(Kind.CALLBACK, Kind.MEETING, Kind.APPROVAL, Kind.CONTENT_VIEW);
			}
		}
		assertThat(premium).contains(Kind.CALLBACK, Kind.MEETING, Kind.APPROVAL, Kind.CONTENT_VIEW,
				Kind.CONTENT_COMPLETE, Kind.REPLY);
	}

	private static List<CatalogDay> catalog() {
		List<CatalogDay> days = new ArrayList<>();
		int[] programDays = { 1, 2, 4, 6, 8, 9, 11, 13, 15, 16, 18, 20, 22, 23, 25, 27, 29, 30, 32, 34, 36, 37, 39, 41,
				43, 44, 46, 48, 50, 51, 53, 55, 57, 58, 60, 62, 64, 65, 67, 69, 71, 72, 74, 76, 78, 79, 81, 83, 85, 86,
				88, 90 };
		for (int day : programDays) {
			days.add(new CatalogDay(day, "CAMPAIGN-" + day, "campaign-" + day));
		}
		return days;
	}

}

package com.fibonacco.demo.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DemoSmbGeneratorTest {

	private static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");

	private static final long SEED = 20261122L;

	private static final Pattern E164 = Pattern.compile("^\\+1[2-9]\\d{2}[2-9]\\d{6}$");

	private final List<DemoCommunity> communities = DemoSmbGenerator.defaultCommunities();

	private final List<DemoSmb> smbs = DemoSmbGenerator.generate(SEED, this.communities, 300, NOW);

	@Test
	void theSameSeedGivesTheSameOutput() {
		List<DemoSmb> again = DemoSmbGenerator.generate(SEED, DemoSmbGenerator.defaultCommunities(), 300, NOW);
		assertThat(again).isEqualTo(this.smbs);
		assertThat(DemoSmbGenerator.generate(SEED + 1, this.communities, 300, NOW)).isNotEqualTo(this.smbs);
	}

	@Test
	void timestampsFollowNowNotTheClock() {
		Instant later = NOW.plusSeconds(86_400);
		List<DemoSmb> shifted = DemoSmbGenerator.generate(SEED, this.communities, 300, later);
		assertThat(shifted).extracting(DemoSmb::businessName)
			.containsExactlyElementsOf(this.smbs.stream().map(DemoSmb::businessName).toList());
		for (int i = 0; i < this.smbs.size(); i++) {
			Instant open = this.smbs.get(i).lastEmailOpen();
			assertThat(shifted.get(i).lastEmailOpen()).isEqualTo(open == null ? null : open.plusSeconds(86_400));
		}
	}

	@Test
	void defaultCommunitiesAreThreeSmallTownsInDifferentTimeZones() {
		assertThat(this.communities).hasSize(3);
		assertThat(this.communities).extracting(DemoCommunity::timezone).doesNotHaveDuplicates();
		assertThat(this.communities).extracting(DemoCommunity::slug).doesNotHaveDuplicates();
		for (DemoCommunity community : this.communities) {
			assertThat(ZoneId.of(community.timezone()).getId()).startsWith("America/");
			assertThat(community.state()).matches("[A-Z]{2}");
			assertThat(community.county()).endsWith("County");
			assertThat(community.population()).isBetween(1_000, 100_000);
			assertThat(community.zips()).hasSizeBetween(3, 5).allMatch((zip) -> zip.matches("\\d{5}"));
			assertThat(community.areaCodes()).isNotEmpty().allMatch((code) -> code.matches("[2-9]\\d{2}"));
			assertThat(community.streets()).hasSizeGreaterThanOrEqualTo(3);
		}
	}

	@Test
	void everyCommunityGetsBusinesses() {
		assertThat(this.smbs).hasSize(300);
		assertThat(this.smbs).extracting(DemoSmb::communityIndex).containsOnly(0, 1, 2);
		Set<Integer> used = this.smbs.stream().map(DemoSmb::communityIndex).collect(Collectors.toSet());
		assertThat(used).containsExactlyInAnyOrder(0, 1, 2);
	}

	@Test
	void allFourEngagementBandsAppear() {
		assertThat(this.smbs).allMatch((smb) -> smb.engagementScore() >= 0 && smb.engagementScore() <= 100);
		assertThat(this.smbs).anyMatch((smb) -> smb.engagementScore() >= 80);
		assertThat(this.smbs).anyMatch((smb) -> smb.engagementScore() >= 50 && smb.engagementScore() < 80);
		assertThat(this.smbs).anyMatch((smb) -> smb.engagementScore() >= 20 && smb.engagementScore() < 50);
		assertThat(this.smbs).anyMatch((smb) -> smb.engagementScore() < 20);
	}

	@Test
	void businessNamesAreUnique() {
		assertThat(this.smbs).extracting((smb) -> smb.businessName().toLowerCase(Locale.ROOT)).doesNotHaveDuplicates();
		assertThat(this.smbs).allMatch((smb) -> !smb.businessName().isBlank());
	}

	@Test
	void phonesAreE164InTheCommunitysAreaCodes() {
		for (DemoSmb smb : this.smbs) {
			DemoCommunity community = this.communities.get(smb.communityIndex());
			List<String> phones = Stream
				.concat(Stream.of(smb.primaryPhone()), smb.secondaryContacts().stream().map(SecondaryContact::phone))
				.filter(Objects::nonNull)
				.toList();
			for (String phone : phones) {
				assertThat(phone).matches(E164);
				assertThat(community.areaCodes()).contains(phone.substring(2, 5));
				assertThat(phone.substring(5, 8)).isNotEqualTo("555");
			}
		}
		assertThat(this.smbs).extracting(DemoSmb::primaryPhone).filteredOn(Objects::nonNull).doesNotHaveDuplicates();
	}

	@Test
	void emailsAreLowerCase() {
		List<String> emails = this.smbs.stream()
			.flatMap((smb) -> Stream.concat(Stream.of(smb.primaryEmail()),
					smb.secondaryContacts().stream().map(SecondaryContact::email)))
			.filter(Objects::nonNull)
			.toList();
		assertThat(emails).isNotEmpty()
			.allMatch((email) -> email.equals(email.toLowerCase(Locale.ROOT)))
			.allMatch((email) -> email.matches("[a-z0-9._]+@[a-z0-9.-]+\\.[a-z]{2,}"));
		assertThat(this.smbs).extracting(DemoSmb::primaryEmail).filteredOn(Objects::nonNull).doesNotHaveDuplicates();
	}

	@Test
	void addressesBelongToTheirCommunity() {
		for (DemoSmb smb : this.smbs) {
			DemoCommunity community = this.communities.get(smb.communityIndex());
			assertThat(smb.city()).isEqualTo(community.name());
			assertThat(smb.state()).isEqualTo(community.state());
			assertThat(community.zips()).contains(smb.zip());
			assertThat(smb.address()).matches("\\d{3,4} .+");
			assertThat(community.streets()).anyMatch((street) -> smb.address().contains(street));
			assertThat(smb.latitude().scale()).isEqualTo(6);
		}
		for (int i = 0; i < this.communities.size(); i++) {
			int index = i;
			List<DemoSmb> town = this.smbs.stream().filter((smb) -> smb.communityIndex() == index).toList();
			double minLat = town.stream().mapToDouble((smb) -> smb.latitude().doubleValue()).min().orElseThrow();
			double maxLat = town.stream().mapToDouble((smb) -> smb.latitude().doubleValue()).max().orElseThrow();
			double minLon = town.stream().mapToDouble((smb) -> smb.longitude().doubleValue()).min().orElseThrow();
			double maxLon = town.stream().mapToDouble((smb) -> smb.longitude().doubleValue()).max().orElseThrow();
			assertThat(maxLat - minLat).isLessThan(0.1);
			assertThat(maxLon - minLon).isLessThan(0.1);
			assertThat(minLat).isBetween(24.0, 50.0);
			assertThat(minLon).isBetween(-125.0, -66.0);
		}
	}

	@Test
	void consentFollowsDoNotContactAndAvailableChannels() {
		for (DemoSmb smb : this.smbs) {
			if (smb.doNotContact()) {
				assertThat(smb.emailOptedIn() || smb.smsOptedIn() || smb.rvmOptedIn() || smb.phoneOptedIn()).isFalse();
			}
			if (smb.primaryEmail() == null) {
				assertThat(smb.emailOptedIn()).isFalse();
			}
			if (smb.primaryPhone() == null) {
				assertThat(smb.smsOptedIn() || smb.rvmOptedIn() || smb.phoneOptedIn()).isFalse();
			}
		}
		assertThat(count(DemoSmb::doNotContact)).isBetween(1L, 30L);
		assertThat(count(DemoSmb::emailOptedIn)).isGreaterThan(200L);
		assertThat(count(DemoSmb::smsOptedIn)).isLessThan(100L);
		assertThat(count(DemoSmb::phoneOptedIn)).isLessThan(100L);
	}

	@Test
	void emailActivityIsConsistentWithNow() {
		for (DemoSmb smb : this.smbs) {
			if (smb.primaryEmail() == null) {
				assertThat(smb.lastEmailOpen()).isNull();
			}
			if (smb.lastEmailOpen() != null) {
				assertThat(smb.lastEmailOpen()).isBeforeOrEqualTo(NOW);
			}
			if (smb.lastEmailClick() != null) {
				assertThat(smb.lastEmailOpen()).isNotNull();
				assertThat(smb.lastEmailClick()).isBeforeOrEqualTo(smb.lastEmailOpen());
			}
		}
		assertThat(count((smb) -> smb.lastEmailOpen() != null)).isGreaterThan(100L);
		assertThat(count((smb) -> smb.lastEmailClick() != null)).isGreaterThan(30L);
	}

	@Test
	void theBookOfBusinessIsVaried() {
		assertThat(this.smbs.stream().map(DemoSmb::businessType).distinct().count()).isGreaterThanOrEqualTo(30);
		assertThat(this.smbs).extracting(DemoSmb::category)
			.contains("food_and_drink", "health_and_beauty", "home_services", "retail", "professional_services",
					"automotive", "fitness", "pets");
		assertThat(count((smb) -> smb.primaryEmail() == null)).isBetween(6L, 45L);
		assertThat(count((smb) -> smb.primaryPhone() == null)).isBetween(6L, 45L);
		assertThat(count((smb) -> smb.dbaName() != null)).isBetween(3L, 45L);
		assertThat(this.smbs).extracting((smb) -> smb.secondaryContacts().size())
			.contains(0, 1, 2)
			.allMatch((n) -> n <= 2);
		assertThat(this.smbs).extracting(DemoSmb::subscriptionTier)
			.containsOnly("free", "basic", "standard", "premium", "enterprise");
		assertThat(this.smbs).extracting(DemoSmb::serviceModel)
			.containsOnly(null, "self_serve", "managed", "hybrid", "enterprise")
			.contains("self_serve", "managed", "hybrid");
		assertThat(this.smbs).extracting(DemoSmb::source)
			.containsOnly("csv_import", "website_form", "referral", "chamber_of_commerce", "cold_outreach", "event");
		assertThat(this.smbs).allMatch((smb) -> smb.productsServices().size() >= 3)
			.allMatch((smb) -> smb.businessDescription().startsWith(smb.businessName()))
			.allMatch((smb) -> smb.website() == null || smb.website().startsWith("https://www."));
	}

	@Test
	void smallRunsStillCoverEveryCommunityAndBand() {
		List<DemoSmb> four = DemoSmbGenerator.generate(7, this.communities, 4, NOW);
		assertThat(four).extracting(DemoSmb::communityIndex).contains(0, 1, 2);
		assertThat(four).extracting((smb) -> band(smb.engagementScore())).containsExactlyInAnyOrder(1, 2, 3, 4);
		assertThat(DemoSmbGenerator.generate(7, this.communities, 0, NOW)).isEmpty();
	}

	@Test
	void rejectsImpossibleRequests() {
		assertThatIllegalArgumentException().isThrownBy(() -> DemoSmbGenerator.generate(1, List.of(), 10, NOW));
		assertThatIllegalArgumentException().isThrownBy(() -> DemoSmbGenerator.generate(1, this.communities, -1, NOW));
	}

	private long count(Predicate<DemoSmb> predicate) {
		return this.smbs.stream().filter(predicate).count();
	}

	private static int band(int score) {
		if (score >= 80) {
			return 1;
		}
		if (score >= 50) {
			return 2;
		}
		return (score >= 20) ? 3 : 4;
	}

}

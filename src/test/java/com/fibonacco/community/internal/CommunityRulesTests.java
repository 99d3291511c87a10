package com.fibonacco.community.internal;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CommunityRulesTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "Hendersonville|hendersonville", "Coeur d’Alène|coeur-d-alene", "  St. Mary's  |st-mary-s",
					"Winston-Salem|winston-salem", "Route 66 -- Tulsa|route-66-tulsa", "東京|community",
					"!!!|community" })
	void aSlugIsMadeFromTheName(String name, String slug) {
		assertThat(CommunityRules.slugOf(name)).isEqualTo(slug);
		assertThat(CommunityRules.isSlug(CommunityRules.slugOf(name))).isTrue();
	}

	@Test
	void aGeneratedSlugLeavesRoomForASuffix() {
		String slug = CommunityRules.slugOf("Llanfair ".repeat(30));

		assertThat(slug.length()).isLessThanOrEqualTo(90);
		assertThat(slug).doesNotEndWith("-");
		assertThat(CommunityRules.isSlug(slug + "-999")).isTrue();
	}

	@Test
	void theNextFreeSlugFillsTheFirstGap() {
		assertThat(CommunityService.nextFreeSlug("brevard", Set.of())).isEqualTo("brevard");
		assertThat(CommunityService.nextFreeSlug("brevard", Set.of("brevard"))).isEqualTo("brevard-2");
		assertThat(CommunityService.nextFreeSlug("brevard", Set.of("brevard", "brevard-2", "brevard-4")))
			.isEqualTo("brevard-3");
		assertThat(CommunityService.nextFreeSlug("route", Set.of("route", "route-66"))).isEqualTo("route-2");
	}

	@ParameterizedTest
	@ValueSource(strings = { "America/Chicago", "America/New_York", "Pacific/Honolulu", "America/Puerto_Rico",
			"Pacific/Guam", "America/Kentucky/Louisville", "UTC" })
	void regionTimeZonesAreAccepted(String zone) {
		assertThat(CommunityRules.isTimeZone(zone)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Mars/Olympus", "+05:00", "-0500", "Z", "UTC+05:00", "GMT+5", "Etc/GMT+5",
			"america/chicago", "EST", "" })
	void offsetsAndUnknownZonesAreRefused(String zone) {
		assertThat(CommunityRules.isTimeZone(zone)).isFalse();
	}

	@Test
	void theStatesAreTheFiftyTheDistrictAndFiveTerritories() {
		assertThat(CommunityRules.US_STATES).hasSize(56).contains("DC", "PR", "GU", "VI", "AS", "MP");
		assertThat(CommunityRules.state(" nc ")).isEqualTo("NC");
		assertThat(CommunityRules.state("XX")).isNull();
		assertThat(CommunityRules.state("N")).isNull();
	}

}

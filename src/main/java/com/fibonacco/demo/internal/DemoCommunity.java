package com.fibonacco.demo.internal;

import java.util.List;
import java.util.Objects;

/**
 * A town ("community") used to seed demo data: identity, IANA time zone, and the local
 * details (ZIP codes, telephone area codes, street names) that {@link DemoSmbGenerator}
 * draws from.
 */
record DemoCommunity(String name, String slug, String state, String county, int population, String timezone,
		List<String> zips, List<String> areaCodes, List<String> streets) {

	DemoCommunity {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(slug, "slug");
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(county, "county");
		Objects.requireNonNull(timezone, "timezone");
		zips = List.copyOf(zips);
		areaCodes = List.copyOf(areaCodes);
		streets = List.copyOf(streets);
		if (zips.isEmpty() || areaCodes.isEmpty() || streets.isEmpty()) {
			throw new IllegalArgumentException("community " + slug + " needs at least one zip, area code and street");
		}
	}

}

package com.fibonacco.community.internal;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What makes a community's state, time zone and slug valid, and how a slug is made from a
 * name. One place, used by the request constraints and the list filter alike.
 */
final class CommunityRules {

	static final int NAME_MAX = 200;

	static final int COUNTY_MAX = 100;

	/** The column's CHECK allows 100; generated slugs leave room for a "-NNN" suffix. */
	static final int SLUG_MAX = 100;

	private static final int GENERATED_SLUG_BASE_MAX = 90;

	static final String DEFAULT_TIMEZONE = "America/New_York";

	private static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

	/** The 50 states, the District of Columbia and the five inhabited territories. */
	static final Set<String> US_STATES = Set.of("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID",
			"IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
			"NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
			"WI", "WY", "DC", "PR", "GU", "VI", "AS", "MP");

	static final String STATE_MESSAGE = "must be a two-letter US state or territory code, e.g. NC";

	static final String TIMEZONE_MESSAGE = "must be an IANA time zone name such as America/Chicago";

	static final String SLUG_MESSAGE = "must be lower-case letters and digits separated by single hyphens, "
			+ "at most " + SLUG_MAX + " characters";

	private CommunityRules() {
	}

	/** The upper-case state code, or null when it is not a US state or territory. */
	static @Nullable String state(@Nullable String code) {
		if (code == null) {
			return null;
		}
		String upper = code.strip().toUpperCase(Locale.ROOT);
		return US_STATES.contains(upper) ? upper : null;
	}

	static boolean isState(String code) {
		return state(code) != null;
	}

	/**
	 * A region of the tz database ({@code America/Chicago}, {@code UTC}); offsets such as
	 * {@code +05:00}, {@code UTC+05:00} or {@code Etc/GMT+5} are refused because they
	 * ignore daylight saving.
	 */
	static boolean isTimeZone(String id) {
		if (!ZoneId.getAvailableZoneIds().contains(id) || id.startsWith("Etc/GMT+") || id.startsWith("Etc/GMT-")) {
			return false;
		}
		try {
			return !(ZoneId.of(id) instanceof ZoneOffset);
		}
		catch (DateTimeException ex) {
			return false;
		}
	}

	static boolean isSlug(String slug) {
		return slug.length() <= SLUG_MAX && SLUG.matcher(slug).matches();
	}

	/**
	 * A slug from a name: accents dropped, lower-case ASCII letters and digits joined by
	 * single hyphens ("Coeur d'Alène" → "coeur-d-alene").
	 */
	static String slugOf(String name) {
		String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
		if (slug.length() > GENERATED_SLUG_BASE_MAX) {
			slug = slug.substring(0, GENERATED_SLUG_BASE_MAX).replaceAll("-+$", "");
		}
		return slug.isEmpty() ? "community" : slug;
	}

}

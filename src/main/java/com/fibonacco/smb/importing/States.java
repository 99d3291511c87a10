package com.fibonacco.smb.importing;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.fibonacco.smb.internal.SmbRules;

/**
 * A US state as files write it ("NC", "nc", "N.C.", "North Carolina") to its two-letter
 * code; null when it is none.
 */
final class States {

	private static final Map<String, String> BY_NAME = new HashMap<>();

	static {
		String[][] names = { { "alabama", "AL" }, { "alaska", "AK" }, { "arizona", "AZ" }, { "arkansas", "AR" },
				{ "california", "CA" }, { "colorado", "CO" }, { "connecticut", "CT" }, { "delaware", "DE" },
				{ "florida", "FL" }, { "georgia", "GA" }, { "hawaii", "HI" }, { "idaho", "ID" }, { "illinois", "IL" },
				{ "indiana", "IN" }, { "iowa", "IA" }, { "kansas", "KS" }, { "kentucky", "KY" }, { "louisiana", "LA" },
				{ "maine", "ME" }, { "maryland", "MD" }, { "massachusetts", "MA" }, { "michigan", "MI" },
				{ "minnesota", "MN" }, { "mississippi", "MS" }, { "missouri", "MO" }, { "montana", "MT" },
				{ "nebraska", "NE" }, { "nevada", "NV" }, { "newhampshire", "NH" }, { "newjersey", "NJ" },
				{ "newmexico", "NM" }, { "newyork", "NY" }, { "northcarolina", "NC" }, { "northdakota", "ND" },
				{ "ohio", "OH" }, { "oklahoma", "OK" }, { "oregon", "OR" }, { "pennsylvania", "PA" },
				{ "rhodeisland", "RI" }, { "southcarolina", "SC" }, { "southdakota", "SD" }, { "tennessee", "TN" },
				{ "texas", "TX" }, { "utah", "UT" }, { "vermont", "VT" }, { "virginia", "VA" }, { "washington", "WA" },
				{ "westvirginia", "WV" }, { "wisconsin", "WI" }, { "wyoming", "WY" }, { "districtofcolumbia", "DC" },
				{ "washingtondc", "DC" }, { "puertorico", "PR" }, { "guam", "GU" }, { "usvirginislands", "VI" },
				{ "virginislands", "VI" }, { "americansamoa", "AS" }, { "northernmarianaislands", "MP" } };
		for (String[] name : names) {
			BY_NAME.put(name[0], name[1]);
		}
	}

	private States() {
	}

	static @Nullable String code(String raw) {
		String value = raw.strip();
		if (value.length() == 2) {
			String code = value.toUpperCase(Locale.ROOT);
			return SmbRules.STATE_CODES.contains(code) ? code : null;
		}
		String key = Target.key(value);
		if (key.length() == 2) {
			String code = key.toUpperCase(Locale.ROOT);
			return SmbRules.STATE_CODES.contains(code) ? code : null;
		}
		return BY_NAME.get(key);
	}

}

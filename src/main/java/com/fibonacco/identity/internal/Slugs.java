package com.fibonacco.identity.internal;

import java.text.Normalizer;
import java.util.Locale;

/** URL slugs from names: lower-case ASCII letters and digits joined by single hyphens. */
final class Slugs {

	private Slugs() {
	}

	static String of(String name) {
		String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
		if (slug.length() > 90) {
			slug = slug.substring(0, 90).replaceAll("-+$", "");
		}
		return slug.isEmpty() ? "tenant" : slug;
	}

}

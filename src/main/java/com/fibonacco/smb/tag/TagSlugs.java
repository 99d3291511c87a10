package com.fibonacco.smb.tag;

import java.text.Normalizer;
import java.util.Locale;

/**
 * URL slugs of tag names: lower-case ASCII letters and digits joined by single hyphens.
 */
final class TagSlugs {

	private TagSlugs() {
	}

	static String of(String name) {
		String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
		if (slug.length() > 100) {
			slug = slug.substring(0, 100).replaceAll("-+$", "");
		}
		// a name of emoji or non-Latin script only still needs a slug
		return slug.isEmpty() ? "tag" : slug;
	}

}

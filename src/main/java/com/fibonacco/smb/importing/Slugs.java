package com.fibonacco.smb.importing;

import com.fibonacco.smb.internal.SmbRules;

/**
 * The slug base of a business name, as {@link SmbRules#slugOf} makes it, without its
 * Unicode normalisation and regular expressions for the plain ASCII names most rows have.
 */
final class Slugs {

	private static final int MAX = 100;

	private Slugs() {
	}

	static String base(String name) {
		StringBuilder slug = new StringBuilder(Math.min(name.length(), MAX + 8));
		boolean separator = false;
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c >= 0x80) {
				return SmbRules.slugOf(name);
			}
			if (c >= 'A' && c <= 'Z') {
				c = (char) (c + ('a' - 'A'));
			}
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
				if (separator && !slug.isEmpty()) {
					slug.append('-');
				}
				separator = false;
				slug.append(c);
			}
			else if (c == '&') {
				if (!slug.isEmpty()) {
					slug.append('-');
				}
				slug.append("and");
				separator = true;
			}
			else if (c != '\'') {
				separator = true;
			}
		}
		if (slug.length() > MAX) {
			slug.setLength(MAX);
			while (!slug.isEmpty() && slug.charAt(slug.length() - 1) == '-') {
				slug.setLength(slug.length() - 1);
			}
		}
		return slug.isEmpty() ? "smb" : slug.toString();
	}

}

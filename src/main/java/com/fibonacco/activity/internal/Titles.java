package com.fibonacco.activity.internal;

import java.util.Collection;
import java.util.stream.Collectors;

/** Plain-words titles for timeline entries. */
final class Titles {

	static final int MAX_TITLE = 255;

	/** Quoted values are cut shorter so the words around them survive. */
	private static final int MAX_QUOTED = 120;

	private Titles() {
	}

	/** {@code “VIP”}. */
	static String quoted(String value) {
		return "\u201C" + abbreviate(value.strip(), MAX_QUOTED) + "\u201D";
	}

	/**
	 * API field names as words: {@code primary_email, city} →
	 * {@code primary email, city}.
	 */
	static String fields(Collection<String> names) {
		return names.stream().map(name -> name.replace('_', ' ')).collect(Collectors.joining(", "));
	}

	/** The title as stored: at most {@value #MAX_TITLE} characters. */
	static String fit(String title) {
		return abbreviate(title.strip(), MAX_TITLE);
	}

	private static String abbreviate(String text, int max) {
		if (text.length() <= max) {
			return text;
		}
		int end = max - 1;
		if (Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(0, end) + "\u2026";
	}

}

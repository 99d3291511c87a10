package com.fibonacco.smb.exporting;

import org.jspecify.annotations.Nullable;

/**
 * CSV cells that are safe to open in a spreadsheet: a value a spreadsheet would read as a
 * formula ({@code =}, {@code +}, {@code -}, {@code @}, tab or carriage return first, also
 * after leading spaces) gets a leading apostrophe (the OWASP CSV-injection advice; the
 * import takes it off again), and a value with a delimiter, quote or line break is
 * quoted.
 */
public final class CsvCells {

	private CsvCells() {
	}

	/** The value as one CSV cell; null is an empty cell. */
	public static String cell(@Nullable String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		String safe = neutralize(value);
		if (needsQuotes(safe)) {
			return '"' + safe.replace("\"", "\"\"") + '"';
		}
		return safe;
	}

	/** A value that cannot start a formula. */
	public static String neutralize(String value) {
		int i = 0;
		while (i < value.length() && value.charAt(i) == ' ') {
			i++;
		}
		if (i < value.length() && "=+-@\t\r".indexOf(value.charAt(i)) >= 0) {
			return "'" + value;
		}
		return value;
	}

	private static boolean needsQuotes(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == ',' || c == '"' || c == '\n' || c == '\r' || c == ';' || c == '\t') {
				return true;
			}
		}
		return value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ';
	}

}

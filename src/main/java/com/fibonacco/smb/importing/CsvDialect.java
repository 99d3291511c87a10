package com.fibonacco.smb.importing;

import java.io.IOException;
import java.io.StringReader;

/**
 * How a CSV file separates its values: Excel's {@code sep=;} first line when present,
 * else whichever of comma, semicolon, tab and pipe splits the header (read with quotes)
 * into the most columns, with the data rows that follow agreeing; comma when none does.
 */
record CsvDialect(char delimiter, boolean sepLine) {

	private static final char[] CANDIDATES = { ',', ';', '\t', '|' };

	/** Decides from the file's first characters. */
	static CsvDialect detect(String sample) {
		String first = sample.lines().findFirst().orElse("").strip();
		if (first.length() == 5 && first.regionMatches(true, 0, "sep=", 0, 4)) {
			return new CsvDialect(first.charAt(4), true);
		}
		char best = ',';
		long bestScore = 0;
		for (char candidate : CANDIDATES) {
			long score = score(sample, candidate);
			if (score > bestScore) {
				best = candidate;
				bestScore = score;
			}
		}
		return new CsvDialect(best, false);
	}

	/** Header columns, weighed by how many of the next rows have as many values. */
	private static long score(String sample, char delimiter) {
		try {
			CsvParser parser = new CsvParser(new StringReader(sample), delimiter);
			CsvParser.Record header = parser.next();
			while (header != null && header.blank()) {
				header = parser.next();
			}
			if (header == null || header.fields().length < 2) {
				return 0;
			}
			int columns = header.fields().length;
			int rows = 0;
			int agreeing = 0;
			CsvParser.Record row;
			// the sample's last row may be cut short, so it is not counted
			CsvParser.Record previous = null;
			while (rows < 20 && (row = parser.next()) != null) {
				if (previous != null && !previous.blank()) {
					rows++;
					if (previous.fields().length == columns) {
						agreeing++;
					}
				}
				previous = row;
			}
			return rows == 0 ? columns * 10L : columns * (5L + 5L * agreeing / rows);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

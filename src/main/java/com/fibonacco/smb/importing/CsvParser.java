package com.fibonacco.smb.importing;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A streaming CSV reader (RFC 4180, read leniently as spreadsheets write it): quoted
 * fields may hold delimiters, doubled quotes and line breaks; records end with LF, CRLF
 * or CR; a quote inside an unquoted field is a plain character; spaces before an opening
 * quote are dropped. Memory stays bounded whatever the input: a field keeps at most
 * {@link #MAX_FIELD} characters and a record at most {@link #MAX_FIELDS} fields; a record
 * that hit a limit says so instead of growing (a stray quote can otherwise swallow the
 * rest of a file into one field).
 */
final class CsvParser {

	static final int MAX_FIELD = 65_536;

	static final int MAX_FIELDS = 1_000;

	/** Characters a whole record may hold. */
	static final int MAX_RECORD = 1_048_576;

	private int recordChars;

	private final Reader in;

	private final char delimiter;

	private final char[] buffer = new char[64 * 1024];

	private int position;

	private int limit;

	private boolean eof;

	private final StringBuilder field = new StringBuilder(256);

	CsvParser(Reader in, char delimiter) {
		this.in = in;
		this.delimiter = delimiter;
	}

	/**
	 * One record's fields.
	 *
	 * @param unterminated a quoted field ran to the end of the file
	 * @param overlong a field or the record was cut at a limit
	 */
	record Record(String[] fields, boolean unterminated, boolean overlong) {

		boolean blank() {
			for (String value : fields) {
				if (!value.isBlank()) {
					return false;
				}
			}
			return true;
		}

	}

	/** The next record, or null at the end of the input. */
	@Nullable Record next() throws IOException {
		if (!ensure()) {
			return null;
		}
		List<String> fields = new ArrayList<>();
		recordChars = 0;
		boolean overlong = false;
		boolean unterminated = false;
		while (true) {
			field.setLength(0);
			boolean quoted = false;
			boolean wasQuoted = false;
			boolean fieldOverlong = false;
			boolean recordEnds = false;
			while (true) {
				if (!ensure()) {
					if (quoted) {
						unterminated = true;
					}
					recordEnds = true;
					break;
				}
				char c = buffer[position++];
				if (quoted) {
					if (c == '"') {
						if (!ensure()) {
							quoted = false;
							recordEnds = true;
							break;
						}
						if (buffer[position] == '"') {
							position++;
							fieldOverlong |= append(c);
						}
						else {
							// the closing quote; anything up to the delimiter is kept as
							// is
							quoted = false;
						}
					}
					else if (c == '\r') {
						if (ensure() && buffer[position] == '\n') {
							position++;
						}
						fieldOverlong |= append('\n');
					}
					else {
						fieldOverlong |= append(c);
					}
				}
				else if (c == delimiter) {
					break;
				}
				else if (c == '\n') {
					recordEnds = true;
					break;
				}
				else if (c == '\r') {
					if (ensure() && buffer[position] == '\n') {
						position++;
					}
					recordEnds = true;
					break;
				}
				else if (c == '"' && !wasQuoted && field.chars().allMatch(ch -> ch == ' ')) {
					field.setLength(0);
					quoted = true;
					wasQuoted = true;
				}
				else {
					fieldOverlong |= append(c);
				}
			}
			overlong |= fieldOverlong;
			if (fields.size() < MAX_FIELDS) {
				fields.add(field.toString());
			}
			else {
				overlong = true;
			}
			if (recordEnds) {
				break;
			}
		}
		return new Record(fields.toArray(String[]::new), unterminated, overlong);
	}

	/** Appends unless the field is full; true when it is. */
	private boolean append(char c) {
		if (field.length() >= MAX_FIELD || recordChars >= MAX_RECORD) {
			return true;
		}
		field.append(c);
		recordChars++;
		return false;
	}

	private boolean ensure() throws IOException {
		if (position < limit) {
			return true;
		}
		if (eof) {
			return false;
		}
		int n;
		do {
			n = in.read(buffer, 0, buffer.length);
		}
		while (n == 0);
		if (n < 0) {
			eof = true;
			return false;
		}
		position = 0;
		limit = n;
		return true;
	}

}

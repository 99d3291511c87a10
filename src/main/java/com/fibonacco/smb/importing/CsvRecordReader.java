package com.fibonacco.smb.importing;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** The rows of a CSV file under its header line. */
final class CsvRecordReader implements RecordReader {

	private final Reader reader;

	private final CsvParser parser;

	private final ColumnPlan plan;

	private long number;

	/**
	 * Reads up to the header (after an Excel {@code sep=} line and blank lines).
	 * @throws ImportFailure when the file has no header
	 */
	CsvRecordReader(Reader reader, CsvDialect dialect, Map<String, Target> mapping) throws IOException {
		this.reader = reader;
		this.parser = new CsvParser(reader, dialect.delimiter());
		CsvParser.Record header = read();
		if (header != null && dialect.sepLine()) {
			header = read();
		}
		while (header != null && header.blank()) {
			header = read();
		}
		if (header == null) {
			throw new ImportFailure("The file is empty");
		}
		List<String> headers = new ArrayList<>();
		for (int i = 0; i < header.fields().length; i++) {
			String name = header.fields()[i].replace('\0', ' ').strip();
			headers.add(name.isEmpty() ? "column_" + (i + 1) : name);
		}
		this.plan = ColumnPlan.of(headers, mapping);
	}

	ColumnPlan plan() {
		return plan;
	}

	@Override
	public @Nullable SourceRow next() throws IOException {
		while (true) {
			CsvParser.Record record = read();
			if (record == null) {
				return null;
			}
			if (record.blank() && !record.unterminated()) {
				continue;
			}
			String[] fields = record.fields();
			Object[] values = new Object[plan.size()];
			System.arraycopy(fields, 0, values, 0, Math.min(fields.length, values.length));
			List<String> problems = List.of();
			if (record.unterminated()) {
				problems = List.of("a quoted value is not closed before the end of the file (a stray \" ?)");
			}
			else if (record.overlong()) {
				problems = List.of("a value is longer than " + CsvParser.MAX_FIELD
						+ " characters or the row has more than " + CsvParser.MAX_FIELDS + " values (a stray \" ?)");
			}
			else if (fields.length > values.length) {
				for (int i = values.length; i < fields.length; i++) {
					if (!fields[i].isBlank()) {
						problems = List
							.of("has " + fields.length + " values but the header has " + values.length + " columns");
						break;
					}
				}
			}
			return new SourceRow(number, plan, values, problems);
		}
	}

	private CsvParser.@Nullable Record read() throws IOException {
		CsvParser.Record record = parser.next();
		if (record != null) {
			number++;
		}
		return record;
	}

	@Override
	public void close() throws IOException {
		reader.close();
	}

}

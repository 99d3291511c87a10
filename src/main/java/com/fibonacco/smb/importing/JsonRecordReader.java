package com.fibonacco.smb.importing;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.json.JsonMapper;

/**
 * The objects of a JSON file, streamed: a top-level array of objects, or objects one
 * after another (JSON lines). Each object's keys are its columns, matched like CSV
 * headers; nested objects and arrays are kept as JSON for metadata.
 */
final class JsonRecordReader implements RecordReader {

	/** Distinct key sets whose plans are kept; files rarely have more than a handful. */
	private static final int PLAN_CACHE = 64;

	private final Reader reader;

	private final JsonParser parser;

	private final Map<String, Target> mapping;

	private final JsonMapper json;

	private final boolean array;

	private final Map<List<String>, ColumnPlan> plans = new LinkedHashMap<>(16, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<List<String>, ColumnPlan> eldest) {
			return size() > PLAN_CACHE;
		}
	};

	private boolean started;

	private boolean done;

	private long number;

	/**
	 * @throws ImportFailure when the file is neither an array nor objects
	 */
	JsonRecordReader(Reader reader, JsonMapper json, Map<String, Target> mapping) {
		this.reader = reader;
		this.mapping = mapping;
		this.json = json;
		try {
			this.parser = json.createParser(reader);
			JsonToken first = parser.nextToken();
			if (first == null) {
				throw new ImportFailure("The file is empty");
			}
			if (first != JsonToken.START_ARRAY && first != JsonToken.START_OBJECT) {
				throw new ImportFailure("A JSON import must be an array of objects, or one object per line");
			}
			this.array = first == JsonToken.START_ARRAY;
		}
		catch (JacksonException ex) {
			throw malformed(ex);
		}
	}

	@Override
	public @Nullable SourceRow next() throws IOException {
		if (done) {
			return null;
		}
		try {
			JsonToken token = started || array ? parser.nextToken() : parser.currentToken();
			started = true;
			if (token == null || (array && token == JsonToken.END_ARRAY)) {
				done = true;
				return null;
			}
			number++;
			if (token != JsonToken.START_OBJECT) {
				parser.skipChildren();
				return new SourceRow(number, ColumnPlan.of(List.of(), mapping), new Object[0],
						List.of("is not a JSON object"));
			}
			List<String> keys = new ArrayList<>();
			List<@Nullable Object> values = new ArrayList<>();
			List<String> problems = new ArrayList<>();
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String key = parser.currentName().replace('\0', ' ');
				JsonToken value = parser.nextToken();
				if (keys.size() >= CsvParser.MAX_FIELDS) {
					parser.skipChildren();
					continue;
				}
				keys.add(key);
				values.add(switch (value) {
					case VALUE_STRING -> parser.getString();
					case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getText();
					case VALUE_TRUE -> "true";
					case VALUE_FALSE -> "false";
					case VALUE_NULL -> null;
					default -> nested(key, problems);
				});
			}
			ColumnPlan plan = plans.computeIfAbsent(List.copyOf(keys), list -> ColumnPlan.of(list, mapping));
			if (keys.size() >= CsvParser.MAX_FIELDS) {
				problems.add("has more than " + CsvParser.MAX_FIELDS + " keys");
			}
			return new SourceRow(number, plan, values.toArray(), problems);
		}
		catch (JacksonException ex) {
			throw malformed(ex);
		}
	}

	/**
	 * A nested object or array as JSON text, at most {@link CsvParser#MAX_FIELD}
	 * characters: copied token by token, so a huge value never sits in memory.
	 */
	private @Nullable Object nested(String key, List<String> problems) {
		LimitedWriter text = new LimitedWriter(CsvParser.MAX_FIELD);
		try (var generator = json.createGenerator(text)) {
			generator.copyCurrentStructure(parser);
		}
		if (text.overflow) {
			problems.add("the value of \"" + key + "\" is longer than " + CsvParser.MAX_FIELD + " characters");
			return null;
		}
		return new SourceRow.RawJson(text.toString());
	}

	/** Keeps the first characters written to it and drops the rest. */
	private static final class LimitedWriter extends java.io.Writer {

		private final StringBuilder text = new StringBuilder();

		private final int limit;

		boolean overflow;

		LimitedWriter(int limit) {
			this.limit = limit;
		}

		@Override
		public void write(char[] chars, int off, int len) {
			int room = limit - text.length();
			if (len > room) {
				overflow = true;
			}
			text.append(chars, off, Math.max(0, Math.min(len, room)));
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

		@Override
		public String toString() {
			return text.toString();
		}

	}

	private static ImportFailure malformed(JacksonException ex) {
		TokenStreamLocation at = ex.getLocation();
		String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
		return new ImportFailure("The file is not valid JSON" + where + ": " + ex.getOriginalMessage());
	}

	@Override
	public void close() throws IOException {
		parser.close();
		reader.close();
	}

}

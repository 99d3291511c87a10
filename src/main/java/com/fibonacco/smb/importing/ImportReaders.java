package com.fibonacco.smb.importing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/** Opens a file's rows by its format, the same way for the upload check and the job. */
final class ImportReaders {

	/** Characters read ahead to decide a CSV file's delimiter. */
	static final int SAMPLE = 64 * 1024;

	/**
	 * JSON limits that keep one value from filling the heap: no string over a megabyte,
	 * no deeper nesting than anyone needs.
	 */
	static final JsonMapper JSON = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(
					StreamReadConstraints.builder().maxStringLength(1_048_576).maxNestingDepth(64).build())
			.build())
		.build();

	private ImportReaders() {
	}

	static RecordReader open(String format, InputStream in, Map<String, Target> mapping) throws IOException {
		BufferedReader text = new BufferedReader(TextDecoding.reader(in), SAMPLE * 2);
		if (format.equals("json")) {
			return new JsonRecordReader(text, JSON, mapping);
		}
		text.mark(SAMPLE + 1);
		char[] sample = new char[SAMPLE];
		int n = 0;
		int read;
		while (n < SAMPLE && (read = text.read(sample, n, SAMPLE - n)) > 0) {
			n += read;
		}
		text.reset();
		CsvDialect dialect = CsvDialect.detect(new String(sample, 0, n));
		return new CsvRecordReader(text, dialect, mapping);
	}

}

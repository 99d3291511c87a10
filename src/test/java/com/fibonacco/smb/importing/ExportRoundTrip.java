package com.fibonacco.smb.importing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * For the export tests: reads an export with the import's own CSV reader, and imports it
 * back.
 */
public final class ExportRoundTrip {

	private final ImportClient client;

	public ExportRoundTrip(int port, String token) {
		this.client = new ImportClient(port, token);
	}

	/** Imports the CSV with on_duplicate=update; the ended import. */
	public JsonNode reimport(String csv, UUID community) {
		return client.run("export.csv", csv.getBytes(StandardCharsets.UTF_8),
				ImportClient.fields("community_id", community.toString(), "on_duplicate", "update"));
	}

	/** The rows of a CSV text, each by its header. */
	public static List<Map<String, String>> parse(String csv) throws IOException {
		try (Reader reader = TextDecoding.reader(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)))) {
			CsvParser parser = new CsvParser(reader, ',');
			CsvParser.Record header = parser.next();
			List<Map<String, String>> rows = new ArrayList<>();
			CsvParser.Record record;
			while ((record = parser.next()) != null) {
				if (record.blank()) {
					continue;
				}
				Map<String, String> row = new LinkedHashMap<>();
				for (int i = 0; i < header.fields().length; i++) {
					row.put(header.fields()[i], i < record.fields().length ? record.fields()[i] : "");
				}
				rows.add(row);
			}
			return rows;
		}
	}

}

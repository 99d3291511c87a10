package com.fibonacco.smb.importing;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One data row as the file holds it: its number (for CSV the record number counting the
 * header as row 1, as a spreadsheet numbers its rows; for JSON the object's position),
 * its values by column of the plan ({@link String}, {@link RawJson} or null), and any
 * problem of the row as a whole.
 */
record SourceRow(long number, ColumnPlan plan, @Nullable Object[] values, List<String> problems) {

	/** A JSON object or array value, kept as JSON text. */
	record RawJson(String json) {
	}

}

package com.fibonacco.smb.importing;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.web.ApiException;
import com.fibonacco.shared.web.FieldError;

import org.springframework.http.HttpStatus;
import org.springframework.web.multipart.MultipartFile;

/**
 * What the upload request can tell at once, before anything is stored: that the file is
 * there, not empty, not over the limit, text and not a spreadsheet workbook, PDF, image
 * or other binary; CSV or JSON; with a header naming a business-name column and at least
 * one data row; that the mapping names columns the file has; and that every row can get a
 * community. Each refusal is a problem response naming the field.
 */
final class UploadCheck {

	private static final Set<String> CSV_EXTENSIONS = Set.of("csv", "tsv", "txt", "tab");

	private static final Set<String> JSON_EXTENSIONS = Set.of("json", "jsonl", "ndjson");

	private static final Set<String> CSV_TYPES = Set.of("text/csv", "text/plain", "application/csv",
			"text/tab-separated-values", "application/vnd.ms-excel", "text/x-csv", "application/x-csv");

	private static final Set<String> JSON_TYPES = Set.of("application/json", "application/x-ndjson",
			"application/jsonl", "application/x-jsonlines", "text/json");

	private UploadCheck() {
	}

	/** The file's format ("csv" or "json") once it passes. */
	static String check(@Nullable MultipartFile file, Map<String, @Nullable String> rawMapping,
			Map<String, Target> mapping, boolean hasCommunity, long maxBytes) throws IOException {
		if (file == null) {
			throw ApiException.invalid("file", "is required: send the CSV or JSON file as the multipart part 'file'");
		}
		String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
		if (file.getSize() > maxBytes) {
			throw tooLarge(maxBytes);
		}
		byte[] head;
		try (InputStream in = file.getInputStream()) {
			head = in.readNBytes(ImportReaders.SAMPLE);
		}
		if (head.length == 0 || isBlank(head)) {
			throw ApiException.invalid("file", "is empty");
		}
		String binary = binaryKind(head);
		if (binary != null) {
			throw unsupported(name + " is " + binary + ", not a CSV or JSON file"
					+ (binary.contains("Excel") || binary.contains("ZIP") ? "; in Excel, use File > Save As > CSV"
							: ""));
		}
		String format = format(name, file.getContentType(), head);
		try (RecordReader reader = ImportReaders.open(format, file.getInputStream(), mapping)) {
			if (reader instanceof CsvRecordReader csv) {
				ColumnPlan plan = csv.plan();
				List<FieldError> errors = new ArrayList<>();
				ColumnPlan.unknownColumns(rawMapping, plan.headers())
					.forEach(column -> errors.add(new FieldError("mapping." + column, "is not a column of the file")));
				if (!plan.has(Target.BUSINESS_NAME)) {
					errors.add(new FieldError("file",
							"has no column for the business name (e.g. \"Company Name\" or \"business_name\"); "
									+ "its columns are " + String.join(", ", plan.headers())
									+ " — map one to business_name with mapping"));
				}
				if (!hasCommunity && !plan.has(Target.COMMUNITY)) {
					errors.add(new FieldError("community_id",
							"is required: the file has no community column, so give the import a community"));
				}
				if (!errors.isEmpty()) {
					throw ApiException.invalid(errors);
				}
			}
			SourceRow first = reader.next();
			if (first == null) {
				throw ApiException.invalid("file",
						format.equals("csv") ? "has a header row but no data rows" : "has no records (an empty array)");
			}
		}
		catch (ImportFailure failure) {
			throw ApiException.invalid("file", failure.getMessage());
		}
		return format;
	}

	static ApiException tooLarge(long maxBytes) {
		return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "file_too_large",
				"The file is larger than the import limit of " + megabytes(maxBytes) + "; split it into smaller files",
				List.of(new FieldError("file", "is larger than " + megabytes(maxBytes))));
	}

	private static ApiException unsupported(String detail) {
		return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_file_type", detail,
				List.of(new FieldError("file", "must be a CSV or JSON file")));
	}

	private static String megabytes(long bytes) {
		return bytes >= 1024 * 1024 ? (bytes / (1024 * 1024)) + " MB" : bytes + " bytes";
	}

	/**
	 * CSV or JSON, by the file's extension, then its declared type, then its first
	 * character.
	 */
	private static String format(String name, @Nullable String contentType, byte[] head) {
		int dot = name.lastIndexOf('.');
		String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
		if (!extension.matches("[a-z]{2,5}")) {
			// "export.2026-11-22" has no extension to speak of
			extension = "";
		}
		if (CSV_EXTENSIONS.contains(extension)) {
			return "csv";
		}
		if (JSON_EXTENSIONS.contains(extension)) {
			return "json";
		}
		String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
		if (!extension.isEmpty() && !type.isEmpty() && !CSV_TYPES.contains(type) && !JSON_TYPES.contains(type)
				&& !type.equals("application/octet-stream")) {
			throw unsupported(name + " is a " + type + " file; upload a CSV or JSON file");
		}
		if (!extension.isEmpty()) {
			throw unsupported("." + extension + " files can't be imported; upload a CSV (.csv) or JSON (.json) file");
		}
		if (CSV_TYPES.contains(type)) {
			return "csv";
		}
		if (JSON_TYPES.contains(type)) {
			return "json";
		}
		for (byte b : head) {
			if (b == '[' || b == '{') {
				return "json";
			}
			if (!Character.isWhitespace(b) && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
				return "csv";
			}
		}
		return "csv";
	}

	private static boolean isBlank(byte[] head) {
		for (byte b : head) {
			if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != (byte) 0xEF && b != (byte) 0xBB
					&& b != (byte) 0xBF) {
				return false;
			}
		}
		return head.length < ImportReaders.SAMPLE;
	}

	/**
	 * What a binary file is, by its magic number or its control characters; null for
	 * text.
	 */
	static @Nullable String binaryKind(byte[] head) {
		if (startsWith(head, 0x50, 0x4B, 0x03, 0x04)) {
			return "a ZIP archive (an Excel .xlsx workbook?)";
		}
		if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0)) {
			return "an old-style Excel .xls workbook";
		}
		if (startsWith(head, 0x25, 0x50, 0x44, 0x46)) {
			return "a PDF document";
		}
		if (startsWith(head, 0x89, 0x50, 0x4E, 0x47) || startsWith(head, 0xFF, 0xD8, 0xFF)
				|| startsWith(head, 0x47, 0x49, 0x46, 0x38)) {
			return "an image";
		}
		if (startsWith(head, 0x1F, 0x8B)) {
			return "a gzip archive";
		}
		boolean utf16 = startsWith(head, 0xFF, 0xFE) || startsWith(head, 0xFE, 0xFF);
		if (utf16) {
			return null;
		}
		int control = 0;
		for (byte b : head) {
			int c = b & 0xFF;
			if (c == 0) {
				return "binary data";
			}
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
				control++;
			}
		}
		return control * 100 > head.length ? "binary data" : null;
	}

	private static boolean startsWith(byte[] head, int... magic) {
		if (head.length < magic.length) {
			return false;
		}
		for (int i = 0; i < magic.length; i++) {
			if ((head[i] & 0xFF) != magic[i]) {
				return false;
			}
		}
		return true;
	}

}

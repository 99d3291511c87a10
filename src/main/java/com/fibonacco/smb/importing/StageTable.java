package com.fibonacco.smb.importing;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.postgresql.copy.CopyIn;

/**
 * An import's staging table: one UNLOGGED table per import (its name is made from the
 * import id, never from input), filled by one {@code COPY}, read by the merge in ranges
 * of row numbers through a BRIN index (rows arrive in row order), dropped when the import
 * ends. Unlogged because it is rebuilt from the stored file if PostgreSQL ever loses it.
 */
final class StageTable {

	/** The columns in COPY order; the normaliser fills a row in this order. */
	static final List<String> COLUMNS = List.of("row_number", "new_id", "community_id", "business_name", "slug_base",
			"dba_name", "business_type", "category", "primary_contact_name", "primary_email", "primary_phone",
			"website", "address", "city", "state", "zip", "latitude", "longitude", "business_description",
			"service_model", "subscription_tier", "email_opted_in", "sms_opted_in", "rvm_opted_in", "phone_opted_in",
			"do_not_contact", "source", "metadata", "errors");

	static final int ROW_NUMBER = 0, NEW_ID = 1, COMMUNITY_ID = 2, BUSINESS_NAME = 3, SLUG_BASE = 4, DBA_NAME = 5,
			BUSINESS_TYPE = 6, CATEGORY = 7, PRIMARY_CONTACT_NAME = 8, PRIMARY_EMAIL = 9, PRIMARY_PHONE = 10,
			WEBSITE = 11, ADDRESS = 12, CITY = 13, STATE = 14, ZIP = 15, LATITUDE = 16, LONGITUDE = 17,
			BUSINESS_DESCRIPTION = 18, SERVICE_MODEL = 19, SUBSCRIPTION_TIER = 20, EMAIL_OPTED_IN = 21,
			SMS_OPTED_IN = 22, RVM_OPTED_IN = 23, PHONE_OPTED_IN = 24, DO_NOT_CONTACT = 25, SOURCE = 26, METADATA = 27,
			ERRORS = 28;

	private StageTable() {
	}

	static String name(UUID importId) {
		return "smb_import_stage_" + importId.toString().replace("-", "");
	}

	static String create(String table) {
		return "CREATE UNLOGGED TABLE " + table + " (row_number bigint NOT NULL, new_id uuid NOT NULL, "
				+ "community_id uuid, business_name text, slug_base text, dba_name text, business_type text, "
				+ "category text, primary_contact_name text, primary_email text, primary_phone text, website text, "
				+ "address text, city text, state text, zip text, latitude numeric(9,6), longitude numeric(9,6), "
				+ "business_description text, service_model text, subscription_tier text, email_opted_in boolean, "
				+ "sms_opted_in boolean, rvm_opted_in boolean, phone_opted_in boolean, do_not_contact boolean, "
				+ "source text, metadata jsonb, errors jsonb, dup_of bigint) WITH (autovacuum_enabled = false)";
	}

	static String copy(String table) {
		return "COPY " + table + " (" + String.join(", ", COLUMNS) + ") FROM STDIN";
	}

	/**
	 * Rows in COPY's text format (tab-separated, {@code \N} for null, backslash escapes),
	 * buffered and sent to the server in large chunks.
	 */
	static final class Writer {

		private final CopyIn copy;

		private byte[] buffer = new byte[512 * 1024];

		private int size;

		private long rows;

		Writer(CopyIn copy) {
			this.copy = copy;
		}

		void write(@Nullable String[] row) throws SQLException {
			for (int i = 0; i < row.length; i++) {
				if (i > 0) {
					put((byte) '\t');
				}
				String value = row[i];
				if (value == null) {
					put((byte) '\\');
					put((byte) 'N');
				}
				else {
					escape(value);
				}
			}
			put((byte) '\n');
			rows++;
			if (size > buffer.length - 8 * 1024) {
				flush();
			}
		}

		private void escape(String value) {
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (c < 0x80) {
					switch (c) {
						case '\\' -> {
							put((byte) '\\');
							put((byte) '\\');
						}
						case '\t' -> {
							put((byte) '\\');
							put((byte) 't');
						}
						case '\n' -> {
							put((byte) '\\');
							put((byte) 'n');
						}
						case '\r' -> {
							put((byte) '\\');
							put((byte) 'r');
						}
						default -> put((byte) c);
					}
				}
				else if (Character.isHighSurrogate(c) && i + 1 < value.length()
						&& Character.isLowSurrogate(value.charAt(i + 1))) {
					putUtf8(Character.toCodePoint(c, value.charAt(++i)));
				}
				else if (Character.isSurrogate(c)) {
					putUtf8(0xFFFD);
				}
				else {
					putUtf8(c);
				}
			}
		}

		private void putUtf8(int codePoint) {
			if (codePoint < 0x800) {
				put((byte) (0xC0 | (codePoint >> 6)));
				put((byte) (0x80 | (codePoint & 0x3F)));
			}
			else if (codePoint < 0x10000) {
				put((byte) (0xE0 | (codePoint >> 12)));
				put((byte) (0x80 | ((codePoint >> 6) & 0x3F)));
				put((byte) (0x80 | (codePoint & 0x3F)));
			}
			else {
				put((byte) (0xF0 | (codePoint >> 18)));
				put((byte) (0x80 | ((codePoint >> 12) & 0x3F)));
				put((byte) (0x80 | ((codePoint >> 6) & 0x3F)));
				put((byte) (0x80 | (codePoint & 0x3F)));
			}
		}

		private void put(byte b) {
			if (size == buffer.length) {
				// a single huge row (values are capped at 64K characters, so this stays
				// bounded)
				buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
			}
			buffer[size++] = b;
		}

		void flush() throws SQLException {
			if (size > 0) {
				copy.writeToCopy(buffer, 0, size);
				size = 0;
			}
		}

		/** Ends the COPY; the rows the server took. */
		long finish() throws SQLException {
			flush();
			return copy.endCopy();
		}

		long rows() {
			return rows;
		}

	}

}

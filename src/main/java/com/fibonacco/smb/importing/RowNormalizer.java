package com.fibonacco.smb.importing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.fibonacco.shared.Ids;
import com.fibonacco.smb.internal.SmbRules;

/**
 * Checks and normalises one row by the SMB rules (the same as the API's: emails
 * lower-cased, phones in E.164, US states and ZIP codes, web addresses with their scheme,
 * the enumerations) into a staging row. Every problem of a row is named with the column
 * as the file calls it; a row with any problem is staged as rejected, with its reasons,
 * and never merged.
 */
final class RowNormalizer {

	private static final int MAX_METADATA = 65_536;

	private static final int MAX_REPORTED_VALUE = 200;

	private final CommunityDirectory communities;

	private final @Nullable UUID defaultCommunity;

	private final JsonMapper json;

	private final Clock clock;

	RowNormalizer(CommunityDirectory communities, @Nullable UUID defaultCommunity, JsonMapper json, Clock clock) {
		this.communities = communities;
		this.defaultCommunity = defaultCommunity;
		this.json = json;
		this.clock = clock;
	}

	/** The row's values in {@link StageTable#COLUMNS} order. */
	@Nullable String[] normalize(SourceRow row) {
		Row r = new Row(row);
		r.read();
		return r.stage;
	}

	private final class Row {

		final SourceRow source;

		final @Nullable String[] stage = new String[StageTable.COLUMNS.size()];

		final List<String[]> errors = new ArrayList<>();

		final StringBuilder metadata = new StringBuilder();

		@Nullable String firstName;

		@Nullable String lastName;

		@Nullable String address2;

		@Nullable String communityRef;

		@Nullable String communityHeader;

		@Nullable String latitudeHeader;

		@Nullable String longitudeHeader;

		@Nullable String nameHeader;

		Row(SourceRow source) {
			this.source = source;
		}

		void read() {
			stage[StageTable.ROW_NUMBER] = Long.toString(source.number());
			source.problems().forEach(problem -> error("*", null, problem));
			ColumnPlan plan = source.plan();
			for (int i = 0; i < plan.size(); i++) {
				if (plan.target(i) == Target.BUSINESS_NAME) {
					nameHeader = plan.headers().get(i);
				}
			}
			@Nullable Object[] values = source.values();
			for (int i = 0; i < plan.size() && i < values.length; i++) {
				Object value = values[i];
				if (value == null) {
					continue;
				}
				cell(plan.headers().get(i), plan.target(i), value);
			}
			finish();
		}

		private void cell(String header, Target target, Object value) {
			if (target == Target.IGNORE) {
				return;
			}
			if (value instanceof SourceRow.RawJson raw) {
				if (raw.json().contains("\\u0000")) {
					error(header, null, "contains a NUL character (is this a binary file?)");
				}
				else if (target == Target.EXTRA) {
					extra(header, raw.json(), true);
				}
				else if (target == Target.METADATA) {
					mergeMetadata(header, raw.json());
				}
				else {
					error(header, raw.json(), "must be a text value, not a JSON object or list");
				}
				return;
			}
			String text = unneutralize(((String) value).strip());
			if (text.isEmpty()) {
				return;
			}
			if (text.indexOf('\0') >= 0) {
				error(header, text.replace('\0', ' '), "contains a NUL character (is this a binary file?)");
				return;
			}
			if (text.length() > target.maxLength) {
				error(header, text, "is longer than " + target.maxLength + " characters");
				return;
			}
			switch (target) {
				case BUSINESS_NAME -> stage[StageTable.BUSINESS_NAME] = text;
				case DBA_NAME -> stage[StageTable.DBA_NAME] = text;
				case BUSINESS_TYPE -> stage[StageTable.BUSINESS_TYPE] = text;
				case CATEGORY -> stage[StageTable.CATEGORY] = text;
				case PRIMARY_CONTACT_NAME -> stage[StageTable.PRIMARY_CONTACT_NAME] = text;
				case FIRST_NAME -> firstName = text;
				case LAST_NAME -> lastName = text;
				case PRIMARY_EMAIL -> {
					String email = SmbRules.normalizeEmail(text);
					if (email == null) {
						error(header, text, "is not an email address");
					}
					stage[StageTable.PRIMARY_EMAIL] = email;
				}
				case PRIMARY_PHONE -> {
					String phone = Phones.normalize(text);
					if (phone == null) {
						error(header, text, "is not a valid phone number (e.g. (828) 692-4417 or +44 20 7946 0958)");
					}
					stage[StageTable.PRIMARY_PHONE] = phone;
				}
				case WEBSITE -> {
					String url = SmbRules.normalizeWebsite(text);
					if (url == null) {
						error(header, text, "is not a web address like https://example.com");
					}
					stage[StageTable.WEBSITE] = url;
				}
				case ADDRESS -> stage[StageTable.ADDRESS] = text;
				case ADDRESS2 -> address2 = text;
				case CITY -> stage[StageTable.CITY] = text;
				case STATE -> {
					String code = States.code(text);
					if (code == null) {
						error(header, text, "is not a US state (a two-letter code like NC, or its name)");
					}
					stage[StageTable.STATE] = code;
				}
				case ZIP -> stage[StageTable.ZIP] = zip(header, text);
				case LATITUDE -> {
					stage[StageTable.LATITUDE] = coordinate(header, text, 90);
					latitudeHeader = header;
				}
				case LONGITUDE -> {
					stage[StageTable.LONGITUDE] = coordinate(header, text, 180);
					longitudeHeader = header;
				}
				case BUSINESS_DESCRIPTION -> stage[StageTable.BUSINESS_DESCRIPTION] = text;
				case SERVICE_MODEL -> stage[StageTable.SERVICE_MODEL] = choice(header, text, SmbRules.SERVICE_MODELS);
				case SUBSCRIPTION_TIER ->
					stage[StageTable.SUBSCRIPTION_TIER] = choice(header, text, SmbRules.SUBSCRIPTION_TIERS);
				case EMAIL_OPTED_IN -> stage[StageTable.EMAIL_OPTED_IN] = bool(header, text);
				case SMS_OPTED_IN -> stage[StageTable.SMS_OPTED_IN] = bool(header, text);
				case RVM_OPTED_IN -> stage[StageTable.RVM_OPTED_IN] = bool(header, text);
				case PHONE_OPTED_IN -> stage[StageTable.PHONE_OPTED_IN] = bool(header, text);
				case DO_NOT_CONTACT -> stage[StageTable.DO_NOT_CONTACT] = bool(header, text);
				case SOURCE -> stage[StageTable.SOURCE] = text;
				case COMMUNITY -> {
					communityRef = text;
					communityHeader = header;
				}
				case METADATA -> mergeMetadata(header, text);
				case EXTRA -> extra(header, text, false);
				case IGNORE -> {
				}
			}
		}

		private void finish() {
			if (stage[StageTable.PRIMARY_CONTACT_NAME] == null && (firstName != null || lastName != null)) {
				String name = firstName == null ? lastName : lastName == null ? firstName : firstName + " " + lastName;
				if (name != null && name.length() > Target.PRIMARY_CONTACT_NAME.maxLength) {
					error("primary_contact_name", name,
							"is longer than " + Target.PRIMARY_CONTACT_NAME.maxLength + " characters");
				}
				else {
					stage[StageTable.PRIMARY_CONTACT_NAME] = name;
				}
			}
			if (address2 != null) {
				String address = stage[StageTable.ADDRESS] == null ? address2
						: stage[StageTable.ADDRESS] + ", " + address2;
				if (address.length() > Target.ADDRESS.maxLength) {
					error("address", address, "is longer than " + Target.ADDRESS.maxLength + " characters");
				}
				else {
					stage[StageTable.ADDRESS] = address;
				}
			}
			if ((stage[StageTable.LATITUDE] == null) != (stage[StageTable.LONGITUDE] == null)
					&& (latitudeHeader != null || longitudeHeader != null) && !hasErrorOn(latitudeHeader)
					&& !hasErrorOn(longitudeHeader)) {
				String present = latitudeHeader != null && stage[StageTable.LATITUDE] != null ? latitudeHeader
						: longitudeHeader;
				error(present == null ? "latitude" : present, null, "needs its counterpart (latitude and longitude)");
			}
			String name = stage[StageTable.BUSINESS_NAME];
			if (name == null) {
				if (!hasErrorOn(nameHeader)) {
					error(nameHeader == null ? "business_name" : nameHeader, null, "is required (the business name)");
				}
			}
			else {
				stage[StageTable.SLUG_BASE] = Slugs.base(name);
			}
			community();
			if (!metadata.isEmpty()) {
				metadata.append('}');
				if (metadata.length() > MAX_METADATA) {
					error("metadata", null, "the unmapped columns add up to more than 64 KB");
				}
				else {
					stage[StageTable.METADATA] = metadata.toString();
				}
			}
			stage[StageTable.NEW_ID] = Ids.newId(clock).toString();
			if (!errors.isEmpty()) {
				// a rejected row keeps only its number and reasons
				String rowNumber = stage[StageTable.ROW_NUMBER];
				String id = stage[StageTable.NEW_ID];
				java.util.Arrays.fill(stage, null);
				stage[StageTable.ROW_NUMBER] = rowNumber;
				stage[StageTable.NEW_ID] = id;
				stage[StageTable.ERRORS] = errorsJson();
			}
		}

		private void community() {
			if (communityRef != null) {
				switch (communities.find(communityRef)) {
					case CommunityDirectory.Lookup.Found found ->
						stage[StageTable.COMMUNITY_ID] = found.id().toString();
					case CommunityDirectory.Lookup.Problem problem ->
						error(communityHeader == null ? "community" : communityHeader, communityRef, problem.reason());
				}
			}
			else if (defaultCommunity != null) {
				stage[StageTable.COMMUNITY_ID] = defaultCommunity.toString();
			}
			else {
				error("community", null, "is required: give the import a community_id or the file a community column");
			}
		}

		private boolean hasErrorOn(@Nullable String header) {
			return header != null && errors.stream().anyMatch(error -> error[0].equals(header));
		}

		private @Nullable String zip(String header, String raw) {
			String zip = raw;
			if (zip.matches("\\d{3,4}")) {
				// a spreadsheet dropped the leading zeros of a New England ZIP code
				zip = "0".repeat(5 - zip.length()) + zip;
			}
			else if (zip.matches("\\d{9}")) {
				zip = zip.substring(0, 5) + "-" + zip.substring(5);
			}
			if (!SmbRules.isZip(zip)) {
				error(header, raw, "is not a US ZIP code like 28792 or 28792-1234");
				return null;
			}
			return zip;
		}

		private @Nullable String coordinate(String header, String raw, int bound) {
			try {
				BigDecimal value = new BigDecimal(raw);
				if (value.abs().compareTo(BigDecimal.valueOf(bound)) > 0) {
					error(header, raw, "must be between -" + bound + " and " + bound);
					return null;
				}
				return value.setScale(6, RoundingMode.HALF_UP).toPlainString();
			}
			catch (NumberFormatException ex) {
				error(header, raw, "is not a number");
				return null;
			}
		}

		private @Nullable String choice(String header, String raw, java.util.Set<String> allowed) {
			String value = raw.toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
			if (!allowed.contains(value)) {
				error(header, raw, "must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
				return null;
			}
			return value;
		}

		private @Nullable String bool(String header, String raw) {
			return switch (raw.toLowerCase(Locale.ROOT)) {
				case "true", "t", "yes", "y", "1", "on", "x" -> "t";
				case "false", "f", "no", "n", "0", "off" -> "f";
				default -> {
					error(header, raw, "must be true or false (yes/no, 1/0)");
					yield null;
				}
			};
		}

		private void extra(String header, String value, boolean isJson) {
			metadata.append(metadata.isEmpty() ? '{' : ',');
			Json.quote(metadata, header);
			metadata.append(':');
			if (isJson) {
				metadata.append(value);
			}
			else {
				Json.quote(metadata, value);
			}
		}

		private void mergeMetadata(String header, String text) {
			JsonNode node;
			try {
				node = json.readTree(text);
			}
			catch (JacksonException ex) {
				error(header, text, "is not a JSON object");
				return;
			}
			if (node == null || !node.isObject()) {
				error(header, text, "is not a JSON object");
				return;
			}
			for (var property : node.properties()) {
				String value = property.getValue().toString();
				if (property.getKey().indexOf('\0') >= 0 || value.contains("\\u0000")) {
					error(header, null, "contains a NUL character (is this a binary file?)");
					return;
				}
				extra(property.getKey(), value, true);
			}
		}

		private void error(String column, @Nullable String value, String reason) {
			errors.add(new String[] { column, value == null ? null : shorten(value), reason });
		}

		private String errorsJson() {
			StringBuilder out = new StringBuilder("[");
			for (String[] error : errors) {
				if (out.length() > 1) {
					out.append(',');
				}
				out.append("{\"column\":");
				Json.quote(out, error[0]);
				out.append(",\"value\":");
				if (error[1] == null) {
					out.append("null");
				}
				else {
					Json.quote(out, error[1]);
				}
				out.append(",\"reason\":");
				Json.quote(out, error[2]);
				out.append('}');
			}
			return out.append(']').toString();
		}

	}

	/** Undoes the export's formula neutralisation ("'=SUM(1)" → "=SUM(1)"). */
	static String unneutralize(String text) {
		if (text.length() > 1 && text.charAt(0) == '\'') {
			String rest = text.substring(1).stripLeading();
			if (!rest.isEmpty() && "=+-@\t\r".indexOf(rest.charAt(0)) >= 0) {
				return text.substring(1);
			}
		}
		return text;
	}

	private static String shorten(String value) {
		return value.length() <= MAX_REPORTED_VALUE ? value : value.substring(0, MAX_REPORTED_VALUE) + "…";
	}

	/** JSON string quoting for the hand-built metadata and error documents. */
	static final class Json {

		private Json() {
		}

		static void quote(StringBuilder out, String value) {
			out.append('"');
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				switch (c) {
					case '"' -> out.append("\\\"");
					case '\\' -> out.append("\\\\");
					case '\n' -> out.append("\\n");
					case '\r' -> out.append("\\r");
					case '\t' -> out.append("\\t");
					default -> {
						if (c < 0x20) {
							out.append(String.format("\\u%04x", (int) c));
						}
						else {
							out.append(c);
						}
					}
				}
			}
			out.append('"');
		}

	}

}

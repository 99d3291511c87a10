package com.fibonacco.smb.exporting;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

import com.fibonacco.shared.security.CurrentUser;
import com.fibonacco.shared.web.ApiException;
import com.fibonacco.smb.internal.SmbRules;
import com.fibonacco.smb.internal.SmbSearch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Streams the tenant's SMBs, filtered like the list, as CSV or JSON lines: rows come from
 * a database cursor a thousand at a time and go straight to the response, so an export of
 * any size runs in constant memory. Written on the request's (virtual) thread, not as an
 * async body, so no async timeout cuts a long export short.
 */
@RestController
@RequestMapping("/api/v1/smbs/export")
@Tag(name = "SMB export", description = "Download SMBs as CSV or JSON lines")
class ExportController {

	/** The exported columns, named as the API names them; re-importable as they are. */
	static final List<String> COLUMNS = List.of("id", "community_id", "community_slug", "slug", "business_name",
			"dba_name", "business_type", "category", "primary_contact_name", "primary_email", "primary_phone",
			"website", "address", "city", "state", "zip", "latitude", "longitude", "business_description",
			"service_model", "subscription_tier", "engagement_tier", "engagement_score", "campaign_status",
			"email_opted_in", "sms_opted_in", "rvm_opted_in", "phone_opted_in", "do_not_contact", "source",
			"data_quality_score", "metadata", "created_at", "updated_at");

	private static final Set<String> NUMERIC = Set.of("latitude", "longitude", "engagement_tier", "engagement_score",
			"data_quality_score");

	private static final Set<String> BOOLEAN = Set.of("email_opted_in", "sms_opted_in", "rvm_opted_in",
			"phone_opted_in", "do_not_contact");

	private static final String SELECT = """
			SELECT s.id, s.community_id, c.slug AS community_slug, s.slug, s.business_name, s.dba_name, s.business_type,
			  s.category, s.primary_contact_name, s.primary_email, s.primary_phone, s.website, s.address, s.city,
			  s.state, s.zip, s.latitude, s.longitude, s.business_description, s.service_model, s.subscription_tier,
			  s.engagement_tier, s.engagement_score, s.campaign_status, s.email_opted_in, s.sms_opted_in,
			  s.rvm_opted_in, s.phone_opted_in, s.do_not_contact, s.source, s.data_quality_score,
			  s.metadata::text AS metadata, s.created_at, s.updated_at
			FROM smbs s JOIN communities c ON c.tenant_id = s.tenant_id AND c.id = s.community_id
			WHERE""";

	/**
	 * An export of a selection names its SMBs in the query string, and a request line
	 * must fit the server's 8 KB header limit: 200 ids take 7.4 KB. Larger selections are
	 * exported in parts (the console does so).
	 */
	static final int MAX_IDS = 200;

	private final PlatformTransactionManager transactions;

	private final DataSource dataSource;

	/** JSON lines: objects one per line, nothing between them but the line break. */
	private static final JsonMapper JSON_LINES = JsonMapper
		.builder(JsonFactory.builder().rootValueSeparator("\n").build())
		.build();

	private final Clock clock;

	private final SmbSearch search;

	ExportController(PlatformTransactionManager transactions, DataSource dataSource, Clock clock, SmbSearch search) {
		this.search = search;
		this.transactions = transactions;
		this.dataSource = dataSource;
		this.clock = clock;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('crm.contacts.export')")
	@Operation(summary = "Export SMBs as CSV or JSON lines",
			description = "format=csv (default) or jsonl, and any of the list's filters (community_id, engagement_tier, "
					+ "campaign_status, tag, can_receive, state, city, search, created_after, …). Streams every "
					+ "matching SMB in id order; ids=… (comma-separated, up to " + MAX_IDS + ") keeps only those SMBs "
					+ "(an export of a selection). CSV cells that a spreadsheet would read as a formula start with an "
					+ "apostrophe; the import removes it again.")
	void export(@RequestParam MultiValueMap<String, String> query, HttpServletResponse response) throws IOException {
		var tenant = CurrentUser.get().tenantId();
		Map<String, String> params = new LinkedHashMap<>();
		query.forEach((name, values) -> params.put(name, String.join(",", values)));
		String format = params.getOrDefault("format", "csv").strip().toLowerCase(Locale.ROOT);
		if (!format.equals("csv") && !format.equals("jsonl")) {
			throw ApiException.invalid("format", "must be csv or jsonl");
		}
		SmbRules.Filter filter = onlyIds(SmbRules.filter(tenant, params, Set.of("format", "ids"), search),
				params.get("ids"));
		String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(clock.instant().atOffset(ZoneOffset.UTC));
		response.setContentType(format.equals("csv") ? "text/csv; charset=UTF-8" : "application/x-ndjson");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				"attachment; filename=\"smbs-" + stamp + (format.equals("csv") ? ".csv" : ".jsonl") + "\"");
		OutputStream out = response.getOutputStream();
		String sql = SELECT + " " + filter.where() + " ORDER BY s.id";
		try {
			if (format.equals("csv")) {
				csv(out, sql, filter);
			}
			else {
				jsonLines(out, sql, filter);
			}
		}
		catch (UncheckedIOException ex) {
			// the client went away; nothing to answer
			throw ex.getCause();
		}
	}

	/**
	 * Narrows the filter to the given SMB ids (the console's export of a selection); ids
	 * of another tenant or of no SMB match nothing, as the tenant filter stays.
	 */
	static SmbRules.Filter onlyIds(SmbRules.Filter filter, @Nullable String ids) {
		if (ids == null) {
			return filter;
		}
		List<UUID> list = new ArrayList<>();
		for (String part : ids.split(",")) {
			if (part.isBlank()) {
				continue;
			}
			try {
				list.add(UUID.fromString(part.strip()));
			}
			catch (IllegalArgumentException ex) {
				throw ApiException.invalid("ids", "'" + part.strip() + "' is not an id");
			}
		}
		if (list.isEmpty()) {
			throw ApiException.invalid("ids", "must name at least one SMB id");
		}
		if (list.size() > MAX_IDS) {
			throw ApiException.invalid("ids", "at most " + MAX_IDS + " ids per export");
		}
		Map<String, Object> params = new HashMap<>(filter.params());
		params.put("exportIds", list);
		return new SmbRules.Filter(filter.where() + " AND s.id IN (:exportIds)", params);
	}

	private void csv(OutputStream out, String sql, SmbRules.Filter filter) throws IOException {
		Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
		// a BOM, so Excel reads the file as UTF-8
		writer.write('\uFEFF');
		writer.write(String.join(",", COLUMNS));
		writer.write("\r\n");
		Cursors.stream(transactions, dataSource, sql, filter.params(), rs -> {
			try {
				for (int i = 0; i < COLUMNS.size(); i++) {
					if (i > 0) {
						writer.write(',');
					}
					String column = COLUMNS.get(i);
					writer.write(NUMERIC.contains(column) || BOOLEAN.contains(column) ? plain(rs, column)
							: CsvCells.cell(text(rs, column)));
				}
				writer.write("\r\n");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		writer.flush();
	}

	private void jsonLines(OutputStream out, String sql, SmbRules.Filter filter) throws IOException {
		try (JsonGenerator generator = JSON_LINES.createGenerator(new java.io.FilterOutputStream(out) {
			@Override
			public void close() throws IOException {
				flush();
			}
		})) {
			Cursors.stream(transactions, dataSource, sql, filter.params(), rs -> {
				generator.writeStartObject();
				for (String column : COLUMNS) {
					generator.writeName(column);
					if (column.equals("metadata")) {
						generator.writeRawValue(rs.getString(column));
					}
					else if (BOOLEAN.contains(column)) {
						generator.writeBoolean(rs.getBoolean(column));
					}
					else if (NUMERIC.contains(column)) {
						BigDecimal number = rs.getBigDecimal(column);
						if (number == null) {
							generator.writeNull();
						}
						else {
							generator.writeNumber(number);
						}
					}
					else {
						String value = text(rs, column);
						if (value == null) {
							generator.writeNull();
						}
						else {
							generator.writeString(value);
						}
					}
				}
				generator.writeEndObject();
			});
			generator.writeRaw('\n');
		}
	}

	private static String plain(ResultSet rs, String column) throws SQLException {
		String value = rs.getString(column);
		if (value == null) {
			return "";
		}
		return BOOLEAN.contains(column) ? (value.equals("t") ? "true" : "false") : value;
	}

	private static @Nullable String text(ResultSet rs, String column) throws SQLException {
		if (column.equals("created_at") || column.equals("updated_at")) {
			OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
			return time == null ? null : time.toInstant().toString();
		}
		return rs.getString(column);
	}

}

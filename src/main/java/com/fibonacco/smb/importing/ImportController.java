package com.fibonacco.smb.importing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.security.CurrentUser;
import com.fibonacco.shared.web.ApiException;
import com.fibonacco.shared.web.ApiResponse;
import com.fibonacco.shared.web.FieldError;
import com.fibonacco.shared.web.Problems;
import com.fibonacco.smb.exporting.CsvCells;
import com.fibonacco.smb.exporting.Cursors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * Bulk import of SMBs: upload a file, follow the job, read its error report, cancel it.
 */
@RestController
@RequestMapping("/api/v1/smbs/import")
@Tag(name = "SMB import", description = "Load CSV or JSON files of businesses")
class ImportController {

	private final ImportService service;

	private final PlatformTransactionManager transactions;

	private final DataSource dataSource;

	private final ImportProperties properties;

	ImportController(ImportService service, PlatformTransactionManager transactions, DataSource dataSource,
			ImportProperties properties) {
		this.service = service;
		this.transactions = transactions;
		this.dataSource = dataSource;
		this.properties = properties;
	}

	@PostMapping
	@PreAuthorize("hasAuthority('crm.contacts.import')")
	@Operation(summary = "Import SMBs from a CSV or JSON file",
			description = "multipart/form-data: file (CSV — comma, semicolon or tab; UTF-8 with or without BOM, "
					+ "UTF-16 or Windows-1252 — or JSON: an array of objects or JSON lines), and optionally "
					+ "community_id (the community of rows without one), on_duplicate=skip|update|create (default skip), "
					+ "match_on=email|phone|email_or_phone (default email), mapping (JSON: {\"File column\": \"field\"}, "
					+ "null to ignore a column), dry_run=true (report what would happen, write no SMB). Headers are "
					+ "matched without case to the SMB fields and common aliases (HubSpot and Mautic exports included); "
					+ "a community column takes an id, slug or name; unmapped columns go to metadata. Answers 202 with "
					+ "the import; follow it at the Location.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(mediaType = "multipart/form-data", schema = @Schema(implementation = UploadForm.class)))
	ResponseEntity<ApiResponse<ImportResponse>> upload(HttpServletRequest request) throws IOException {
		String contentType = request.getContentType();
		if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
			throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
					"Send the file as multipart/form-data with the file in the part 'file'");
		}
		CurrentUser user = CurrentUser.get();
		MultipartHttpServletRequest multipart = (MultipartHttpServletRequest) request;
		Map<String, String> params = new LinkedHashMap<>();
		multipart.getParameterMap().forEach((name, values) -> params.put(name, String.join(",", values)));
		multipart.getFileMap().keySet().forEach(name -> params.putIfAbsent(name, ""));
		ImportService.Options options = service.options(user.tenantId(), params);
		List<MultipartFile> files = multipart.getFiles("file");
		if (files.size() > 1) {
			throw ApiException.invalid("file", "give one file per import");
		}
		ImportRow row = service.submit(user.tenantId(), user.userId(), files.isEmpty() ? null : files.get(0), options);
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.header(HttpHeaders.LOCATION, "/api/v1/smbs/import/" + row.id())
			.body(ApiResponse.of(ImportResponse.of(row)));
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('crm.contacts.import')")
	@Operation(summary = "An import's status, progress and counts",
			description = "status: queued, running, completed, failed (failure_reason says why) or cancelled. "
					+ "rows_total is known once the file is read; progress counts reading the file as the first half. "
					+ "created + updated + skipped + failed = rows_processed. For a dry run the counts say what would "
					+ "happen.")
	ApiResponse<ImportResponse> get(@PathVariable UUID id) {
		return ApiResponse.of(ImportResponse.of(service.get(CurrentUser.get().tenantId(), id)));
	}

	@PostMapping("/{id}/cancel")
	@PreAuthorize("hasAuthority('crm.contacts.import')")
	@Operation(summary = "Cancel a queued or running import",
			description = "Stops after the batch in flight; rows merged before stay. 409 import_ended once it has ended.")
	ApiResponse<ImportResponse> cancel(@PathVariable UUID id) {
		return ApiResponse.of(ImportResponse.of(service.cancel(CurrentUser.get().tenantId(), id)));
	}

	@GetMapping("/{id}/errors.csv")
	@PreAuthorize("hasAuthority('crm.contacts.import')")
	@Operation(summary = "The rows the import rejected, as CSV",
			description = "One line per problem: row (CSV: the file's row, the header being row 1; JSON: the object's "
					+ "position), column (as the file names it; * for the whole row), value and reason.")
	void errors(@PathVariable UUID id, HttpServletResponse response) throws IOException {
		TenantId tenant = CurrentUser.get().tenantId();
		ImportRow row = service.get(tenant, id);
		response.setContentType("text/csv; charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				"attachment; filename=\"import-" + row.id() + "-errors.csv\"");
		Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
				64 * 1024);
		out.write("row,column,value,reason\r\n");
		Cursors.stream(transactions, dataSource, """
				SELECT row_number, column_name, value, reason FROM smb_import_errors
				WHERE tenant_id = :tenant AND import_id = :id ORDER BY row_number, error_no
				""", Map.of("tenant", tenant.value(), "id", id), rs -> {
			try {
				out.write(Long.toString(rs.getLong(1)));
				out.write(',');
				out.write(CsvCells.cell(rs.getString(2)));
				out.write(',');
				out.write(CsvCells.cell(rs.getString(3)));
				out.write(',');
				out.write(CsvCells.cell(rs.getString(4)));
				out.write("\r\n");
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}, null);
		out.flush();
	}

	/**
	 * Multipart parsing happens lazily, in this controller, so its size limit and
	 * malformed bodies answer here as problems.
	 */
	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException ex) {
		ApiException problem = UploadCheck.tooLarge(properties.maxFileSize().toBytes());
		return ResponseEntity.status(problem.status())
			.body(Problems.problem(problem.status(), problem.code(), problem.getMessage(), problem.errors()));
	}

	@ExceptionHandler(MultipartException.class)
	ResponseEntity<ProblemDetail> malformed(MultipartException ex) {
		return ResponseEntity.badRequest()
			.body(Problems.problem(HttpStatus.BAD_REQUEST, "malformed_request",
					"The multipart body could not be read: " + ex.getMostSpecificCause().getMessage(),
					List.of(new FieldError("file", "could not be read"))));
	}

	/**
	 * The multipart form, for the API documentation (the request is read part by part).
	 */
	record UploadForm(MultipartFile file, @Nullable UUID communityId, @Nullable String onDuplicate,
			@Nullable String matchOn, @Nullable String mapping, @Nullable Boolean dryRun) {
	}

	/** An import as the API shows it. */
	record ImportResponse(UUID id, String status, String fileName, String fileFormat, long fileSize,
			@Nullable UUID communityId, String onDuplicate, String matchOn, boolean dryRun, @Nullable Long rowsTotal,
			long rowsProcessed, long created, long updated, long skipped, long failed, int progress,
			@Nullable String failureReason, String errorsUrl, Instant createdAt, @Nullable Instant startedAt,
			@Nullable Instant finishedAt) {

		static ImportResponse of(ImportRow row) {
			return new ImportResponse(row.id(), row.status(), row.fileName(), row.fileFormat(), row.fileSize(),
					row.communityId(), row.onDuplicate(), row.matchOn(), row.dryRun(), row.rowsTotal(),
					row.rowsProcessed(), row.created(), row.updated(), row.skipped(), row.failed(), row.progress(),
					row.status().equals("completed") ? null : row.failureReason(),
					"/api/v1/smbs/import/" + row.id() + "/errors.csv", row.createdAt(), row.startedAt(),
					row.finishedAt());
		}

	}

}

package com.fibonacco.smb.importing;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.jobrunr.jobs.context.JobContext;
import org.jobrunr.scheduling.JobScheduler;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import com.fibonacco.shared.Ids;
import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.web.ApiException;
import com.fibonacco.shared.web.FieldError;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

/**
 * Starts imports (checks the request, stores the file, queues the job), reports them,
 * cancels them.
 */
@Service
class ImportService {

	static final Set<String> ON_DUPLICATE = Set.of("skip", "update", "create");

	static final Set<String> MATCH_ON = Set.of("email", "phone", "email_or_phone");

	static final Set<String> PARAMETERS = Set.of("community_id", "on_duplicate", "match_on", "mapping", "dry_run");

	private final SmbImports imports;

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final TransactionTemplate transaction;

	private final ObjectProvider<JobScheduler> scheduler;

	private final SmbImportJob job;

	private final ImportProperties properties;

	private final Clock clock;

	ImportService(SmbImports imports, JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions,
			ObjectProvider<JobScheduler> scheduler, SmbImportJob job, ImportProperties properties, Clock clock) {
		this.imports = imports;
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.transaction = new TransactionTemplate(transactions);
		this.scheduler = scheduler;
		this.job = job;
		this.properties = properties;
		this.clock = clock;
	}

	/** The import's options as the request gives them, checked. */
	record Options(@Nullable UUID communityId, String onDuplicate, String matchOn,
			Map<String, @Nullable String> mapping, boolean dryRun) {
	}

	Options options(TenantId tenant, Map<String, String> params) {
		List<FieldError> unknown = params.keySet()
			.stream()
			.filter(name -> !PARAMETERS.contains(name) && !name.equals("file"))
			.map(name -> new FieldError(name, "is not a known part"))
			.toList();
		if (!unknown.isEmpty()) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "malformed_request",
					"Unknown part(s): " + String.join(", ", unknown.stream().map(FieldError::field).toList())
							+ "; known: file, " + String.join(", ", new java.util.TreeSet<>(PARAMETERS)),
					unknown);
		}
		List<FieldError> errors = new ArrayList<>();
		UUID community = null;
		String rawCommunity = blankToNull(params.get("community_id"));
		if (rawCommunity != null) {
			try {
				community = UUID.fromString(rawCommunity);
			}
			catch (IllegalArgumentException ex) {
				errors.add(new FieldError("community_id", "must be a community id (UUID)"));
			}
		}
		String onDuplicate = choice(params, "on_duplicate", "skip", ON_DUPLICATE, errors);
		String matchOn = choice(params, "match_on", "email", MATCH_ON, errors);
		boolean dryRun = false;
		String rawDryRun = blankToNull(params.get("dry_run"));
		if (rawDryRun != null) {
			switch (rawDryRun.toLowerCase(Locale.ROOT)) {
				case "true", "1", "yes" -> dryRun = true;
				case "false", "0", "no" -> dryRun = false;
				default -> errors.add(new FieldError("dry_run", "must be true or false"));
			}
		}
		Map<String, @Nullable String> mapping = mapping(params.get("mapping"), errors);
		if (community != null && errors.isEmpty()) {
			boolean mine = jdbc.sql("SELECT EXISTS (SELECT 1 FROM communities WHERE tenant_id = :tenant AND id = :id)")
				.param("tenant", tenant.value())
				.param("id", community)
				.query(Boolean.class)
				.single();
			if (!mine) {
				errors.add(new FieldError("community_id", "is not a community of yours"));
			}
		}
		if (!errors.isEmpty()) {
			throw ApiException.invalid(errors);
		}
		return new Options(community, onDuplicate, matchOn, mapping, dryRun);
	}

	/**
	 * Checks the file, stores it with the import row in one transaction, then queues the
	 * job (with the import's id, so queueing twice runs it once).
	 */
	ImportRow submit(TenantId tenant, @Nullable UUID user, @Nullable MultipartFile file, Options options)
			throws IOException {
		List<FieldError> mappingErrors = new ArrayList<>();
		Map<String, Target> mapping = ColumnPlan.mapping(options.mapping(), mappingErrors);
		if (!mappingErrors.isEmpty()) {
			throw ApiException.invalid(mappingErrors);
		}
		long max = properties.maxFileSize().toBytes();
		String format = UploadCheck.check(file, options.mapping(), mapping, options.communityId() != null, max);
		UUID id = Ids.newId(clock);
		Instant now = clock.instant();
		String fileName = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "upload"
				: file.getOriginalFilename();
		if (fileName.length() > 255) {
			fileName = fileName.substring(0, 255);
		}
		String name = fileName;
		ImportRow created = transaction.execute(status -> {
			long oid;
			try (InputStream in = file.getInputStream()) {
				Connection connection = DataSourceUtils.getConnection(dataSource);
				oid = LargeObjects.store(connection, in, max);
			}
			catch (LargeObjects.TooLarge ex) {
				throw UploadCheck.tooLarge(max);
			}
			catch (IOException | SQLException ex) {
				throw new IllegalStateException("Could not store the upload: " + ex.getMessage(), ex);
			}
			ImportRow row = new ImportRow(tenant.value(), id, "queued", "staging", name, format, file.getSize(), oid,
					options.communityId(), options.onDuplicate(), options.matchOn(),
					ImportReaders.JSON.writeValueAsString(options.mapping()), options.dryRun(), 0, null, 0, 0, 0, 0, 0,
					0, null, user, now, null, null, now);
			imports.insert(row);
			return row;
		});
		try {
			UUID tenantId = tenant.value();
			scheduler.getObject().enqueue(id, () -> job.run(tenantId, id, JobContext.Null));
		}
		catch (RuntimeException ex) {
			imports.end(tenant, id, "failed", "Could not queue the import job: " + ex.getMessage(), clock.instant());
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "import_not_queued",
					"The import could not be queued; try again");
		}
		return created;
	}

	ImportRow get(TenantId tenant, UUID id) {
		return imports.find(tenant, id).orElseThrow(() -> ApiException.notFound("import", id));
	}

	/**
	 * Stops a queued or running import. The batches of a running one in flight roll back
	 * when they find it cancelled (one already recording itself holds the import's row, and
	 * this waits for it), so when the answer comes no more rows will be written. Rows
	 * already merged stay.
	 */
	ImportRow cancel(TenantId tenant, UUID id) {
		transaction.executeWithoutResult(status -> {
			ImportRow row = imports.lock(tenant, id).orElseThrow(() -> ApiException.notFound("import", id));
			if (row.ended()) {
				throw ApiException.conflict("import_ended", "The import has already ended (" + row.status()
						+ "); only a queued or running one can be cancelled");
			}
			imports.end(tenant, id, "cancelled", null, clock.instant());
			if (row.status().equals("queued") && row.fileOid() != null) {
				// the job has not touched the file; it only tidies up when it runs
				jdbc.sql("SELECT lo_unlink(:oid)").param("oid", row.fileOid()).query().singleValue();
				jdbc.sql("UPDATE smb_imports SET file_oid = NULL WHERE tenant_id = :tenant AND id = :id")
					.param("tenant", tenant.value())
					.param("id", id)
					.update();
			}
		});
		return get(tenant, id);
	}

	private static Map<String, @Nullable String> mapping(@Nullable String raw, List<FieldError> errors) {
		Map<String, @Nullable String> mapping = new LinkedHashMap<>();
		if (raw == null || raw.isBlank()) {
			return mapping;
		}
		JsonNode node;
		try {
			node = ImportReaders.JSON.readTree(raw);
		}
		catch (JacksonException ex) {
			errors.add(new FieldError("mapping", "must be a JSON object like {\"Company\": \"business_name\"}"));
			return mapping;
		}
		if (node == null || !node.isObject()) {
			errors.add(new FieldError("mapping", "must be a JSON object like {\"Company\": \"business_name\"}"));
			return mapping;
		}
		for (var entry : node.properties()) {
			JsonNode value = entry.getValue();
			if (value.isNull()) {
				mapping.put(entry.getKey(), null);
			}
			else if (value.isString()) {
				mapping.put(entry.getKey(), value.stringValue());
			}
			else {
				errors.add(new FieldError("mapping." + entry.getKey(), "must name a field (text) or be null"));
			}
		}
		return mapping;
	}

	private static String choice(Map<String, String> params, String name, String fallback, Set<String> allowed,
			List<FieldError> errors) {
		String value = blankToNull(params.get(name));
		if (value == null) {
			return fallback;
		}
		String normalized = value.strip().toLowerCase(Locale.ROOT);
		if (!allowed.contains(normalized)) {
			errors.add(new FieldError(name, "must be one of " + String.join(", ", new java.util.TreeSet<>(allowed))));
			return fallback;
		}
		return normalized;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}

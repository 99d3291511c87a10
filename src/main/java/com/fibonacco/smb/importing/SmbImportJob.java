package com.fibonacco.smb.importing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.context.JobContext;
import org.jobrunr.jobs.context.JobDashboardProgressBar;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.web.FieldError;
import com.fibonacco.smb.SmbsImported;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The import job, run by JobRunr (public for it). Two steps, each safe to repeat:
 * <ol>
 * <li><b>Stage</b>, in one transaction: stream the stored file (constant memory),
 * normalise each row in Java and {@code COPY} it into the import's staging table; copy
 * the rejected rows' reasons into the error report; mark duplicates inside the file. A
 * crash rolls all of it back; the next attempt starts the step over.</li>
 * <li><b>Merge</b>, one transaction per range of row numbers, several at once, under the
 * tenant's import lock (so two imports never both create the same business): insert and
 * update set-based and record the range and its counts in the same transaction. A crash
 * loses at most the batches in flight, and the next attempt merges the ranges not
 * recorded.</li>
 * </ol>
 * The end (completed, failed or cancelled) publishes one {@link SmbsImported}, drops the
 * staging table and unlinks the stored file, in one transaction.
 */
@Component
public class SmbImportJob {

	/** JobRunr's retries plus the first run; after that the import fails. */
	static final int MAX_ATTEMPTS = 4;

	/** The advisory-lock namespace of "imports into this tenant's SMBs". */
	private static final int TENANT_LOCK = 0x534d4249;

	/** The advisory-lock namespace of "this import's staging step". */
	private static final int STAGING_LOCK = 0x534d4253;

	private static final int REPORT_EVERY = 50_000;

	private static final Logger log = LoggerFactory.getLogger(SmbImportJob.class);

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final SmbImports imports;

	private final TransactionTemplate transaction;

	private final ApplicationEventPublisher events;

	private final ImportProperties properties;

	private final Clock clock;

	/** Test seam: runs after each committed batch with the import id and its last row. */
	volatile @Nullable BatchHook afterBatch;

	interface BatchHook {

		void committed(UUID importId, long lastRow);

	}

	SmbImportJob(DataSource dataSource, JdbcClient jdbc, SmbImports imports, PlatformTransactionManager transactions,
			ApplicationEventPublisher events, ImportProperties properties, Clock clock) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.imports = imports;
		this.transaction = new TransactionTemplate(transactions);
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Runs (or resumes) the import; JobRunr passes its own context for the progress bar.
	 */
	@Job(name = "Import SMBs (import %1)", retries = MAX_ATTEMPTS - 1)
	public void run(UUID tenantId, UUID importId, JobContext context) {
		TenantId tenant = new TenantId(tenantId);
		ImportRow row = imports.start(tenant, importId, clock.instant()).orElse(null);
		if (row == null) {
			// cancelled before it started, or ended by an earlier run: only tidy up
			end(tenant, importId, null, null);
			return;
		}
		try {
			if (row.attempts() > MAX_ATTEMPTS) {
				throw new ImportFailure("Gave up after " + MAX_ATTEMPTS + " attempts; last problem: "
						+ (row.failureReason() == null ? "unknown" : row.failureReason()));
			}
			if (!row.phase().equals("merging") || !stageIntact(row)) {
				stage(row);
			}
			merge(tenant, importId, context);
			end(tenant, importId, "completed", null);
		}
		catch (Cancelled cancelled) {
			end(tenant, importId, null, null);
		}
		catch (ImportFailure failure) {
			end(tenant, importId, "failed", failure.getMessage());
		}
		catch (RuntimeException ex) {
			String reason = "attempt " + row.attempts() + " failed: " + describe(ex);
			log.warn("Import {} of tenant {}: {}", importId, tenantId, reason, ex);
			if (row.attempts() >= MAX_ATTEMPTS) {
				end(tenant, importId, "failed", reason);
				return;
			}
			imports.attemptFailed(tenant, importId, reason, clock.instant());
			throw ex;
		}
	}

	// ---------------------------------------------------------------- staging

	/**
	 * Stages the file. Row numbers come from the file, so staging again (after PostgreSQL
	 * lost the unlogged table mid-merge) yields the same rows and the same report, and
	 * the merge carries on after its last committed batch.
	 */
	private void stage(ImportRow row) {
		TenantId tenant = row.tenant();
		String table = StageTable.name(row.id());
		if (row.fileOid() == null) {
			throw new ImportFailure("The uploaded file is no longer stored");
		}
		CommunityDirectory communities = CommunityDirectory.load(jdbc, tenant);
		if (row.communityId() != null && !communities.contains(row.communityId())) {
			throw new ImportFailure("The import's community was deleted");
		}
		Map<String, Target> mapping = mapping(row.mapping());
		RowNormalizer normalizer = new RowNormalizer(communities, row.communityId(), ImportReaders.JSON, clock);
		try (Connection reading = dataSource.getConnection(); Connection writing = dataSource.getConnection()) {
			reading.setAutoCommit(false);
			writing.setAutoCommit(false);
			try {
				try (PreparedStatement lock = writing.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
					lock.setInt(1, STAGING_LOCK);
					lock.setInt(2, row.id().hashCode());
					lock.execute();
				}
				String phase = jdbc.sql("SELECT phase FROM smb_imports WHERE tenant_id = :tenant AND id = :id")
					.param("tenant", tenant.value())
					.param("id", row.id())
					.query(String.class)
					.single();
				if (phase.equals("merging") && stageIntact(row)) {
					// another run of this job staged it meanwhile
					writing.rollback();
					return;
				}
				try (Statement statement = writing.createStatement()) {
					statement.execute("SET LOCAL work_mem = '64MB'");
					statement.execute("DROP TABLE IF EXISTS " + table);
					statement.execute(StageTable.create(table));
				}
				execute(writing, "DELETE FROM smb_import_errors WHERE tenant_id = ? AND import_id = ?", tenant.value(),
						row.id());
				long started = System.nanoTime();
				long rows = copy(row, mapping, normalizer, reading, writing, table);
				long copied = System.nanoTime();
				try (Statement statement = writing.createStatement()) {
					statement.execute("CREATE INDEX ON " + table + " USING brin (row_number)");
					statement.execute("ANALYZE " + table);
				}
				executeNamed(writing, MergeSql.errors(table), tenant.value(), row.id());
				if (!row.onDuplicate().equals("create")) {
					markDuplicates(writing, table, row);
				}
				int staged;
				try (PreparedStatement done = writing.prepareStatement("""
						UPDATE smb_imports SET phase = 'merging', rows_total = ?, bytes_read = file_size, updated_at = ?
						WHERE tenant_id = ? AND id = ? AND status = 'running'
						""")) {
					done.setLong(1, rows);
					done.setObject(2, SmbImports.utc(clock.instant()));
					done.setObject(3, tenant.value());
					done.setObject(4, row.id());
					staged = done.executeUpdate();
				}
				if (staged == 0) {
					throw new Cancelled();
				}
				writing.commit();
				log.info("Import {}: staged {} rows in {} ms (reading, checking and COPY {} ms)", row.id(), rows,
						(System.nanoTime() - started) / 1_000_000, (copied - started) / 1_000_000);
			}
			catch (RuntimeException | SQLException | IOException ex) {
				writing.rollback();
				throw ex;
			}
			finally {
				reading.rollback();
			}
		}
		catch (SQLException | IOException ex) {
			throw new IllegalStateException("Staging failed: " + ex.getMessage(), ex);
		}
	}

	/** Groups the file's rows about one business and marks all but one of each group. */
	private static void markDuplicates(Connection writing, String table, ImportRow row) throws SQLException {
		try (Statement statement = writing.createStatement()) {
			statement.execute(MergeSql.duplicateCandidates(table, !row.matchOn().equals("phone"),
					!row.matchOn().equals("email")));
			// chains longer than this are rare; if one is left, its parts stay separate
			for (int round = 0; round < 32 && statement.executeUpdate(MergeSql.PROPAGATE) > 0; round++) {
				// the labels spread one more step
			}
			statement.execute(MergeSql.markDuplicates(table, row.onDuplicate().equals("update")));
		}
	}

	/** Streams the file through the normaliser into COPY; the number of rows staged. */
	private long copy(ImportRow row, Map<String, Target> mapping, RowNormalizer normalizer, Connection reading,
			Connection writing, String table) throws SQLException, IOException {
		TenantId tenant = row.tenant();
		Counting bytes = new Counting(LargeObjects.open(reading, row.fileOid()));
		CopyIn copy = writing.unwrap(PGConnection.class).getCopyAPI().copyIn(StageTable.copy(table));
		try (RecordReader reader = ImportReaders.open(row.fileFormat(), bytes, mapping)) {
			StageTable.Writer writer = new StageTable.Writer(copy);
			SourceRow source;
			while ((source = reader.next()) != null) {
				writer.write(normalizer.normalize(source));
				if (writer.rows() % REPORT_EVERY == 0) {
					imports.reading(tenant, row.id(), bytes.count, clock.instant());
					if (!imports.status(tenant, row.id()).equals("running")) {
						throw new Cancelled();
					}
				}
			}
			return writer.finish();
		}
		finally {
			if (copy.isActive()) {
				copy.cancelCopy();
			}
		}
	}

	/**
	 * Whether the staging table still holds the staged rows (PostgreSQL empties unlogged
	 * tables after a crash).
	 */
	private boolean stageIntact(ImportRow row) {
		String table = StageTable.name(row.id());
		Boolean exists = jdbc.sql("SELECT to_regclass(:table) IS NOT NULL")
			.param("table", table)
			.query(Boolean.class)
			.single();
		if (!exists) {
			return false;
		}
		long rows = row.rowsTotal() == null ? 0 : row.rowsTotal();
		return rows == 0 || jdbc.sql("SELECT EXISTS (SELECT 1 FROM " + table + ")").query(Boolean.class).single();
	}

	// ---------------------------------------------------------------- merging

	/** Staged rows {@code lo < row_number <= hi}: one batch. */
	record Range(long lo, long hi) {
	}

	/**
	 * Merges every staged row not merged yet, {@code merge-workers} batches at once, while
	 * holding the tenant's import lock: another import into the tenant (or another run of
	 * this one) waits until this merge is over, so two imports never both create the same
	 * business. The lock is a session lock on a connection of its own, released when the
	 * merge ends or, should the process die, when PostgreSQL drops the connection.
	 */
	private void merge(TenantId tenant, UUID importId, JobContext context) {
		ImportRow row = imports.find(tenant, importId).orElseThrow(Cancelled::new);
		String table = StageTable.name(importId);
		long total = row.rowsTotal() == null ? 0 : row.rowsTotal();
		JobDashboardProgressBar progress = total > 0 ? context.progressBar(total) : null;
		String sql = MergeSql.batch(table, row.onDuplicate(), row.matchOn(), row.dryRun());
		// under update the file's latest row about a business must be applied last
		int workers = row.onDuplicate().equals("update") ? 1 : properties.mergeWorkers();
		try (Connection holder = dataSource.getConnection()) {
			holder.setAutoCommit(true);
			advisoryLock(holder, "pg_advisory_lock", tenant);
			try {
				long started = System.nanoTime();
				List<Range> pending = pending(tenant, importId, table);
				mergeAll(tenant, importId, row.communityId(), sql, pending, workers, progress);
				log.info("Import {}: merged {} batches ({} at once) in {} ms", importId, pending.size(), workers,
						(System.nanoTime() - started) / 1_000_000);
			}
			finally {
				try {
					advisoryLock(holder, "pg_advisory_unlock", tenant);
				}
				catch (SQLException ex) {
					// a broken connection: PostgreSQL released the lock with it
					log.warn("Import {}: could not release the tenant's import lock: {}", importId, ex.getMessage());
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Merging failed: " + ex.getMessage(), ex);
		}
	}

	private static void advisoryLock(Connection connection, String function, TenantId tenant) throws SQLException {
		try (PreparedStatement lock = connection.prepareStatement("SELECT " + function + "(?, ?)")) {
			lock.setInt(1, TENANT_LOCK);
			lock.setInt(2, tenant.value().hashCode());
			lock.execute();
		}
	}

	/** The staged rows outside every committed batch, cut into batches. */
	private List<Range> pending(TenantId tenant, UUID importId, String table) {
		long last = jdbc.sql("SELECT coalesce(max(row_number), 0) FROM " + table).query(Long.class).single();
		List<Range> merged = jdbc.sql("""
				SELECT first_row - 1 AS lo, last_row AS hi FROM smb_import_batches
				WHERE tenant_id = :tenant AND import_id = :id ORDER BY first_row
				""")
			.param("tenant", tenant.value())
			.param("id", importId)
			.query((rs, n) -> new Range(rs.getLong("lo"), rs.getLong("hi")))
			.list();
		return gaps(merged, last, properties.batchSize());
	}

	/**
	 * Rows 1 to {@code last} outside the merged ranges (in row order), cut into batches of
	 * at most {@code batchSize} rows.
	 */
	static List<Range> gaps(List<Range> merged, long last, int batchSize) {
		List<Range> pending = new ArrayList<>();
		long cursor = 0;
		for (Range done : merged.stream().sorted(Comparator.comparingLong(Range::lo)).toList()) {
			cut(cursor, Math.min(done.lo(), last), batchSize, pending);
			cursor = Math.max(cursor, done.hi());
		}
		cut(cursor, last, batchSize, pending);
		return pending;
	}

	private static void cut(long lo, long hi, int batchSize, List<Range> into) {
		for (long at = lo; at < hi; at += batchSize) {
			into.add(new Range(at, Math.min(hi, at + batchSize)));
		}
	}

	/**
	 * Runs the batches on {@code workers} threads, each batch in a transaction of its own.
	 * The first failure (a cancel included) stops the others after their batch in flight
	 * and is thrown; the batches that committed stay merged.
	 */
	private void mergeAll(TenantId tenant, UUID importId, @Nullable UUID community, String sql, List<Range> pending,
			int workers, @Nullable JobDashboardProgressBar progress) {
		Queue<Range> queue = new ConcurrentLinkedQueue<>(pending);
		AtomicReference<@Nullable RuntimeException> failure = new AtomicReference<>();
		AtomicLong processedSoFar = new AtomicLong();
		Runnable worker = () -> {
			Range range;
			while (failure.get() == null && (range = queue.poll()) != null) {
				try {
					long processed = mergeWithRetry(tenant, importId, community, sql, range);
					long soFar = processedSoFar.accumulateAndGet(processed, Math::max);
					if (progress != null) {
						synchronized (progress) {
							progress.setProgress(soFar);
						}
					}
					BatchHook hook = afterBatch;
					if (hook != null) {
						hook.committed(importId, range.hi());
					}
				}
				catch (RuntimeException ex) {
					failure.compareAndSet(null, ex);
				}
			}
		};
		List<Thread> threads = new ArrayList<>();
		for (int i = 1; i < workers; i++) {
			threads.add(Thread.ofVirtual().name("import-merge-" + importId + "-" + i).start(worker));
		}
		worker.run();
		for (Thread thread : threads) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				failure.compareAndSet(null, new IllegalStateException("interrupted while merging", ex));
			}
		}
		RuntimeException failed = failure.get();
		if (failed != null) {
			throw failed;
		}
	}

	/**
	 * One batch; a deadlock or serialization failure with a concurrent writer rolls it back
	 * and it runs again (twice at most).
	 * @return the import's rows processed after it
	 */
	private long mergeWithRetry(TenantId tenant, UUID importId, @Nullable UUID community, String sql, Range range) {
		for (int attempt = 1;; attempt++) {
			try {
				Long processed = transaction.execute(status -> batch(tenant, importId, community, sql, range));
				return processed == null ? 0 : processed;
			}
			catch (ConcurrencyFailureException ex) {
				if (attempt == 3) {
					throw ex;
				}
				log.info("Import {}: rows {} to {} met a concurrent writer ({}); again", importId, range.lo() + 1,
						range.hi(), ex.getClass().getSimpleName());
			}
		}
	}

	/**
	 * Merges one range and, in the same transaction, adds its counts to the import and
	 * records it as merged. A cancelled import rolls the batch back.
	 * @return the import's rows processed after it
	 */
	private long batch(TenantId tenant, UUID importId, @Nullable UUID community, String sql, Range range) {
		Map<String, Object> counts = jdbc.sql(sql)
			.param("tenant", tenant.value())
			.param("community", community, java.sql.Types.OTHER)
			.param("lo", range.lo())
			.param("hi", range.hi())
			.param("now", SmbImports.utc(clock.instant()))
			.query()
			.singleRow();
		long processed = ((Number) counts.get("processed")).longValue();
		long failed = ((Number) counts.get("failed")).longValue();
		long created = ((Number) counts.get("created")).longValue();
		long updated = ((Number) counts.get("updated")).longValue();
		long skipped = processed - failed - created - updated;
		Long processedNow = jdbc.sql("""
				UPDATE smb_imports SET rows_processed = rows_processed + :processed,
				  created = created + :created, updated = updated + :updated, skipped = skipped + :skipped,
				  failed = failed + :failed, updated_at = :now
				WHERE tenant_id = :tenant AND id = :id AND status = 'running'
				RETURNING rows_processed
				""")
			.param("tenant", tenant.value())
			.param("id", importId)
			.param("processed", processed)
			.param("created", created)
			.param("updated", updated)
			.param("skipped", skipped)
			.param("failed", failed)
			.param("now", SmbImports.utc(clock.instant()))
			.query(Long.class)
			.optional()
			.orElseThrow(Cancelled::new);
		jdbc.sql("""
				INSERT INTO smb_import_batches (tenant_id, import_id, first_row, last_row)
				VALUES (:tenant, :id, :first, :last)
				""")
			.param("tenant", tenant.value())
			.param("id", importId)
			.param("first", range.lo() + 1)
			.param("last", range.hi())
			.update();
		return processedNow;
	}

	// ---------------------------------------------------------------- the end

	/**
	 * Ends the import (when {@code status} is given and it is still open), publishes what
	 * it merged, drops its staging table and unlinks its file — once: the file's oid is
	 * the token.
	 */
	private void end(TenantId tenant, UUID importId, @Nullable String status, @Nullable String reason) {
		transaction.executeWithoutResult(tx -> {
			if (status != null) {
				imports.end(tenant, importId, status, reason, clock.instant());
			}
			ImportRow row = imports.lock(tenant, importId).orElse(null);
			if (row == null || !row.ended()) {
				return;
			}
			jdbc.sql("DROP TABLE IF EXISTS " + StageTable.name(importId)).update();
			jdbc.sql("DELETE FROM smb_import_batches WHERE tenant_id = :tenant AND import_id = :id")
				.param("tenant", tenant.value())
				.param("id", importId)
				.update();
			if (row.fileOid() == null) {
				return;
			}
			jdbc.sql("SELECT lo_unlink(:oid)").param("oid", row.fileOid()).query().singleValue();
			jdbc.sql("UPDATE smb_imports SET file_oid = NULL WHERE tenant_id = :tenant AND id = :id")
				.param("tenant", tenant.value())
				.param("id", importId)
				.update();
			if (!row.dryRun() && row.created() + row.updated() > 0) {
				events.publishEvent(new SmbsImported(tenant, importId, row.created(), row.updated(), clock.instant()));
			}
		});
	}

	// ---------------------------------------------------------------- helpers

	static Map<String, Target> mapping(String json) {
		JsonNode node = ImportReaders.JSON.readTree(json);
		Map<String, @Nullable String> raw = new LinkedHashMap<>();
		node.properties()
			.forEach(entry -> raw.put(entry.getKey(), entry.getValue().isNull() ? null : entry.getValue().asString()));
		List<FieldError> errors = new ArrayList<>();
		Map<String, Target> mapping = ColumnPlan.mapping(raw, errors);
		if (!errors.isEmpty()) {
			throw new ImportFailure("The column mapping is invalid: " + errors.get(0).message());
		}
		return mapping;
	}

	private static void execute(Connection connection, String sql, Object... params) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < params.length; i++) {
				statement.setObject(i + 1, params[i]);
			}
			statement.execute();
		}
	}

	/**
	 * The errors statement has :tenant and :import; plain JDBC takes them positionally.
	 */
	private static void executeNamed(Connection connection, String sql, UUID tenant, UUID importId)
			throws SQLException {
		execute(connection, sql.replace(":tenant", "?").replace(":import", "?"), tenant, importId);
	}

	private static String describe(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
		return message.length() > 500 ? message.substring(0, 500) + "…" : message;
	}

	/** The import was cancelled (or ended elsewhere): stop without writing more. */
	static final class Cancelled extends RuntimeException {

		Cancelled() {
			super("cancelled", null, false, false);
		}

	}

	/** Counts the bytes read from the stored file, for progress. */
	private static final class Counting extends FilterInputStream {

		long count;

		Counting(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				count++;
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int off, int len) throws IOException {
			int n = super.read(buffer, off, len);
			if (n > 0) {
				count += n;
			}
			return n;
		}

	}

}

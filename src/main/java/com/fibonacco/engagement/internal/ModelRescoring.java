package com.fibonacco.engagement.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jobrunr.scheduling.JobScheduler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fibonacco.engagement.internal.ModelDtos.RescoreResponse;
import com.fibonacco.shared.Ids;
import com.fibonacco.shared.TenantId;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static com.fibonacco.engagement.internal.Ledger.utc;

/**
 * Rescoring every SMB of a tenant after one of its score models changed: a JobRunr job
 * that works through the SMBs in id ranges, each one set-based statement per model (the
 * nightly job's), and records its progress in {@code score_rescores}. Running it again
 * changes nothing. Public for JobRunr, which calls {@link #run}.
 */
@Component
public class ModelRescoring {

	static final int CHUNK = 5_000;

	private static final Logger log = LoggerFactory.getLogger(ModelRescoring.class);

	private final JdbcClient jdbc;

	private final EngagementJobs jobs;

	private final ObjectProvider<JobScheduler> scheduler;

	private final Clock clock;

	ModelRescoring(JdbcClient jdbc, EngagementJobs jobs, ObjectProvider<JobScheduler> scheduler, Clock clock) {
		this.jdbc = jdbc;
		this.jobs = jobs;
		this.scheduler = scheduler;
		this.clock = clock;
	}

	/**
	 * Records a queued run and enqueues its job once the caller's transaction commits.
	 */
	RescoreResponse start(TenantId tenant, String model, @Nullable UUID user) {
		UUID id = Ids.newId(clock);
		jdbc.sql("""
				INSERT INTO score_rescores (tenant_id, id, model_key, status, total, requested_by, created_at)
				SELECT :tenant, :id, :model, 'queued', count(*), :user, :now
				  FROM smbs WHERE tenant_id = :tenant AND deleted_at IS NULL
				""")
			.param("tenant", tenant.value())
			.param("id", id)
			.param("model", model)
			.param("user", user)
			.param("now", utc(clock.instant()))
			.update();
		UUID tenantId = tenant.value();
		Runnable enqueue = () -> scheduler.ifAvailable(jobs -> jobs.enqueue(() -> run(tenantId, id)));
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					enqueue.run();
				}
			});
		}
		else {
			enqueue.run();
		}
		return find(tenant, id).orElseThrow();
	}

	/** Rescores the tenant's SMBs range by range, recording progress after each. */
	public void run(UUID tenantId, UUID rescoreId) {
		TenantId tenant = new TenantId(tenantId);
		Instant asOf = clock.instant();
		status(tenant, rescoreId, "running", null);
		try {
			UUID after = new UUID(Long.MIN_VALUE, Long.MIN_VALUE);
			boolean first = true;
			while (true) {
				List<UUID> ids = jdbc.sql("""
						SELECT id FROM smbs WHERE tenant_id = :tenant AND deleted_at IS NULL
						""" + (first ? "" : " AND id > :after") + " ORDER BY id LIMIT :limit")
					.param("tenant", tenantId)
					.param("after", after)
					.param("limit", CHUNK)
					.query(UUID.class)
					.list();
				if (ids.isEmpty()) {
					break;
				}
				var range = new SqlScores.IdRange(ids.getFirst(), ids.getLast());
				EngagementJobs.Recalculated changed = jobs.recalculate(tenant, asOf, range);
				int tiers = jobs.evaluateTiers(tenant, asOf, range, "Score model changed");
				jdbc.sql("""
						UPDATE score_rescores SET done = least(total, done + :done), changed = changed + :changed
						 WHERE tenant_id = :tenant AND id = :id
						""")
					.param("tenant", tenantId)
					.param("id", rescoreId)
					.param("done", ids.size())
					.param("changed", changed.engagement() + changed.lead() + tiers)
					.update();
				after = ids.getLast();
				first = false;
			}
			status(tenant, rescoreId, "completed", null);
		}
		catch (RuntimeException ex) {
			log.warn("Rescoring {} of tenant {} failed", rescoreId, tenantId, ex);
			status(tenant, rescoreId, "failed", String.valueOf(ex.getMessage()));
			throw ex;
		}
	}

	Optional<RescoreResponse> find(TenantId tenant, UUID id) {
		return jdbc.sql("""
				SELECT id, model_key, status, total, done, changed, error, created_at, started_at, finished_at
				  FROM score_rescores WHERE tenant_id = :tenant AND id = :id
				""")
			.param("tenant", tenant.value())
			.param("id", id)
			.query((rs, row) -> new RescoreResponse(rs.getObject("id", UUID.class), rs.getString("model_key"),
					rs.getString("status"), rs.getInt("total"), rs.getInt("done"), rs.getInt("changed"),
					rs.getString("error"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
					instant(rs.getObject("started_at", OffsetDateTime.class)),
					instant(rs.getObject("finished_at", OffsetDateTime.class))))
			.optional();
	}

	private void status(TenantId tenant, UUID id, String status, @Nullable String error) {
		String column = status.equals("running") ? "started_at" : "finished_at";
		jdbc.sql("UPDATE score_rescores SET status = :status, error = :error, " + column + " = :now"
				+ (status.equals("completed") ? ", done = total" : "") + " WHERE tenant_id = :tenant AND id = :id")
			.param("status", status)
			.param("error", error == null ? null : Reasons.fit(error))
			.param("now", utc(clock.instant()))
			.param("tenant", tenant.value())
			.param("id", id)
			.update();
	}

	private static @Nullable Instant instant(@Nullable OffsetDateTime value) {
		return value == null ? null : value.toInstant();
	}

}

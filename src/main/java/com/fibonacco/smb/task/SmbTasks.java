package com.fibonacco.smb.task;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.web.PageQuery;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code tasks} table. Reads join the SMB (its name, and whether it is deleted) and
 * its community (the time zone that gives due dates their end), so "overdue" is decided
 * in one place, in SQL, for the flag, the filter and the count alike.
 */
@Repository
class SmbTasks {

	/** Still open, and the due time (or the end of the due date) has passed locally. */
	private static final String OVERDUE = """
			(t.status IN ('pending', 'in_progress') AND t.due_date IS NOT NULL
			 AND ((t.due_date + coalesce(t.due_time, time '24:00')) AT TIME ZONE c.timezone) < :now)""";

	private static final String FROM = """
			FROM tasks t
			JOIN smbs s ON s.tenant_id = t.tenant_id AND s.id = t.smb_id
			JOIN communities c ON c.tenant_id = s.tenant_id AND c.id = s.community_id
			""";

	private static final String SELECT = """
			SELECT t.id, t.smb_id, s.business_name, t.assigned_to, t.created_by, t.title, t.description, t.due_date,
			       t.due_time, t.priority, t.status, t.completed_at, t.reminder_at, t.created_at, t.updated_at,
			       %s AS is_overdue
			""".formatted(OVERDUE) + FROM;

	private static final String OPEN_FIRST = """
			ORDER BY (t.status IN ('pending', 'in_progress')) DESC, t.due_date NULLS LAST, t.due_time NULLS LAST,
			         t.created_at, t.id
			""";

	private static final String BY_DUE_DATE = """
			ORDER BY t.due_date NULLS LAST, t.due_time NULLS LAST,
			         CASE t.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END,
			         t.created_at, t.id
			""";

	/** A person's tasks on live SMBs, by the filters of {@link AssigneeFilter}. */
	private static final String ASSIGNEE_WHERE = """
			WHERE t.tenant_id = :tenant AND t.assigned_to = :assignee AND s.deleted_at IS NULL
			  AND t.status = ANY (CAST(:statuses AS text[]))
			  AND (CAST(:dueBefore AS date) IS NULL OR t.due_date < CAST(:dueBefore AS date))
			  AND (CAST(:overdue AS boolean) IS NULL OR %s = CAST(:overdue AS boolean))
			""".formatted(OVERDUE);

	private final JdbcClient jdbc;

	SmbTasks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(TenantId tenant, TaskRow task) {
		jdbc.sql("""
				INSERT INTO tasks (tenant_id, id, smb_id, assigned_to, created_by, title, description, due_date,
				                   due_time, priority, status, completed_at, reminder_at, created_at, updated_at)
				VALUES (:tenant, :id, :smb, :assignedTo, :createdBy, :title, :description, :dueDate,
				        :dueTime, :priority, :status, :completedAt, :reminderAt, :createdAt, :updatedAt)
				""")
			.param("tenant", tenant.value())
			.param("id", task.id())
			.param("smb", task.smbId())
			.param("assignedTo", task.assignedTo())
			.param("createdBy", task.createdBy())
			.param("title", task.title())
			.param("description", task.description())
			.param("dueDate", task.dueDate())
			.param("dueTime", task.dueTime())
			.param("priority", task.priority())
			.param("status", task.status())
			.param("completedAt", utc(task.completedAt()))
			.param("reminderAt", utc(task.reminderAt()))
			.param("createdAt", utc(task.createdAt()))
			.param("updatedAt", utc(task.updatedAt()))
			.update();
	}

	void update(TenantId tenant, TaskRow task) {
		jdbc.sql("""
				UPDATE tasks SET assigned_to = :assignedTo, title = :title, description = :description,
				                 due_date = :dueDate, due_time = :dueTime, priority = :priority, status = :status,
				                 completed_at = :completedAt, reminder_at = :reminderAt, updated_at = :updatedAt
				WHERE tenant_id = :tenant AND smb_id = :smb AND id = :id
				""")
			.param("tenant", tenant.value())
			.param("smb", task.smbId())
			.param("id", task.id())
			.param("assignedTo", task.assignedTo())
			.param("title", task.title())
			.param("description", task.description())
			.param("dueDate", task.dueDate())
			.param("dueTime", task.dueTime())
			.param("priority", task.priority())
			.param("status", task.status())
			.param("completedAt", utc(task.completedAt()))
			.param("reminderAt", utc(task.reminderAt()))
			.param("updatedAt", utc(task.updatedAt()))
			.update();
	}

	void delete(TenantId tenant, UUID smb, UUID id) {
		jdbc.sql("DELETE FROM tasks WHERE tenant_id = :tenant AND smb_id = :smb AND id = :id")
			.param("tenant", tenant.value())
			.param("smb", smb)
			.param("id", id)
			.update();
	}

	Optional<TaskRow> findForUpdate(TenantId tenant, UUID smb, UUID id) {
		return jdbc.sql("""
				SELECT id, smb_id, assigned_to, created_by, title, description, due_date, due_time, priority, status,
				       completed_at, reminder_at, created_at, updated_at
				FROM tasks WHERE tenant_id = :tenant AND smb_id = :smb AND id = :id
				FOR UPDATE
				""")
			.param("tenant", tenant.value())
			.param("smb", smb)
			.param("id", id)
			.query((rs, row) -> new TaskRow(rs.getObject("id", UUID.class), rs.getObject("smb_id", UUID.class),
					rs.getObject("assigned_to", UUID.class), rs.getObject("created_by", UUID.class),
					rs.getString("title"), rs.getString("description"), rs.getObject("due_date", LocalDate.class),
					rs.getObject("due_time", LocalTime.class), rs.getString("priority"), rs.getString("status"),
					instant(rs, "completed_at"), instant(rs, "reminder_at"), required(rs, "created_at"),
					required(rs, "updated_at")))
			.optional();
	}

	Optional<TaskView> find(TenantId tenant, UUID smb, UUID id, Instant now) {
		return jdbc.sql(SELECT + "WHERE t.tenant_id = :tenant AND t.smb_id = :smb AND t.id = :id")
			.param("tenant", tenant.value())
			.param("smb", smb)
			.param("id", id)
			.param("now", utc(now))
			.query(SmbTasks::view)
			.optional();
	}

	/** The SMB's tasks, open ones first, each group by due date. */
	List<TaskView> pageOfSmb(TenantId tenant, UUID smb, List<String> statuses, PageQuery page, Instant now) {
		return jdbc
			.sql(SELECT
					+ "WHERE t.tenant_id = :tenant AND t.smb_id = :smb AND t.status = ANY (CAST(:statuses AS text[]))\n"
					+ OPEN_FIRST + "LIMIT :limit OFFSET :offset")
			.param("tenant", tenant.value())
			.param("smb", smb)
			.param("statuses", statuses.toArray(String[]::new))
			.param("now", utc(now))
			.param("limit", page.perPage())
			.param("offset", page.offset())
			.query(SmbTasks::view)
			.list();
	}

	long countOfSmb(TenantId tenant, UUID smb, List<String> statuses) {
		return jdbc
			.sql("SELECT count(*) FROM tasks WHERE tenant_id = :tenant AND smb_id = :smb "
					+ "AND status = ANY (CAST(:statuses AS text[]))")
			.param("tenant", tenant.value())
			.param("smb", smb)
			.param("statuses", statuses.toArray(String[]::new))
			.query(Long.class)
			.single();
	}

	List<TaskView> pageOfAssignee(TenantId tenant, AssigneeFilter filter, PageQuery page, Instant now) {
		return jdbc.sql(SELECT + ASSIGNEE_WHERE + BY_DUE_DATE + "LIMIT :limit OFFSET :offset")
			.paramSource(filter.params(tenant, now).addValue("limit", page.perPage()).addValue("offset", page.offset()))
			.query(SmbTasks::view)
			.list();
	}

	/**
	 * How many of the person's tasks match the filter, and how many of those are overdue.
	 */
	Counts countOfAssignee(TenantId tenant, AssigneeFilter filter, Instant now) {
		return jdbc
			.sql("SELECT count(*) AS total, count(*) FILTER (WHERE " + OVERDUE + ") AS overdue " + FROM
					+ ASSIGNEE_WHERE)
			.paramSource(filter.params(tenant, now))
			.query((rs, row) -> new Counts(rs.getLong("total"), rs.getLong("overdue")))
			.single();
	}

	private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	private static Instant required(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static TaskView view(ResultSet rs, int row) throws SQLException {
		return new TaskView(rs.getObject("id", UUID.class), rs.getObject("smb_id", UUID.class),
				rs.getString("business_name"), rs.getObject("assigned_to", UUID.class),
				rs.getObject("created_by", UUID.class), rs.getString("title"), rs.getString("description"),
				rs.getObject("due_date", LocalDate.class), rs.getObject("due_time", LocalTime.class),
				rs.getString("priority"), rs.getString("status"), instant(rs, "completed_at"),
				instant(rs, "reminder_at"), required(rs, "created_at"), required(rs, "updated_at"),
				rs.getBoolean("is_overdue"));
	}

	/** A task as stored. */
	record TaskRow(UUID id, UUID smbId, @Nullable UUID assignedTo, @Nullable UUID createdBy, String title,
			@Nullable String description, @Nullable LocalDate dueDate, @Nullable LocalTime dueTime, String priority,
			String status, @Nullable Instant completedAt, @Nullable Instant reminderAt, Instant createdAt,
			Instant updatedAt) {
	}

	/** A task as read: with its SMB's name and whether it is overdue now. */
	record TaskView(UUID id, UUID smbId, String businessName, @Nullable UUID assignedTo, @Nullable UUID createdBy,
			String title, @Nullable String description, @Nullable LocalDate dueDate, @Nullable LocalTime dueTime,
			String priority, String status, @Nullable Instant completedAt, @Nullable Instant reminderAt,
			Instant createdAt, Instant updatedAt, boolean overdue) {
	}

	/**
	 * A person's task list: these statuses, due strictly before a date, overdue or not
	 * (null: either).
	 */
	record AssigneeFilter(UUID assignee, List<String> statuses, @Nullable LocalDate dueBefore,
			@Nullable Boolean overdue) {

		MapSqlParameterSource params(TenantId tenant, Instant now) {
			return new MapSqlParameterSource().addValue("tenant", tenant.value())
				.addValue("assignee", assignee)
				.addValue("statuses", statuses.toArray(String[]::new))
				.addValue("dueBefore", dueBefore)
				.addValue("overdue", overdue)
				.addValue("now", now.atOffset(ZoneOffset.UTC));
		}

	}

	record Counts(long total, long overdue) {
	}

}

package com.fibonacco.smb.task;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.identity.UserDirectory;
import com.fibonacco.identity.UserDirectory.UserSummary;
import com.fibonacco.shared.Ids;
import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.security.CurrentUser;
import com.fibonacco.shared.web.ApiException;
import com.fibonacco.shared.web.FieldError;
import com.fibonacco.shared.web.Page;
import com.fibonacco.shared.web.PageQuery;
import com.fibonacco.smb.FieldChange;
import com.fibonacco.smb.SmbId;
import com.fibonacco.smb.Smbs;
import com.fibonacco.smb.TaskCompleted;
import com.fibonacco.smb.TaskCreated;
import com.fibonacco.smb.TaskDeleted;
import com.fibonacco.smb.TaskUpdated;
import com.fibonacco.smb.task.SmbTasks.AssigneeFilter;
import com.fibonacco.smb.task.SmbTasks.Counts;
import com.fibonacco.smb.task.SmbTasks.TaskRow;
import com.fibonacco.smb.task.SmbTasks.TaskView;
import com.fibonacco.smb.task.TaskDtos.CreateTaskRequest;
import com.fibonacco.smb.task.TaskDtos.ReplaceTaskRequest;
import com.fibonacco.smb.task.TaskDtos.SmbRef;
import com.fibonacco.smb.task.TaskDtos.TaskPatch;
import com.fibonacco.smb.task.TaskDtos.TaskResponse;
import com.fibonacco.smb.task.TaskDtos.UserRef;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static com.fibonacco.smb.task.TaskRules.COMPLETED;
import static com.fibonacco.smb.task.TaskRules.DEFAULT_PRIORITY;
import static com.fibonacco.smb.task.TaskRules.OPEN_STATUSES;
import static com.fibonacco.smb.task.TaskRules.PENDING;
import static com.fibonacco.smb.task.TaskRules.PRIORITIES;
import static com.fibonacco.smb.task.TaskRules.STATUSES;

/**
 * Follow-up tasks on SMBs. Completing a task stamps {@code completed_at} from the clock
 * and publishes {@link TaskCompleted}; every other change publishes {@link TaskUpdated}
 * with the old and new value of each changed field, as the API shows them.
 */
@Service
class SmbTaskService {

	private final Smbs smbs;

	private final SmbTasks tasks;

	private final UserDirectory users;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SmbTaskService(SmbTasks tasks, UserDirectory users, ApplicationEventPublisher events, Clock clock, Smbs smbs) {
		this.smbs = smbs;
		this.tasks = tasks;
		this.users = users;
		this.events = events;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	Page<TaskResponse> tasksOfSmb(TenantId tenant, UUID smb, @Nullable String status, PageQuery page) {
		List<FieldError> errors = new ArrayList<>();
		List<String> statuses = statuses(status, STATUSES, errors);
		if (!errors.isEmpty()) {
			throw ApiException.invalid(errors);
		}
		requireSmb(tenant, smb);
		Responses responses = new Responses(tenant);
		List<TaskResponse> items = tasks.pageOfSmb(tenant, smb, statuses, page, clock.instant())
			.stream()
			.map(responses::of)
			.toList();
		return new Page<>(items, page, tasks.countOfSmb(tenant, smb, statuses));
	}

	@Transactional(readOnly = true)
	TaskResponse task(TenantId tenant, UUID smb, UUID id) {
		requireSmb(tenant, smb);
		return read(tenant, smb, id);
	}

	@Transactional
	TaskResponse create(CurrentUser user, UUID smb, CreateTaskRequest request) {
		TenantId tenant = user.tenantId();
		requireSmb(tenant, smb);
		List<FieldError> errors = new ArrayList<>();
		LocalDate dueDate = TaskRules.date("due_date", request.dueDate(), errors);
		LocalTime dueTime = TaskRules.time("due_time", request.dueTime(), errors);
		if (request.dueTime() != null && request.dueDate() == null) {
			errors.add(new FieldError("due_time", "needs a due_date"));
		}
		String priority = request.priority() == null ? DEFAULT_PRIORITY
				: TaskRules.oneOf("priority", request.priority(), PRIORITIES, errors);
		Instant reminderAt = TaskRules.instant("reminder_at", request.reminderAt(), errors);
		UUID assignee = user.userId();
		if (request.assignedTo() != null) {
			assignee = TaskRules.uuid("assigned_to", request.assignedTo(), errors);
			checkAssignee(tenant, assignee, errors);
		}
		if (!errors.isEmpty()) {
			throw ApiException.invalid(errors);
		}
		Instant now = clock.instant();
		TaskRow task = new TaskRow(Ids.newId(clock), smb, assignee, user.userId(), request.title().strip(),
				blankToNull(request.description()), dueDate, dueTime, Objects.requireNonNull(priority), PENDING, null,
				reminderAt, now, now);
		tasks.insert(tenant, task);
		events.publishEvent(new TaskCreated(tenant, new SmbId(smb), task.id(), task.title(), task.assignedTo(),
				task.dueDate(), task.priority(), user.userId(), now));
		return read(tenant, smb, task.id());
	}

	@Transactional
	TaskResponse replace(CurrentUser user, UUID smb, UUID id, ReplaceTaskRequest request) {
		requireSmb(user.tenantId(), smb);
		TaskRow task = locked(user.tenantId(), smb, id);
		return change(user, task, TaskPatch.replacing(request, task.createdBy()));
	}

	@Transactional
	TaskResponse patch(CurrentUser user, UUID smb, UUID id, TaskPatch patch) {
		requireSmb(user.tenantId(), smb);
		return change(user, locked(user.tenantId(), smb, id), patch);
	}

	@Transactional
	void delete(CurrentUser user, UUID smb, UUID id) {
		requireSmb(user.tenantId(), smb);
		TaskRow task = locked(user.tenantId(), smb, id);
		tasks.delete(user.tenantId(), smb, id);
		events.publishEvent(
				new TaskDeleted(user.tenantId(), new SmbId(smb), id, task.title(), user.userId(), clock.instant()));
	}

	/**
	 * A person's tasks across the tenant's live SMBs, by due date (undated last), with
	 * how many of them are overdue.
	 */
	@Transactional(readOnly = true)
	AssigneeTasks tasksOfAssignee(CurrentUser user, @Nullable String assignee, @Nullable String status,
			@Nullable String dueBefore, @Nullable String overdue, PageQuery page) {
		TenantId tenant = user.tenantId();
		List<FieldError> errors = new ArrayList<>();
		UUID person = user.userId();
		if (assignee != null && !"me".equals(assignee)) {
			person = TaskRules.uuid("assignee", assignee, errors);
			if (person != null && users.find(tenant, person).isEmpty()) {
				errors.add(new FieldError("assignee", "must be me or a user of this tenant"));
			}
		}
		List<String> statuses = statuses(status, OPEN_STATUSES, errors);
		LocalDate before = TaskRules.date("due_before", dueBefore, errors);
		Boolean overdueOnly = null;
		if (overdue != null) {
			if ("true".equals(overdue) || "false".equals(overdue)) {
				overdueOnly = Boolean.valueOf(overdue);
			}
			else {
				errors.add(new FieldError("overdue", "must be true or false"));
			}
		}
		if (!errors.isEmpty()) {
			throw ApiException.invalid(errors);
		}
		AssigneeFilter filter = new AssigneeFilter(Objects.requireNonNull(person), statuses, before, overdueOnly);
		Instant now = clock.instant();
		Responses responses = new Responses(tenant);
		List<TaskResponse> items = tasks.pageOfAssignee(tenant, filter, page, now).stream().map(responses::of).toList();
		Counts counts = tasks.countOfAssignee(tenant, filter, now);
		return new AssigneeTasks(new Page<>(items, page, counts.total()), counts.overdue());
	}

	private TaskResponse change(CurrentUser user, TaskRow task, TaskPatch patch) {
		TenantId tenant = user.tenantId();
		List<FieldError> errors = new ArrayList<>();
		String title = task.title();
		if (patch.has("title")) {
			if (patch.getTitle() == null || patch.getTitle().isBlank()) {
				errors.add(new FieldError("title", "must not be blank"));
			}
			else {
				title = patch.getTitle().strip();
			}
		}
		String description = patch.has("description") ? blankToNull(patch.getDescription()) : task.description();
		LocalDate dueDate = patch.has("due_date") ? TaskRules.date("due_date", patch.getDueDate(), errors)
				: task.dueDate();
		LocalTime dueTime = patch.has("due_time") ? TaskRules.time("due_time", patch.getDueTime(), errors)
				: task.dueTime();
		String priority = patch.has("priority") ? TaskRules.oneOf("priority", patch.getPriority(), PRIORITIES, errors)
				: task.priority();
		String status = patch.has("status") ? TaskRules.oneOf("status", patch.getStatus(), STATUSES, errors)
				: task.status();
		Instant reminderAt = patch.has("reminder_at") ? TaskRules.instant("reminder_at", patch.getReminderAt(), errors)
				: task.reminderAt();
		UUID assignee = task.assignedTo();
		if (patch.has("assigned_to")) {
			assignee = TaskRules.uuid("assigned_to", patch.getAssignedTo(), errors);
			// keeping a deactivated assignee is no reason to refuse an edit
			if (assignee != null && !assignee.equals(task.assignedTo())) {
				checkAssignee(tenant, assignee, errors);
			}
		}
		if (patch.has("due_date") && patch.getDueDate() == null && !patch.has("due_time")) {
			// clearing the due date clears its time of day with it
			dueTime = null;
		}
		if (dueTime != null && dueDate == null && errors.stream().noneMatch(e -> e.field().equals("due_date"))) {
			errors.add(new FieldError("due_time", "needs a due_date"));
		}
		if (!errors.isEmpty()) {
			throw ApiException.invalid(errors);
		}
		Objects.requireNonNull(priority);
		Objects.requireNonNull(status);

		Map<String, FieldChange> changes = new LinkedHashMap<>();
		diff(changes, "title", task.title(), title);
		diff(changes, "description", task.description(), description);
		diff(changes, "due_date", text(task.dueDate()), text(dueDate));
		diff(changes, "due_time", TaskRules.time(task.dueTime()), TaskRules.time(dueTime));
		diff(changes, "priority", task.priority(), priority);
		boolean completing = COMPLETED.equals(status) && !COMPLETED.equals(task.status());
		if (!completing) {
			diff(changes, "status", task.status(), status);
		}
		diff(changes, "assigned_to", text(task.assignedTo()), text(assignee));
		diff(changes, "reminder_at", text(task.reminderAt()), text(reminderAt));
		if (changes.isEmpty() && !completing) {
			return read(tenant, task.smbId(), task.id());
		}

		Instant now = clock.instant();
		Instant completedAt = null;
		if (COMPLETED.equals(status)) {
			completedAt = completing ? now : task.completedAt();
		}
		tasks.update(tenant, new TaskRow(task.id(), task.smbId(), assignee, task.createdBy(), title, description,
				dueDate, dueTime, priority, status, completedAt, reminderAt, task.createdAt(), now));
		SmbId smb = new SmbId(task.smbId());
		if (!changes.isEmpty()) {
			events.publishEvent(new TaskUpdated(tenant, smb, task.id(), title, changes, user.userId(), now));
		}
		if (completing) {
			events.publishEvent(new TaskCompleted(tenant, smb, task.id(), title, user.userId(), now));
		}
		return read(tenant, task.smbId(), task.id());
	}

	private void checkAssignee(TenantId tenant, @Nullable UUID assignee, List<FieldError> errors) {
		if (assignee != null && users.find(tenant, assignee).filter(UserSummary::active).isEmpty()) {
			errors.add(new FieldError("assigned_to", "must be an active user of this tenant"));
		}
	}

	private static List<String> statuses(@Nullable String value, List<String> fallback, List<FieldError> errors) {
		if (value == null) {
			return fallback;
		}
		List<String> statuses = Arrays.stream(value.split(",", -1)).map(String::strip).distinct().toList();
		if (!STATUSES.containsAll(statuses)) {
			errors.add(new FieldError("status", "must be a comma-separated list of " + String.join(", ", STATUSES)));
		}
		return statuses;
	}

	private TaskRow locked(TenantId tenant, UUID smb, UUID id) {
		return tasks.findForUpdate(tenant, smb, id).orElseThrow(() -> ApiException.notFound("task", id));
	}

	private TaskResponse read(TenantId tenant, UUID smb, UUID id) {
		return new Responses(tenant)
			.of(tasks.find(tenant, smb, id, clock.instant()).orElseThrow(() -> ApiException.notFound("task", id)));
	}

	private void requireSmb(TenantId tenant, UUID smb) {
		if (!smbs.exists(tenant, new SmbId(smb))) {
			throw ApiException.notFound("SMB", smb);
		}
	}

	private static void diff(Map<String, FieldChange> changes, String field, @Nullable Object before,
			@Nullable Object after) {
		if (!Objects.equals(before, after)) {
			changes.put(field, new FieldChange(before, after));
		}
	}

	private static @Nullable String text(@Nullable Object value) {
		return value == null ? null : value.toString();
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

	/** Builds responses, looking each user up once per request. */
	private final class Responses {

		private final TenantId tenant;

		private final Map<UUID, Optional<UserRef>> people = new HashMap<>();

		Responses(TenantId tenant) {
			this.tenant = tenant;
		}

		TaskResponse of(TaskView task) {
			return new TaskResponse(task.id(), new SmbRef(task.smbId(), task.businessName()), task.title(),
					task.description(), task.dueDate(), TaskRules.time(task.dueTime()), task.priority(), task.status(),
					task.overdue(), person(task.assignedTo()), person(task.createdBy()), task.completedAt(),
					task.reminderAt(), task.createdAt(), task.updatedAt());
		}

		private @Nullable UserRef person(@Nullable UUID id) {
			if (id == null) {
				return null;
			}
			return people
				.computeIfAbsent(id, key -> users.find(tenant, key).map(found -> new UserRef(found.id(), found.name())))
				.orElse(null);
		}

	}

	record AssigneeTasks(Page<TaskResponse> page, long overdueCount) {
	}

}

package com.fibonacco.smb.task;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Request and response bodies of the task endpoints (snake_case on the wire). Dates,
 * times, enums and user ids arrive as strings so that a wrong value answers 422 naming
 * the field, like any other invalid value.
 */
final class TaskDtos {

	static final int MAX_TITLE = 255;

	static final int MAX_DESCRIPTION = 10_000;

	private TaskDtos() {
	}

	/**
	 * A new task. {@code due_date} is {@code YYYY-MM-DD}, {@code due_time} {@code HH:mm}
	 * (both in the SMB's community time zone), {@code reminder_at} an ISO date-time with
	 * offset; {@code assigned_to} defaults to the creator.
	 */
	record CreateTaskRequest(@NotBlank @Size(max = MAX_TITLE) String title,
			@Nullable @Size(max = MAX_DESCRIPTION) String description, @Nullable String dueDate,
			@Nullable String dueTime, @Nullable String priority, @Nullable String assignedTo,
			@Nullable String reminderAt) {
	}

	/**
	 * A task's whole new state (PUT): a field left out takes its default as on creation
	 * (priority medium, status pending, assigned to the task's creator, the rest empty).
	 */
	record ReplaceTaskRequest(@NotBlank @Size(max = MAX_TITLE) String title,
			@Nullable @Size(max = MAX_DESCRIPTION) String description, @Nullable String dueDate,
			@Nullable String dueTime, @Nullable String priority, @Nullable String status, @Nullable String assignedTo,
			@Nullable String reminderAt) {
	}

	/**
	 * PATCH: changes only the fields present; null clears an optional field. A class with
	 * setters rather than a record, because a record cannot tell a field sent as null
	 * from a field left out.
	 */
	static final class TaskPatch {

		private final Set<String> present = new HashSet<>();

		@Size(min = 1, max = MAX_TITLE)
		private @Nullable String title;

		@Size(max = MAX_DESCRIPTION)
		private @Nullable String description;

		private @Nullable String dueDate;

		private @Nullable String dueTime;

		private @Nullable String priority;

		private @Nullable String status;

		private @Nullable String assignedTo;

		private @Nullable String reminderAt;

		public void setTitle(@Nullable String title) {
			this.title = title;
			present.add("title");
		}

		public void setDescription(@Nullable String description) {
			this.description = description;
			present.add("description");
		}

		public void setDueDate(@Nullable String dueDate) {
			this.dueDate = dueDate;
			present.add("due_date");
		}

		public void setDueTime(@Nullable String dueTime) {
			this.dueTime = dueTime;
			present.add("due_time");
		}

		public void setPriority(@Nullable String priority) {
			this.priority = priority;
			present.add("priority");
		}

		public void setStatus(@Nullable String status) {
			this.status = status;
			present.add("status");
		}

		public void setAssignedTo(@Nullable String assignedTo) {
			this.assignedTo = assignedTo;
			present.add("assigned_to");
		}

		public void setReminderAt(@Nullable String reminderAt) {
			this.reminderAt = reminderAt;
			present.add("reminder_at");
		}

		boolean has(String field) {
			return present.contains(field);
		}

		public @Nullable String getTitle() {
			return title;
		}

		public @Nullable String getDescription() {
			return description;
		}

		public @Nullable String getDueDate() {
			return dueDate;
		}

		public @Nullable String getDueTime() {
			return dueTime;
		}

		public @Nullable String getPriority() {
			return priority;
		}

		public @Nullable String getStatus() {
			return status;
		}

		public @Nullable String getAssignedTo() {
			return assignedTo;
		}

		public @Nullable String getReminderAt() {
			return reminderAt;
		}

		/** PUT as a patch of every field, defaults filled in. */
		static TaskPatch replacing(ReplaceTaskRequest request, @Nullable UUID creator) {
			TaskPatch patch = new TaskPatch();
			patch.setTitle(request.title());
			patch.setDescription(request.description());
			patch.setDueDate(request.dueDate());
			patch.setDueTime(request.dueTime());
			patch.setPriority(request.priority() == null ? TaskRules.DEFAULT_PRIORITY : request.priority());
			patch.setStatus(request.status() == null ? TaskRules.PENDING : request.status());
			patch.setAssignedTo(
					request.assignedTo() != null ? request.assignedTo() : creator == null ? null : creator.toString());
			patch.setReminderAt(request.reminderAt());
			return patch;
		}

	}

	record SmbRef(UUID id, String businessName) {
	}

	/** A user as a task shows them; null when unassigned or the user no longer exists. */
	record UserRef(UUID id, String name) {
	}

	/**
	 * A task. {@code is_overdue}: still open, and its due time (or the end of its due
	 * date) in the SMB's community time zone has passed.
	 */
	record TaskResponse(UUID id, SmbRef smb, String title, @Nullable String description, @Nullable LocalDate dueDate,
			@Nullable String dueTime, String priority, String status, boolean isOverdue, @Nullable UserRef assignee,
			@Nullable UserRef createdBy, @Nullable Instant completedAt, @Nullable Instant reminderAt, Instant createdAt,
			Instant updatedAt) {
	}

}

package com.fibonacco.smb.task;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.security.CurrentUser;
import com.fibonacco.shared.web.ApiResponse;
import com.fibonacco.shared.web.PageQuery;
import com.fibonacco.smb.task.TaskDtos.CreateTaskRequest;
import com.fibonacco.smb.task.TaskDtos.ReplaceTaskRequest;
import com.fibonacco.smb.task.TaskDtos.TaskPatch;
import com.fibonacco.smb.task.TaskDtos.TaskResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Follow-up tasks on one SMB. */
@RestController
@RequestMapping("/api/v1/smbs/{smbId}/tasks")
@Tag(name = "Tasks", description = "Follow-up tasks on SMBs (seed 002 §1.3)")
class SmbTaskController {

	private final SmbTaskService tasks;

	SmbTaskController(SmbTaskService tasks) {
		this.tasks = tasks;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('crm.contacts.view')")
	@Operation(summary = "The SMB's tasks",
			description = "Open tasks first, each group by due date (undated last). status filters by a "
					+ "comma-separated list of pending, in_progress, completed, cancelled.")
	ApiResponse<List<TaskResponse>> list(@PathVariable UUID smbId,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable Integer page,
			@RequestParam(name = "per_page", required = false) @Nullable Integer perPage) {
		return ApiResponse
			.page(tasks.tasksOfSmb(CurrentUser.get().tenantId(), smbId, status, PageQuery.of(page, perPage)));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("hasAuthority('crm.activities.manage')")
	@Operation(summary = "Create a task on the SMB",
			description = "title is required. due_date YYYY-MM-DD and due_time HH:mm are in the time zone of the "
					+ "SMB's community; priority low, medium (default), high or urgent; assigned_to an active user "
					+ "of the tenant (default: you); reminder_at an ISO date-time with offset.")
	ApiResponse<TaskResponse> create(@PathVariable UUID smbId, @Valid @RequestBody CreateTaskRequest request) {
		return ApiResponse.of(tasks.create(CurrentUser.get(), smbId, request));
	}

	@GetMapping("/{taskId}")
	@PreAuthorize("hasAuthority('crm.contacts.view')")
	@Operation(summary = "One task of the SMB", description = "404 for a task of another SMB or tenant.")
	ApiResponse<TaskResponse> get(@PathVariable UUID smbId, @PathVariable UUID taskId) {
		return ApiResponse.of(tasks.task(CurrentUser.get().tenantId(), smbId, taskId));
	}

	@PutMapping("/{taskId}")
	@PreAuthorize("hasAuthority('crm.activities.manage')")
	@Operation(summary = "Replace a task",
			description = "The task's whole new state: a field left out takes its default as on creation (priority "
					+ "medium, status pending, assigned to the task's creator, the rest empty). status completed "
					+ "sets completed_at; another status clears it.")
	ApiResponse<TaskResponse> replace(@PathVariable UUID smbId, @PathVariable UUID taskId,
			@Valid @RequestBody ReplaceTaskRequest request) {
		return ApiResponse.of(tasks.replace(CurrentUser.get(), smbId, taskId, request));
	}

	@PatchMapping("/{taskId}")
	@PreAuthorize("hasAuthority('crm.activities.manage')")
	@Operation(summary = "Change some of a task's fields",
			description = "Only the fields sent change; null clears an optional field (clearing due_date clears "
					+ "due_time too). status completed sets completed_at; another status clears it.")
	ApiResponse<TaskResponse> patch(@PathVariable UUID smbId, @PathVariable UUID taskId,
			@Valid @RequestBody TaskPatch patch) {
		return ApiResponse.of(tasks.patch(CurrentUser.get(), smbId, taskId, patch));
	}

	@DeleteMapping("/{taskId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@PreAuthorize("hasAuthority('crm.activities.manage')")
	@Operation(summary = "Delete a task")
	void delete(@PathVariable UUID smbId, @PathVariable UUID taskId) {
		tasks.delete(CurrentUser.get(), smbId, taskId);
	}

}

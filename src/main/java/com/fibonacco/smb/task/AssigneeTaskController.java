package com.fibonacco.smb.task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.security.CurrentUser;
import com.fibonacco.shared.web.ApiResponse;
import com.fibonacco.shared.web.PageQuery;
import com.fibonacco.smb.task.SmbTaskService.AssigneeTasks;
import com.fibonacco.smb.task.TaskDtos.TaskResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A person's task list across the tenant's SMBs: the staff's task dashboard. */
@RestController
@RequestMapping("/api/v1/tasks")
@Tag(name = "Tasks")
class AssigneeTaskController {

	private final SmbTaskService tasks;

	AssigneeTaskController(SmbTaskService tasks) {
		this.tasks = tasks;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('crm.contacts.view')")
	@Operation(summary = "A person's tasks",
			description = "assignee is me (default) or a user id of the tenant; status a comma-separated list "
					+ "(default pending,in_progress); due_before YYYY-MM-DD keeps tasks due strictly before that "
					+ "day; overdue=true keeps only overdue tasks, overdue=false only the others. Sorted by due date, "
					+ "undated last. meta.overdue_count counts the overdue tasks among all pages.")
	ApiResponse<List<TaskResponse>> list(@RequestParam(required = false) @Nullable String assignee,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(name = "due_before", required = false) @Nullable String dueBefore,
			@RequestParam(required = false) @Nullable String overdue,
			@RequestParam(required = false) @Nullable Integer page,
			@RequestParam(name = "per_page", required = false) @Nullable Integer perPage) {
		AssigneeTasks result = tasks.tasksOfAssignee(CurrentUser.get(), assignee, status, dueBefore, overdue,
				PageQuery.of(page, perPage));
		ApiResponse<List<TaskResponse>> response = ApiResponse.page(result.page());
		Map<String, Object> meta = new LinkedHashMap<>(response.meta());
		meta.put("overdue_count", result.overdueCount());
		return new ApiResponse<>(response.data(), meta);
	}

}

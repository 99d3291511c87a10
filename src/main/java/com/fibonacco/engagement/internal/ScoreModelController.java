package com.fibonacco.engagement.internal;

import java.util.List;
import java.util.UUID;

import com.fibonacco.engagement.internal.ModelDtos.ModelBody;
import com.fibonacco.engagement.internal.ModelDtos.ModelResponse;
import com.fibonacco.engagement.internal.ModelDtos.RescoreResponse;
import com.fibonacco.engagement.internal.ModelDtos.Saved;
import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.security.CurrentUser;
import com.fibonacco.shared.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's score models ({@code engagement}, {@code lead}): read by anyone who sees
 * contacts, edited by managers and admins; an edit rescores every SMB in the background.
 */
@RestController
@RequestMapping("/api/v1/score-models")
@Tag(name = "Score models", description = "The rules, caps and bands of the engagement and lead scores")
class ScoreModelController {

	private final ScoreModelService service;

	ScoreModelController(ScoreModelService service) {
		this.service = service;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('crm.contacts.view')")
	@Operation(summary = "The tenant's score models",
			description = "engagement and lead, the default where the " + "tenant has not edited one (is_default).")
	ApiResponse<List<ModelResponse>> list() {
		TenantId tenant = CurrentUser.get().tenantId();
		return ApiResponse
			.of(List.of(service.model(tenant, ScoreModel.ENGAGEMENT), service.model(tenant, ScoreModel.LEAD)));
	}

	@GetMapping("/{key}")
	@PreAuthorize("hasAuthority('crm.contacts.view')")
	@Operation(summary = "One score model", description = "key is engagement or lead; 404 otherwise.")
	ApiResponse<ModelResponse> get(@PathVariable String key) {
		return ApiResponse.of(service.model(CurrentUser.get().tenantId(), key));
	}

	@PutMapping("/{key}")
	@PreAuthorize("hasAuthority('crm.scoring.manage')")
	@Operation(summary = "Replace a score model and rescore every SMB",
			description = "The body is the model: name, min_score, max_score, bands [{key, name, min_score}], "
					+ "categories [{key, name, cap}], rules [{key, name, signal_type, conditions, points, window_days, "
					+ "decay_points_per_week, category, max_occurrences} or {key, name, inactive_days, points}]. The "
					+ "engagement model keeps 0–100 and exactly four bands (the tiers). 422 names each invalid field. "
					+ "The answer carries the rescoring run; follow it at /api/v1/score-models/rescores/{id}.")
	ApiResponse<Saved> put(@PathVariable String key, @RequestBody ModelBody body) {
		CurrentUser user = CurrentUser.get();
		return ApiResponse.of(service.save(user.tenantId(), key, body, user.userId()));
	}

	@DeleteMapping("/{key}")
	@PreAuthorize("hasAuthority('crm.scoring.manage')")
	@Operation(summary = "Go back to the default model and rescore every SMB")
	ApiResponse<Saved> reset(@PathVariable String key) {
		CurrentUser user = CurrentUser.get();
		return ApiResponse.of(service.reset(user.tenantId(), key, user.userId()));
	}

	@GetMapping("/rescores/{id}")
	@PreAuthorize("hasAuthority('crm.contacts.view')")
	@Operation(summary = "How far a rescoring got", description = "status queued, running, completed or failed; "
			+ "done of total SMBs; changed counts scores and tiers that moved.")
	ApiResponse<RescoreResponse> rescore(@PathVariable UUID id) {
		return ApiResponse.of(service.rescore(CurrentUser.get().tenantId(), id));
	}

}

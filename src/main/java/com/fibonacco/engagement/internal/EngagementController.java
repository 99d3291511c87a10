package com.fibonacco.engagement.internal;

import java.util.UUID;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import com.fibonacco.engagement.internal.EngagementDtos.EngagementResponse;
import com.fibonacco.engagement.internal.EngagementDtos.PinRequest;
import com.fibonacco.engagement.internal.EngagementDtos.PinResponse;
import com.fibonacco.engagement.internal.EngagementDtos.ScoreHistory;
import com.fibonacco.shared.security.CurrentUser;
import com.fibonacco.shared.web.ApiResponse;
import com.fibonacco.smb.SmbId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** An SMB's engagement: why it has its score and tier, its history, and a pinned tier. */
@RestController
@RequestMapping("/api/v1/smbs/{id}/engagement")
@Tag(name = "Engagement", description = "Engagement and lead scores, tiers, their explanation and history")
class EngagementController {

	private final EngagementReads reads;

	private final TierOverrides overrides;

	private final ScoreModels models;

	EngagementController(EngagementReads reads, TierOverrides overrides, ScoreModels models) {
		this.reads = reads;
		this.overrides = overrides;
		this.models = models;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('crm.contacts.view')")
	@Operation(summary = "Why the SMB has its score and tier",
			description = "The stored score and tier, the engagement and lead scores computed now with each rule's "
					+ "and category's contribution, the tier's policy, a pin if any, last activity, the 20 latest "
					+ "signals and tier changes. 404 for an unknown or another tenant's SMB.")
	ApiResponse<EngagementResponse> get(@PathVariable UUID id) {
		return ApiResponse.of(reads.engagement(CurrentUser.get().tenantId(), new SmbId(id)));
	}

	@GetMapping("/score-history")
	@PreAuthorize("hasAuthority('crm.contacts.view')")
	@Operation(summary = "The SMB's score day by day",
			description = "from and to are dates (default: the 30 days up to today, at most 366 days); model= "
					+ "engagement (default) or lead. Each day carries the score at its end; changes lists what "
					+ "moved the lead score, naming the rule that fired.")
	ApiResponse<ScoreHistory> history(@PathVariable UUID id, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String model) {
		return ApiResponse.of(reads.history(CurrentUser.get().tenantId(), new SmbId(id), model, from, to));
	}

	@GetMapping("/override")
	@PreAuthorize("hasAuthority('crm.contacts.view')")
	@Operation(summary = "The SMB's tier pin", description = "404 when the SMB has no pin.")
	ApiResponse<PinResponse> override(@PathVariable UUID id) {
		var tenant = CurrentUser.get().tenantId();
		var pin = overrides.find(tenant, new SmbId(id))
			.orElseThrow(() -> com.fibonacco.shared.web.ApiException.notFound("tier override of smb", id));
		return ApiResponse.of(PinResponse.of(pin, tierName(tenant, pin.tier())));
	}

	@PutMapping("/override")
	@PreAuthorize("hasAuthority('crm.scoring.manage')")
	@Operation(summary = "Pin the SMB's tier",
			description = "tier 1–4 and a reason are required; expires_at (optional, in the future) lifts the pin "
					+ "by itself. The SMB moves to the tier at once and stays there whatever its score. Managers and "
					+ "admins only.")
	ApiResponse<PinResponse> pin(@PathVariable UUID id, @Valid @RequestBody PinRequest request) {
		CurrentUser user = CurrentUser.get();
		var pin = overrides.pin(user.tenantId(), new SmbId(id), request.tier(), request.reason(), request.expiresAt(),
				user.userId());
		return ApiResponse.of(PinResponse.of(pin, tierName(user.tenantId(), pin.tier())));
	}

	@DeleteMapping("/override")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@PreAuthorize("hasAuthority('crm.scoring.manage')")
	@Operation(summary = "Lift the SMB's tier pin",
			description = "Its score decides its tier again. 404 when it has no pin.")
	void lift(@PathVariable UUID id) {
		CurrentUser user = CurrentUser.get();
		overrides.lift(user.tenantId(), new SmbId(id), user.userId());
	}

	private String tierName(com.fibonacco.shared.TenantId tenant, int tier) {
		return models.engagement(tenant).bands().get(tier - 1).name();
	}

}

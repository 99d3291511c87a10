package com.fibonacco.community.internal;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import com.fibonacco.community.internal.CommunityDtos.CommunityResponse;
import com.fibonacco.community.internal.CommunityDtos.CreateCommunityRequest;
import com.fibonacco.community.internal.CommunityDtos.UpdateCommunityRequest;
import com.fibonacco.shared.security.CurrentUser;
import com.fibonacco.shared.web.ApiResponse;
import com.fibonacco.shared.web.PageQuery;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The tenant's communities: every role reads them, admins and managers change them. */
@RestController
@RequestMapping("/api/v1/communities")
@Tag(name = "Communities", description = "The towns and markets SMBs belong to, with their time zones")
class CommunityController {

	private final CommunityService communities;

	CommunityController(CommunityService communities) {
		this.communities = communities;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('crm.contacts.view')")
	@Operation(summary = "List the tenant's communities",
			description = "Sorted by name unless sort says otherwise. 422 for an unknown sort or state.")
	ApiResponse<List<CommunityResponse>> list(
			@Parameter(description = "Only communities in this state (e.g. NC; any case)") @RequestParam(
					required = false) @Nullable String state,
			@Parameter(description = "Part of the name, any case") @RequestParam(
					required = false) @Nullable String search,
			@Parameter(description = "name (default), -name, state, created_at or -created_at") @RequestParam(
					required = false) @Nullable String sort,
			@RequestParam(required = false) @Nullable Integer page,
			@RequestParam(name = "per_page", required = false) @Nullable Integer perPage) {
		PageQuery query = PageQuery.of(page, perPage);
		return ApiResponse.page(
				communities.list(CurrentUser.get().tenantId(), state, search, sort, query).map(CommunityResponse::of));
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('crm.contacts.view')")
	@Operation(summary = "One community", description = "404 for an unknown id or another tenant's community.")
	ApiResponse<CommunityResponse> get(@PathVariable UUID id) {
		return ApiResponse.of(CommunityResponse.of(communities.get(CurrentUser.get().tenantId(), id)));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("hasAuthority('crm.communities.manage')")
	@Operation(summary = "Create a community",
			description = "The slug is generated from the name when left out (hendersonville, hendersonville-2, …). "
					+ "409 slug_taken when a given slug is already used in the tenant.")
	ApiResponse<CommunityResponse> create(@Valid @RequestBody CreateCommunityRequest request) {
		return ApiResponse.of(CommunityResponse.of(communities.create(CurrentUser.get().tenantId(), request)));
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasAuthority('crm.communities.manage')")
	@Operation(summary = "Change a community",
			description = "Only the fields sent change; county, population and settings are cleared with null, "
					+ "settings is replaced as a whole. 409 slug_taken when the new slug is already used.")
	ApiResponse<CommunityResponse> update(@PathVariable UUID id, @Valid @RequestBody UpdateCommunityRequest request) {
		return ApiResponse.of(CommunityResponse.of(communities.update(CurrentUser.get().tenantId(), id, request)));
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@PreAuthorize("hasAuthority('crm.communities.manage')")
	@Operation(summary = "Delete a community",
			description = "409 community_has_smbs while SMBs (deleted ones awaiting purge included) belong to it.")
	void delete(@PathVariable UUID id) {
		communities.delete(CurrentUser.get().tenantId(), id);
	}

}

package com.fibonacco.campaign.internal;

import java.util.List;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import com.fibonacco.campaign.internal.CatalogDtos.CampaignRequest;
import com.fibonacco.campaign.internal.CatalogDtos.CampaignResponse;
import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.security.CurrentUser;
import com.fibonacco.shared.web.ApiException;
import com.fibonacco.shared.web.ApiResponse;
import com.fibonacco.shared.web.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's editable campaign catalog: everyone reads it, admins and managers edit it.
 */
@RestController
@RequestMapping("/api/v1/campaigns")
@Tag(name = "Campaigns", description = "The Manifest Destiny campaign catalog (one email per program day)")
class CatalogController {

	private final JdbcCampaignCatalog catalog;

	private final CatalogService service;

	CatalogController(JdbcCampaignCatalog catalog, CatalogService service) {
		this.catalog = catalog;
		this.service = service;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('crm.contacts.view')")
	@Operation(summary = "The catalog in program-day order", description = "Filters: type (HOOK, EDU…), is_active.")
	ApiResponse<List<CampaignResponse>> list(@RequestParam(required = false) @Nullable String type,
			@RequestParam(name = "is_active", required = false) @Nullable Boolean active,
			@RequestParam(required = false) @Nullable Integer page,
			@RequestParam(name = "per_page", required = false) @Nullable Integer perPage) {
		if (type != null && !CatalogService.TYPES.contains(type)) {
			throw ApiException.invalid("type", "must be one of " + new java.util.TreeSet<>(CatalogService.TYPES));
		}
		return ApiResponse
			.page(catalog.list(tenant(), type, active, PageQuery.of(page, perPage)).map(CampaignResponse::of));
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('crm.contacts.view')")
	@Operation(summary = "One campaign of the catalog", description = "404 for an unknown id.")
	ApiResponse<CampaignResponse> get(@PathVariable String id) {
		return ApiResponse.of(CampaignResponse
			.of(catalog.find(tenant(), id).orElseThrow(() -> ApiException.notFound("campaign", id))));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("hasAuthority('crm.campaigns.manage')")
	@Operation(summary = "Add a campaign to the catalog",
			description = "409 campaign_exists, slug_taken, or day_taken (another active campaign on that day).")
	ApiResponse<CampaignResponse> create(@Valid @RequestBody CampaignRequest request) {
		return ApiResponse.of(CampaignResponse.of(service.create(tenant(), request)));
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasAuthority('crm.campaigns.manage')")
	@Operation(summary = "Replace a campaign",
			description = "Every field is replaced; sends already queued keep their subject. 409 slug_taken or day_taken.")
	ApiResponse<CampaignResponse> replace(@PathVariable String id, @Valid @RequestBody CampaignRequest request) {
		return ApiResponse.of(CampaignResponse.of(service.replace(tenant(), id, request)));
	}

	private static TenantId tenant() {
		return CurrentUser.get().tenantId();
	}

}

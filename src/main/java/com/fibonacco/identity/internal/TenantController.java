package com.fibonacco.identity.internal;

import java.util.List;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import com.fibonacco.identity.internal.IdentityDtos.CreateTenantRequest;
import com.fibonacco.identity.internal.IdentityDtos.CreatedTenant;
import com.fibonacco.identity.internal.IdentityDtos.TenantResponse;
import com.fibonacco.identity.internal.IdentityDtos.UserResponse;
import com.fibonacco.identity.internal.IdentityService.TenantWithAdmin;
import com.fibonacco.shared.web.ApiResponse;
import com.fibonacco.shared.web.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The platform admin creates tenants, each with its first admin. */
@RestController
@RequestMapping("/api/v1/tenants")
@PreAuthorize("hasAuthority('platform.tenants.manage')")
@Tag(name = "Tenants", description = "Tenants of the platform (platform admin only)")
class TenantController {

	private final IdentityService identity;

	TenantController(IdentityService identity) {
		this.identity = identity;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a tenant and its first admin",
			description = "409 email_taken when the admin email already has an account.")
	ApiResponse<CreatedTenant> create(@Valid @RequestBody CreateTenantRequest request) {
		TenantWithAdmin created = identity.createTenant(request);
		return ApiResponse.of(new CreatedTenant(response(created.tenant()), UserResponse.of(created.admin())));
	}

	@GetMapping
	@Operation(summary = "List tenants")
	ApiResponse<List<TenantResponse>> list(@RequestParam(required = false) @Nullable Integer page,
			@RequestParam(name = "per_page", required = false) @Nullable Integer perPage) {
		return ApiResponse.page(identity.tenants(PageQuery.of(page, perPage)).map(TenantController::response));
	}

	private static TenantResponse response(Tenants.TenantRow tenant) {
		return new TenantResponse(tenant.id().value(), tenant.name(), tenant.slug(), tenant.createdAt());
	}

}

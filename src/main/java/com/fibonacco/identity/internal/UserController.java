package com.fibonacco.identity.internal;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import com.fibonacco.identity.internal.IdentityDtos.CreateUserRequest;
import com.fibonacco.identity.internal.IdentityDtos.UpdateUserRequest;
import com.fibonacco.identity.internal.IdentityDtos.UserResponse;
import com.fibonacco.shared.security.CurrentUser;
import com.fibonacco.shared.web.ApiResponse;
import com.fibonacco.shared.web.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

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

/** An admin manages the users of their own tenant. */
@RestController
@RequestMapping("/api/v1/users")
@PreAuthorize("hasAuthority('crm.users.manage')")
@Tag(name = "Users", description = "The tenant's users and their roles (admins only)")
class UserController {

	private final IdentityService identity;

	UserController(IdentityService identity) {
		this.identity = identity;
	}

	@GetMapping
	@Operation(summary = "List the tenant's users")
	ApiResponse<List<UserResponse>> list(@RequestParam(required = false) @Nullable Integer page,
			@RequestParam(name = "per_page", required = false) @Nullable Integer perPage) {
		return ApiResponse
			.page(identity.users(CurrentUser.get().tenantId(), PageQuery.of(page, perPage)).map(UserResponse::of));
	}

	@GetMapping("/{id}")
	@Operation(summary = "One user of the tenant", description = "404 for an unknown id or another tenant's user.")
	ApiResponse<UserResponse> get(@PathVariable UUID id) {
		return ApiResponse.of(UserResponse.of(identity.user(CurrentUser.get().tenantId(), id)));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a user with a role",
			description = "409 email_taken when the email already has an account.")
	ApiResponse<UserResponse> create(@Valid @RequestBody CreateUserRequest request) {
		return ApiResponse.of(UserResponse.of(identity.createUser(CurrentUser.get().tenantId(), request)));
	}

	@PutMapping("/{id}")
	@Operation(summary = "Change a user's name, role, password or active flag",
			description = "Only the fields sent change. 409 last_admin when it would leave the tenant without an "
					+ "active admin.")
	ApiResponse<UserResponse> update(@PathVariable UUID id, @Valid @RequestBody UpdateUserRequest request) {
		return ApiResponse.of(UserResponse.of(identity.updateUser(CurrentUser.get().tenantId(), id, request)));
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Deactivate a user",
			description = "The user can no longer sign in and their tokens stop working; history keeps their name. "
					+ "409 last_admin for the last active admin.")
	ApiResponse<UserResponse> deactivate(@PathVariable UUID id) {
		return ApiResponse.of(UserResponse.of(identity.deactivateUser(CurrentUser.get().tenantId(), id)));
	}

}

package com.fibonacco.identity.internal;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Request and response bodies of the identity endpoints (snake_case on the wire). */
final class IdentityDtos {

	private IdentityDtos() {
	}

	record LoginRequest(@NotBlank String email, @NotBlank String password) {
	}

	record CreateTokenRequest(@NotBlank String email, @NotBlank String password,
			@Nullable @Size(max = 100) String name) {
	}

	/** The one response that carries the secret; it is never shown again. */
	record CreatedToken(UUID id, String name, String token, String tokenPrefix, Instant createdAt) {
	}

	record TokenResponse(UUID id, String name, String tokenPrefix, Instant createdAt, @Nullable Instant lastUsedAt,
			@Nullable Instant expiresAt) {
	}

	record CreateUserRequest(@NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 200) String name,
			@NotBlank String role, @NotBlank String password) {
	}

	/** Changes only the fields present. */
	record UpdateUserRequest(@Nullable @Size(min = 1, max = 200) String name, @Nullable String role,
			@Nullable Boolean active, @Nullable String password) {
	}

	record UserResponse(UUID id, UUID tenantId, String email, String name, String role, boolean platformAdmin,
			boolean active, @Nullable Instant lastLoginAt, Instant createdAt, Instant updatedAt) {

		static UserResponse of(UserRow user) {
			return new UserResponse(user.id(), user.tenantId().value(), user.email(), user.name(),
					user.role().apiName(), user.platformAdmin(), user.active(), user.lastLoginAt(), user.createdAt(),
					user.updatedAt());
		}

	}

	record CreateTenantRequest(@NotBlank @Size(max = 200) String name,
			@NotBlank @Email @Size(max = 254) String adminEmail, @NotBlank @Size(max = 200) String adminName,
			@NotBlank String adminPassword) {
	}

	record TenantResponse(UUID id, String name, String slug, Instant createdAt) {
	}

	record CreatedTenant(TenantResponse tenant, UserResponse admin) {
	}

	record CsrfResponse(String headerName, String parameterName, String token) {
	}

}

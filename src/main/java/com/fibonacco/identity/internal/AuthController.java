package com.fibonacco.identity.internal;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;

import com.fibonacco.identity.internal.IdentityDtos.CreateTokenRequest;
import com.fibonacco.identity.internal.IdentityDtos.CreatedToken;
import com.fibonacco.identity.internal.IdentityDtos.CsrfResponse;
import com.fibonacco.identity.internal.IdentityDtos.LoginRequest;
import com.fibonacco.identity.internal.IdentityDtos.TokenResponse;
import com.fibonacco.identity.internal.IdentityDtos.UserResponse;
import com.fibonacco.shared.Ids;
import com.fibonacco.shared.Secrets;
import com.fibonacco.shared.security.CurrentUser;
import com.fibonacco.shared.security.Permissions;
import com.fibonacco.shared.web.ApiException;
import com.fibonacco.shared.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Console sign-in and personal API tokens. */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Authentication", description = "Console sessions and personal API tokens")
class AuthController {

	private final Credentials credentials;

	private final ApiTokens tokens;

	private final Clock clock;

	AuthController(Credentials credentials, ApiTokens tokens, Clock clock) {
		this.credentials = credentials;
		this.tokens = tokens;
		this.clock = clock;
	}

	@PostMapping("/login")
	@Operation(summary = "Sign in for a console session",
			description = "Sets the session cookie. Later writes with the session need the CSRF token "
					+ "(GET /api/v1/auth/csrf). 401 on a wrong email or password, 429 after repeated failures.")
	ApiResponse<UserResponse> login(@Valid @RequestBody LoginRequest login, HttpServletRequest request) {
		UserRow user = credentials.authenticate(login.email(), login.password());
		HttpSession previous = request.getSession(false);
		if (previous != null) {
			previous.invalidate(); // a fresh session id on every sign-in: no session
									// fixation
		}
		request.getSession(true).setAttribute(RequestAuthenticationFilter.SESSION_USER_ID, user.id());
		return ApiResponse.of(UserResponse.of(user));
	}

	@PostMapping("/logout")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "End the console session")
	void logout(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
	}

	@GetMapping("/me")
	@Operation(summary = "The signed-in user, with role and permissions")
	ApiResponse<Me> me() {
		CurrentUser user = CurrentUser.get();
		return ApiResponse.of(new Me(user.userId(), user.tenantId().value(), user.email(), user.name(),
				user.role().apiName(), user.platformAdmin(), user.permissions().stream().sorted().toList()));
	}

	@GetMapping("/csrf")
	@Operation(summary = "The CSRF token the console sends on writes", description = "Also sets the XSRF-TOKEN cookie.")
	ApiResponse<CsrfResponse> csrf(CsrfToken token) {
		return ApiResponse.of(new CsrfResponse(token.getHeaderName(), token.getParameterName(), token.getToken()));
	}

	@PostMapping("/tokens")
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	@Operation(summary = "Create a personal API token",
			description = "Authenticates with email and password; the token is in data.token and is shown only "
					+ "this once. Send it as 'Authorization: Bearer …'.")
	ApiResponse<CreatedToken> createToken(@Valid @RequestBody CreateTokenRequest request) {
		UserRow user = credentials.authenticate(request.email(), request.password());
		String secret = RequestAuthenticationFilter.TOKEN_PREFIX + Secrets.random(32);
		String prefix = secret.substring(0, 12);
		String name = request.name() == null || request.name().isBlank() ? "API token" : request.name().strip();
		UUID id = Ids.newId(clock);
		var now = clock.instant();
		tokens.insert(user.tenantId(), id, user.id(), name, prefix, Secrets.sha256(secret), now);
		return ApiResponse.of(new CreatedToken(id, name, secret, prefix, now));
	}

	@GetMapping("/tokens")
	@Operation(summary = "The signed-in user's live API tokens (never the secrets)")
	ApiResponse<List<TokenResponse>> listTokens() {
		CurrentUser user = CurrentUser.get();
		return ApiResponse.of(tokens.listForUser(user.tenantId(), user.userId())
			.stream()
			.map(token -> new TokenResponse(token.id(), token.name(), token.tokenPrefix(), token.createdAt(),
					token.lastUsedAt(), token.expiresAt()))
			.toList());
	}

	@DeleteMapping("/tokens/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Revoke an API token",
			description = "Your own; admins may revoke any token of their tenant. 404 for an unknown token.")
	void revokeToken(@PathVariable UUID id) {
		CurrentUser user = CurrentUser.get();
		boolean admin = user.permissions().contains(Permissions.USERS_MANAGE);
		if (!tokens.revoke(user.tenantId(), id, admin ? null : user.userId(), clock.instant())) {
			throw ApiException.notFound("API token", id);
		}
	}

	record Me(UUID id, UUID tenantId, String email, String name, String role, boolean platformAdmin,
			List<String> permissions) {
	}

}

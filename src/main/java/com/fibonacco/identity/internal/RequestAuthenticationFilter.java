package com.fibonacco.identity.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import com.fibonacco.identity.internal.ApiTokens.TokenMatch;
import com.fibonacco.shared.Secrets;
import com.fibonacco.shared.security.CurrentUser;
import com.fibonacco.shared.web.ProblemWriter;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by its bearer token or its console session, loading the user
 * fresh each time so that a deactivation or role change applies to the very next request.
 * The tenant comes from the user row, never from anything the client sends.
 */
class RequestAuthenticationFilter extends OncePerRequestFilter {

	static final String SESSION_USER_ID = "fibonacco.user_id";

	static final String TOKEN_PREFIX = "fib_";

	private final ApiTokens tokens;

	private final Users users;

	private final Clock clock;

	RequestAuthenticationFilter(ApiTokens tokens, Users users, Clock clock) {
		this.tokens = tokens;
		this.users = users;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		Optional<UserRow> user;
		if (authorization != null) {
			user = bearerUser(authorization);
			if (user.isEmpty()) {
				ProblemWriter.write(request, response, HttpStatus.UNAUTHORIZED, "invalid_token",
						"The bearer token is unknown, revoked or expired");
				return;
			}
		}
		else {
			user = sessionUser(request);
		}
		user.ifPresent(RequestAuthenticationFilter::signIn);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private Optional<UserRow> bearerUser(String authorization) {
		if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return Optional.empty();
		}
		String secret = authorization.substring(7).strip();
		if (!secret.startsWith(TOKEN_PREFIX) || secret.length() > 200) {
			return Optional.empty();
		}
		byte[] hash = Secrets.sha256(secret);
		Optional<TokenMatch> match = tokens.findLive(hash, clock.instant())
			.filter(token -> Secrets.constantTimeEquals(token.hash(), hash));
		return match.flatMap(token -> {
			tokens.touch(token.tenantId(), token.id(), clock.instant());
			return users.findActiveById(token.userId()).filter(row -> row.tenantId().equals(token.tenantId()));
		});
	}

	private Optional<UserRow> sessionUser(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(SESSION_USER_ID) instanceof UUID userId)) {
			return Optional.empty();
		}
		Optional<UserRow> user = users.findActiveById(userId);
		if (user.isEmpty()) {
			session.invalidate();
		}
		return user;
	}

	private static void signIn(UserRow row) {
		CurrentUser user = row.toCurrentUser();
		var authorities = user.permissions().stream().map(SimpleGrantedAuthority::new).toList();
		var authentication = UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
	}

}

package com.fibonacco.identity.internal;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;

import com.fibonacco.shared.security.Permissions;
import com.fibonacco.shared.web.ProblemWriter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;

/**
 * Who may call what. API clients send a bearer token; the console signs in for a session
 * (stored in PostgreSQL, so any server process serves it) and sends the CSRF token on
 * every write. Roles are checked per endpoint with {@code @PreAuthorize}.
 */
@Configuration
@EnableMethodSecurity
class SecurityConfiguration {

	@Bean
	PasswordEncoder passwordEncoder() {
		return new BCryptPasswordEncoder(12);
	}

	/** Users sign in only through this module; no in-memory fallback user. */
	@Bean
	UserDetailsService noUserDetails() {
		return username -> {
			throw new UsernameNotFoundException("sign in through /api/v1/auth");
		};
	}

	/**
	 * The public tracking links of campaign email ({@code /t/**}): open pixels, click
	 * redirects, unsubscribe. Their signed token is their only authority, so they need no
	 * sign-in, session, security context, CSRF or authorization filters; a chain of their
	 * own keeps only the security headers. Every open and click of every campaign email
	 * passes here.
	 */
	@Bean
	@Order(1)
	SecurityFilterChain trackingFilterChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/t/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(sessions -> sessions.disable())
			.securityContext(context -> context.disable())
			.anonymous(anonymous -> anonymous.disable())
			.requestCache(cache -> cache.disable())
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.logout(logout -> logout.disable())
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
					"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")));
		return http.build();
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ApiTokens tokens, Users users, Clock clock)
			throws Exception {
		http.authorizeHttpRequests(
				requests -> requests.requestMatchers(HttpMethod.POST, "/api/v1/auth/login", "/api/v1/auth/tokens")
					.permitAll()
					.requestMatchers(HttpMethod.GET, "/api/v1/auth/csrf")
					.permitAll()
					// campaign email tracking: public, each link carries its own signed
					// token
					.requestMatchers(HttpMethod.GET, "/t/o/*", "/t/c/*", "/t/u/*")
					.permitAll()
					.requestMatchers(HttpMethod.POST, "/t/u/*")
					.permitAll()
					.requestMatchers("/api/**")
					.authenticated()
					.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
					.permitAll()
					.requestMatchers("/actuator/**")
					.hasAuthority(Permissions.SETTINGS_MANAGE)
					.anyRequest()
					.permitAll())
			// sessions are created only by the login endpoint (which renews the id), and
			// the security
			// context is rebuilt per request; Spring's session management would rotate
			// ids on every request
			.sessionManagement(sessions -> sessions.disable())
			.securityContext(
					context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			// the console reads the XSRF-TOKEN cookie (or GET /api/v1/auth/csrf) and
			// echoes it in X-XSRF-TOKEN
			.csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
				.csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
				.requireCsrfProtectionMatcher(SecurityConfiguration::needsCsrfCheck))
			.addFilterBefore(new RequestAuthenticationFilter(tokens, users, clock), AnonymousAuthenticationFilter.class)
			.exceptionHandling(exceptions -> exceptions
				.authenticationEntryPoint((request, response, ex) -> ProblemWriter.write(request, response,
						HttpStatus.UNAUTHORIZED, "authentication_required",
						"Sign in, or send an API token as 'Authorization: Bearer …'"))
				.accessDeniedHandler((request, response, ex) -> {
					if (ex instanceof CsrfException) {
						ProblemWriter.write(request, response, HttpStatus.FORBIDDEN, "csrf_failed",
								"Send the CSRF token from the XSRF-TOKEN cookie in the X-XSRF-TOKEN header");
					}
					else {
						ProblemWriter.write(request, response, HttpStatus.FORBIDDEN, "forbidden",
								"Your role may not do this");
					}
				}))
			// a refused request must not open a session to remember itself: only login
			// creates sessions
			.requestCache(cache -> cache.disable())
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.logout(logout -> logout.disable())
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
					"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")));
		return http.build();
	}

	/**
	 * Cookies ride along on cross-site requests, bearer tokens don't: only writes made
	 * with a console session need the CSRF token.
	 */
	static boolean needsCsrfCheck(HttpServletRequest request) {
		String method = request.getMethod();
		boolean safe = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)
				|| "TRACE".equals(method);
		// a tracking link's signed token is its own authority: a mail client's one-click
		// POST
		// carries no CSRF token, and a console session in the same browser must not break
		// it
		boolean tracking = request.getRequestURI().startsWith(request.getContextPath() + "/t/");
		return !safe && !tracking && request.getHeader("Authorization") == null && request.getSession(false) != null;
	}

}

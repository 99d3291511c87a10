package com.fibonacco.campaign.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;

/**
 * The open pixel ({@code GET /t/o/{token}}) and click redirects ({@code GET /t/c/{token}}),
 * answered ahead of every other servlet filter. They are the hottest requests the server
 * gets — every image load and link of every email — and need none of what the filter
 * chain does for the API: no sign-in, session, CSRF or tenant (the signed token is the
 * authority), no MVC dispatch; through that chain a hit cost about 2 ms of CPU before
 * it did anything. Other methods answer 405; other paths go on down the chain.
 * The pixel is answered whatever happens to the bookkeeping; a click only redirects to a
 * destination stored for the send.
 */
class TrackingHitFilter implements Filter {

	private static final Logger log = LoggerFactory.getLogger(TrackingHitFilter.class);

	private static final byte[] PIXEL = Base64.getDecoder()
		.decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

	private final TrackingHits hits;

	TrackingHitFilter(TrackingHits hits) {
		this.hits = hits;
	}

	@Configuration(proxyBeanMethods = false)
	static class Registration {

		@Bean
		FilterRegistrationBean<TrackingHitFilter> trackingHitFilter(TrackingHits hits) {
			FilterRegistrationBean<TrackingHitFilter> registration = new FilterRegistrationBean<>(
					new TrackingHitFilter(hits));
			registration.setName("trackingHitFilter");
			registration.addUrlPatterns("/t/o/*", "/t/c/*");
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

	@Override
	public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) req;
		HttpServletResponse response = (HttpServletResponse) res;
		String method = request.getMethod();
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String token = path.length() > 5 ? path.substring(5) : "";
		if (token.isEmpty() || token.indexOf('/') >= 0) {
			chain.doFilter(req, res);
			return;
		}
		if (!("GET".equals(method) || "HEAD".equals(method))) {
			response.setHeader(HttpHeaders.ALLOW, "GET, HEAD");
			page(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Method not allowed",
					"<p>This link only answers GET.</p>");
			return;
		}
		// only link checkers send HEAD: it counts as a machine's (no user agent)
		String userAgent = "HEAD".equals(method) ? null : request.getHeader(HttpHeaders.USER_AGENT);
		if (path.startsWith("/t/o/")) {
			open(token, userAgent, request, response);
		}
		else {
			click(token, userAgent, request, response);
		}
	}

	private void open(String token, @Nullable String userAgent, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		try {
			hits.open(token, userAgent, request.getRemoteAddr());
		}
		catch (RuntimeException ex) {
			log.warn("Open not recorded", ex);
		}
		noStore(response);
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType("image/gif");
		response.setContentLength(PIXEL.length);
		if (!"HEAD".equals(request.getMethod())) {
			response.getOutputStream().write(PIXEL);
		}
	}

	private void click(String token, @Nullable String userAgent, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		Optional<String> destination;
		try {
			destination = hits.click(token, userAgent, request.getRemoteAddr());
		}
		catch (RuntimeException ex) {
			log.warn("Click not recorded", ex);
			response.setHeader(HttpHeaders.RETRY_AFTER, "5");
			page(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Try again",
					"<p>This link could not be followed just now. Please try again in a moment.</p>");
			return;
		}
		if (destination.isEmpty()) {
			page(response, HttpServletResponse.SC_NOT_FOUND, "Link not found", "<p>This link is not valid.</p>");
			return;
		}
		noStore(response);
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setStatus(HttpServletResponse.SC_FOUND);
		response.setHeader(HttpHeaders.LOCATION, destination.get());
		response.setContentLength(0);
	}

	private static void noStore(HttpServletResponse response) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader(HttpHeaders.PRAGMA, "no-cache");
		response.setHeader("X-Content-Type-Options", "nosniff");
	}

	private static void page(HttpServletResponse response, int status, String title, String body) throws IOException {
		byte[] html = TrackingController.html(title, body).getBytes(StandardCharsets.UTF_8);
		noStore(response);
		response.setStatus(status);
		response.setContentType("text/html;charset=UTF-8");
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader("X-Robots-Tag", "noindex");
		response.setContentLength(html.length);
		response.getOutputStream().write(html);
	}

}

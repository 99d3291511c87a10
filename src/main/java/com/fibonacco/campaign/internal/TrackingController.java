package com.fibonacco.campaign.internal;

import java.net.URI;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import com.fibonacco.campaign.internal.TrackingTokens.Kind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public tracking endpoints of campaign email, each carrying an opaque signed token:
 * the open pixel (always the image), click redirects (only to destinations we stored),
 * and unsubscribe: a GET shows a confirmation form and never unsubscribes; the POST (the
 * form, or a mail client's RFC 8058 one-click) unsubscribes, idempotently.
 */
@RestController
@RequestMapping("/t")
@Tag(name = "Tracking", description = "Public open/click/unsubscribe links of campaign email")
class TrackingController {

	private static final byte[] PIXEL = Base64.getDecoder()
		.decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

	private static final MediaType HTML = new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8);

	private final Tracking tracking;

	private final TrackingHits hits;

	TrackingController(Tracking tracking, TrackingHits hits) {
		this.tracking = tracking;
		this.hits = hits;
	}

	@GetMapping("/o/{token}")
	@Operation(summary = "Open pixel", description = "Always a 1×1 GIF; records the open when the token verifies.")
	ResponseEntity<byte[]> open(@PathVariable String token, HttpServletRequest request) {
		try {
			hits.open(token, userAgent(request), request.getRemoteAddr());
		}
		catch (RuntimeException ex) {
			// the image is answered whatever happened to the bookkeeping
			org.slf4j.LoggerFactory.getLogger(TrackingController.class).warn("Open not recorded", ex);
		}
		return ResponseEntity.ok()
			.contentType(MediaType.IMAGE_GIF)
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.PRAGMA, "no-cache")
			.body(PIXEL);
	}

	@GetMapping("/c/{token}")
	@Operation(summary = "Click redirect", description = "302 to the stored destination; 404 for a bad token.")
	ResponseEntity<String> click(@PathVariable String token, HttpServletRequest request) {
		return hits.click(token, userAgent(request), request.getRemoteAddr())
			.map(url -> ResponseEntity.status(HttpStatus.FOUND)
				.location(URI.create(url))
				.cacheControl(CacheControl.noStore())
				.header("Referrer-Policy", "no-referrer")
				.<String>body(null))
			.orElseGet(TrackingController::notFound);
	}

	@GetMapping("/u/{token}")
	@Operation(summary = "Unsubscribe page", description = "A confirmation form; a GET never unsubscribes.")
	ResponseEntity<String> unsubscribePage(@PathVariable String token) {
		return tracking.send(token, Kind.UNSUBSCRIBE)
			.map(send -> page("Unsubscribe", send.unsubscribedAt() != null
					? "<p>You're unsubscribed. You won't get these emails any more.</p>"
					: "<p>Stop campaign emails to <strong>" + Templates.escapeHtml(send.businessName())
							+ "</strong>?</p><form method=\"post\"><button type=\"submit\">Unsubscribe</button></form>",
					HttpStatus.OK))
			.orElseGet(TrackingController::notFound);
	}

	@PostMapping("/u/{token}")
	@Operation(summary = "Unsubscribe (one-click, RFC 8058)",
			description = "Turns email opt-in off and suppresses the address; doing it again changes nothing.")
	ResponseEntity<String> unsubscribe(@PathVariable String token, HttpServletRequest request) {
		return tracking.unsubscribe(token, request.getHeader(HttpHeaders.USER_AGENT), request.getRemoteAddr())
			.map(send -> page("Unsubscribed", "<p>You're unsubscribed. You won't get these emails any more.</p>",
					HttpStatus.OK))
			.orElseGet(TrackingController::notFound);
	}

	/**
	 * The user agent, except for a HEAD request: only link checkers send those, so it
	 * counts as a machine's (no user agent).
	 */
	private static @Nullable String userAgent(HttpServletRequest request) {
		return "HEAD".equals(request.getMethod()) ? null : request.getHeader(HttpHeaders.USER_AGENT);
	}

	private static ResponseEntity<String> notFound() {
		return page("Link not found", "<p>This link is not valid.</p>", HttpStatus.NOT_FOUND);
	}

	private static ResponseEntity<String> page(String title, String body, HttpStatus status) {
		return ResponseEntity.status(status)
			.contentType(HTML)
			.cacheControl(CacheControl.noStore())
			.header("Referrer-Policy", "no-referrer")
			.header("X-Robots-Tag", "noindex")
			.body("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
					+ "content=\"width=device-width\"><title>" + title + "</title></head><body style=\"font-family:"
					+ "Arial,sans-serif;max-width:480px;margin:48px auto;padding:0 16px\"><h1>" + title + "</h1>" + body
					+ "</body></html>");
	}

}

package com.fibonacco.campaign.internal;


import jakarta.servlet.http.HttpServletRequest;

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
 * The unsubscribe link of campaign email, carrying an opaque signed token: a GET shows a
 * confirmation form and never unsubscribes; the POST (the form, or a mail client's
 * RFC 8058 one-click) unsubscribes, idempotently. The open pixel and click redirects are
 * answered before the filter chain, by {@link TrackingHitFilter}.
 */
@RestController
@RequestMapping("/t")
@Tag(name = "Tracking", description = "The public unsubscribe link of campaign email (open pixel and click redirects: see the README)")
class TrackingController {

	private static final MediaType HTML = new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8);

	private final Tracking tracking;

	TrackingController(Tracking tracking) {
		this.tracking = tracking;
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

	private static ResponseEntity<String> notFound() {
		return page("Link not found", "<p>This link is not valid.</p>", HttpStatus.NOT_FOUND);
	}

	private static ResponseEntity<String> page(String title, String body, HttpStatus status) {
		return ResponseEntity.status(status)
			.contentType(HTML)
			.cacheControl(CacheControl.noStore())
			.header("Referrer-Policy", "no-referrer")
			.header("X-Robots-Tag", "noindex")
			.body(html(title, body));
	}

	/** A small page of the tracking links: a confirmation, a result, an error. */
	static String html(String title, String body) {
		return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
					+ "content=\"width=device-width\"><title>" + title + "</title></head><body style=\"font-family:"
					+ "Arial,sans-serif;max-width:480px;margin:48px auto;padding:0 16px\"><h1>" + title + "</h1>" + body
					+ "</body></html>";
	}

}

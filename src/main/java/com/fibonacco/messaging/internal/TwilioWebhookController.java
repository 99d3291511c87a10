package com.fibonacco.messaging.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fibonacco.messaging.TwilioProperties;
import com.fibonacco.shared.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's voice and messaging callbacks for a tenant's numbers. Not signed in: Twilio's
 * {@code X-Twilio-Signature} over the full URL (the tenant included) and the POST
 * parameters is the authority; a bad one answers 403 and records nothing. Answers an
 * empty TwiML response, so a voice webhook hangs up politely.
 */
@RestController
@RequestMapping("/webhooks/twilio")
@Tag(name = "Webhooks", description = "Provider callbacks, each verified by the provider's signature")
class TwilioWebhookController {

	private static final Logger log = LoggerFactory.getLogger(TwilioWebhookController.class);

	private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

	private final Callbacks callbacks;

	private final TwilioProperties properties;

	TwilioWebhookController(Callbacks callbacks, TwilioProperties properties) {
		this.callbacks = callbacks;
		this.properties = properties;
	}

	@PostMapping(consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	@Operation(summary = "A Twilio voice or messaging callback for a tenant's number",
			description = "Form-encoded as Twilio posts it, to /webhooks/twilio?tenant=<tenant id>. "
					+ "X-Twilio-Signature is checked with fibonacco.twilio.auth-token over the URL Twilio called "
					+ "(fibonacco.twilio.webhook-base-url + path and query) and the sorted POST parameters; 403 and "
					+ "nothing recorded otherwise. The caller is matched to the tenant's SMB by phone and to its "
					+ "latest voicemail; a CallSid or MessageSid seen before changes nothing.")
	ResponseEntity<String> receive(HttpServletRequest request) {
		String url = url(request);
		Map<String, List<String>> post = postParameters(request);
		try {
			Callbacks.Recorded recorded = callbacks.receive(request.getHeader("X-Twilio-Signature"), url, post,
					request.getParameter("tenant"));
			if (recorded.callback().isEmpty()) {
				log.debug("Twilio callback replayed; nothing changed");
			}
		}
		catch (WebhookSignatures.Refused ex) {
			log.warn("Twilio callback refused: {}", ex.getMessage());
			throw new ApiException(HttpStatus.FORBIDDEN, ex.code(), ex.getMessage());
		}
		catch (Callbacks.Malformed ex) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "malformed_request",
					"Not a Twilio callback: " + ex.getMessage());
		}
		catch (DataIntegrityViolationException ex) {
			// the only reference a signed request can get wrong is the tenant
			throw new ApiException(HttpStatus.NOT_FOUND, "tenant_not_found", "No such tenant");
		}
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(EMPTY_TWIML);
	}

	/** The URL Twilio called, as it signed it. */
	private String url(HttpServletRequest request) {
		String query = request.getQueryString();
		String base = properties.webhookBaseUrl();
		String path = base == null || base.isBlank() ? request.getRequestURL().toString()
				: base + request.getRequestURI();
		return query == null ? path : path + "?" + query;
	}

	/**
	 * The form's parameters: the servlet's parameters less those of the query string,
	 * which Twilio signs as part of the URL.
	 */
	static Map<String, List<String>> postParameters(HttpServletRequest request) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		request.getParameterMap().forEach((name, values) -> parameters.put(name, new ArrayList<>(List.of(values))));
		String query = request.getQueryString();
		if (query != null) {
			for (String pair : query.split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				int eq = pair.indexOf('=');
				String name = decode(eq < 0 ? pair : pair.substring(0, eq));
				String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
				List<String> values = parameters.get(name);
				if (values != null) {
					values.remove(value);
					if (values.isEmpty()) {
						parameters.remove(name);
					}
				}
			}
		}
		return parameters;
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text;
		}
	}

}

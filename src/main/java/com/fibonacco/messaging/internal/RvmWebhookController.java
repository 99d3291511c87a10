package com.fibonacco.messaging.internal;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fibonacco.shared.web.ApiException;
import com.fibonacco.shared.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The voicemail provider's delivery reports. Not signed in: the HMAC signature over the
 * signed time and the body is the authority; a bad or stale signature answers 403 and
 * records nothing.
 */
@RestController
@RequestMapping("/webhooks/rvm")
@Tag(name = "Webhooks", description = "Provider callbacks, each verified by the provider's signature")
class RvmWebhookController {

	private static final Logger log = LoggerFactory.getLogger(RvmWebhookController.class);

	private static final int MAX_BODY_CHARS = 64 * 1024;

	private final RvmReports reports;

	RvmWebhookController(RvmReports reports) {
		this.reports = reports;
	}

	record Received(String outcome) {
	}

	@PostMapping(consumes = MediaType.ALL_VALUE)
	@Operation(summary = "A ringless-voicemail delivery report",
			description = "Signed with 'X-Rvm-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"t.body\">' "
					+ "(fibonacco.rvm.webhook.secret); a signed time more than fibonacco.rvm.webhook.tolerance "
					+ "(5 minutes) from ours, or a signature that does not match, answers 403 and records nothing. "
					+ "Body: {foreign_id: '<tenant id>:<drop id>', status: delivered|failed, reason?, occurred_at?}. "
					+ "A report applied before changes nothing.")
	ApiResponse<Received> receive(@RequestHeader(name = "X-Rvm-Signature", required = false) @Nullable String signature,
			@RequestBody String body) {
		if (body.length() > MAX_BODY_CHARS) {
			throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "rvm_report_too_large",
					"A voicemail report is at most 64 KB");
		}
		try {
			return new ApiResponse<>(new Received(reports.receive(signature, body).apiName()), Map.of());
		}
		catch (WebhookSignatures.Refused ex) {
			log.warn("Voicemail report refused: {}", ex.getMessage());
			throw new ApiException(HttpStatus.FORBIDDEN, ex.code(), ex.getMessage());
		}
		catch (RvmReports.Malformed ex) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "malformed_request",
					"Not a voicemail report: " + ex.getMessage());
		}
	}

}

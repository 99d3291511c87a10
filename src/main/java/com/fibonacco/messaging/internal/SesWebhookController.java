package com.fibonacco.messaging.internal;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import com.fibonacco.shared.web.ApiException;
import com.fibonacco.shared.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Amazon SES events by Amazon SNS: subscription confirmations and notifications of
 * deliveries, bounces, complaints, opens and clicks. Not signed in: the SNS signature is
 * the authority, and nothing is recorded for a message whose signature, topic or
 * certificate does not check out (403).
 */
@RestController
@RequestMapping("/webhooks/ses")
@Tag(name = "Webhooks", description = "Provider callbacks, each verified by the provider's signature")
class SesWebhookController {

	private static final Logger log = LoggerFactory.getLogger(SesWebhookController.class);

	/** SNS messages are at most 256 KB; the envelope and escaping add a little. */
	private static final int MAX_BODY_CHARS = 512 * 1024;

	private final JsonMapper json;

	private final SesNotifications notifications;

	SesWebhookController(JsonMapper json, SesNotifications notifications) {
		this.json = json;
		this.notifications = notifications;
	}

	record Received(String outcome) {
	}

	// SNS posts its JSON as text/plain
	@PostMapping(consumes = MediaType.ALL_VALUE)
	@Operation(summary = "An Amazon SNS message about SES email",
			description = "The SNS signature (SignatureVersion 1 or 2) is verified with the certificate at "
					+ "SigningCertURL, which must be on an SNS host; only the configured topics "
					+ "(fibonacco.email.ses.webhook.topic-arns) are accepted. 403 and nothing recorded otherwise. "
					+ "A message processed before (same MessageId) changes nothing.")
	ApiResponse<Received> receive(@RequestBody String body) {
		if (body.length() > MAX_BODY_CHARS) {
			throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "sns_message_too_large",
					"An SNS message is at most 256 KB");
		}
		SnsMessage message;
		try {
			message = SnsMessage.parse(json, body);
		}
		catch (SnsMessage.Malformed ex) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "malformed_request",
					"Not an SNS message: " + ex.getMessage());
		}
		try {
			SesNotifications.Outcome outcome = notifications.receive(message);
			return new ApiResponse<>(new Received(outcome.apiName()), Map.of());
		}
		catch (SnsVerifier.Refused ex) {
			log.warn("SNS message {} of {} refused: {}", message.messageId(), message.topicArn(), ex.getMessage());
			throw new ApiException(HttpStatus.FORBIDDEN, ex.code(), ex.getMessage());
		}
		catch (SnsVerifier.CertificateUnavailable ex) {
			log.warn("SNS message {}: {}", message.messageId(), ex.getMessage(), ex.getCause());
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "sns_certificate_unavailable",
					"The signing certificate could not be fetched; try again later");
		}
		catch (SesNotifications.ConfirmationFailed ex) {
			log.warn(ex.getMessage());
			throw new ApiException(HttpStatus.BAD_GATEWAY, "sns_confirmation_failed", ex.getMessage());
		}
	}

}

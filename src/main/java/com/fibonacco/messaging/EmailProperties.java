package com.fibonacco.messaging;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.PatternSyntaxException;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code fibonacco.email.*}: who campaign emails come from (seed 004 §6) and how they
 * leave.
 *
 * @param transport {@code outbox} (the default: mail is captured in the database and
 * shown by {@code GET /api/v1/outbox}, nothing leaves the machine), {@code smtp} (Jakarta
 * Mail through Spring, configured with {@code spring.mail.*}) or {@code ses} (Amazon SES
 * v2, {@code fibonacco.email.ses.*})
 * @param ratePerSecond the most messages a server process hands to the transport per
 * second; 0 for no limit
 * @param ses Amazon SES: the transport and the {@code POST /webhooks/ses} notifications
 */
@Validated
@ConfigurationProperties("fibonacco.email")
public record EmailProperties(@DefaultValue("Sarah") @NotBlank String fromName,
		@DefaultValue("sarah@fibonacco.com") @NotBlank @Email String fromEmail,
		@DefaultValue("reply@fibonacco.com") @NotBlank @Email String replyTo,
		@DefaultValue("outbox") @Pattern(regexp = "outbox|smtp|ses",
				message = "must be outbox, smtp or ses") String transport,
		@DefaultValue("0") @Min(0) @Max(100000) double ratePerSecond, @DefaultValue @Valid Ses ses) {

	/**
	 * Amazon SES v2.
	 *
	 * @param region the AWS region SES sends from
	 * @param endpoint another endpoint than the region's (a VPC endpoint; tests)
	 * @param accessKeyId with {@code secret-access-key}: static credentials; left out, the
	 * AWS default chain (environment, profile, container or instance role)
	 * @param configurationSet the configuration set whose event destination publishes
	 * opens and clicks (and bounces, complaints, deliveries) to the SNS topic
	 * @param maxAttempts attempts of one SendEmail call by the AWS SDK (throttling,
	 * 5xx); the campaign sender retries a failed send later on top of this
	 * @param timeout the longest one SendEmail call may take, retries included
	 * @param webhook what {@code POST /webhooks/ses} accepts
	 */
	public record Ses(@DefaultValue("us-east-1") @Pattern(regexp = "[a-z]{2}(-[a-z]+)+-\\d+",
			message = "must be an AWS region such as us-east-1") String region, @Nullable URI endpoint,
			@Nullable String accessKeyId, @Nullable String secretAccessKey, @Nullable String configurationSet,
			@DefaultValue("3") @Min(1) @Max(10) int maxAttempts, @DefaultValue("15s") Duration timeout,
			@DefaultValue @Valid Webhook webhook) {

		public Ses {
			if ((accessKeyId == null || accessKeyId.isBlank()) != (secretAccessKey == null
					|| secretAccessKey.isBlank())) {
				throw new IllegalArgumentException(
						"fibonacco.email.ses.access-key-id and secret-access-key go together");
			}
			if (configurationSet != null && !configurationSet.matches("[A-Za-z0-9_-]{1,64}")) {
				throw new IllegalArgumentException(
						"fibonacco.email.ses.configuration-set must be a configuration set name");
			}
		}

	}

	/**
	 * The SNS notifications {@code POST /webhooks/ses} accepts. Production keeps the
	 * defaults of the certificate checks: the signing certificate (and a subscription's
	 * confirmation URL) must be on an {@code https} SNS host.
	 *
	 * @param topicArns the SNS topics whose messages are accepted; none (the default)
	 * refuses every message
	 * @param certificateHostPattern the hosts (a regular expression over the whole host
	 * name) a {@code SigningCertURL} and {@code SubscribeURL} may point at
	 * @param certificateScheme the only scheme they may use
	 * @param confirmSubscriptions whether a verified SubscriptionConfirmation of an
	 * expected topic is confirmed by a GET of its SubscribeURL
	 */
	public record Webhook(@DefaultValue List<@Pattern(regexp = "arn:aws(-cn|-us-gov)?:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_.-]{1,256}",
			message = "must be an SNS topic ARN") String> topicArns,
			@DefaultValue("sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?") @NotBlank String certificateHostPattern,
			@DefaultValue("https") @Pattern(regexp = "https|http",
					message = "must be https (or http for a test server)") String certificateScheme,
			@DefaultValue("true") boolean confirmSubscriptions) {

		public Webhook {
			topicArns = List.copyOf(topicArns);
			try {
				java.util.regex.Pattern.compile(certificateHostPattern);
			}
			catch (PatternSyntaxException ex) {
				throw new IllegalArgumentException(
						"fibonacco.email.ses.webhook.certificate-host-pattern is not a regular expression", ex);
			}
		}

	}

}

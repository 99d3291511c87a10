package com.fibonacco.messaging;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code fibonacco.email.*}: who campaign emails come from (seed 004 §6) and how they
 * leave.
 *
 * @param transport {@code outbox} (the default: mail is captured in the database and
 * shown by {@code GET /api/v1/outbox}, nothing leaves the machine) or {@code smtp}
 * (Jakarta Mail through Spring, configured with {@code spring.mail.*})
 * @param ratePerSecond the most messages a server process hands to the transport per
 * second; 0 for no limit
 */
@Validated
@ConfigurationProperties("fibonacco.email")
public record EmailProperties(@DefaultValue("Sarah") @NotBlank String fromName,
		@DefaultValue("sarah@fibonacco.com") @NotBlank @Email String fromEmail,
		@DefaultValue("reply@fibonacco.com") @NotBlank @Email String replyTo,
		@DefaultValue("outbox") @Pattern(regexp = "outbox|smtp", message = "must be outbox or smtp") String transport,
		@DefaultValue("0") @Min(0) @Max(100000) double ratePerSecond) {
}

package com.fibonacco.messaging;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code fibonacco.email.*}: who campaign emails come from (seed 004 §6). */
@Validated
@ConfigurationProperties("fibonacco.email")
public record EmailProperties(@DefaultValue("Sarah") @NotBlank String fromName,
		@DefaultValue("sarah@fibonacco.com") @NotBlank @Email String fromEmail,
		@DefaultValue("reply@fibonacco.com") @NotBlank @Email String replyTo) {
}

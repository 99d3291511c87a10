package com.fibonacco.ai;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code fibonacco.ai.*}: the AI account manager (seed 004 §6). Without a provider key
 * the server uses its deterministic offline fallback.
 */
@Validated
@ConfigurationProperties("fibonacco.ai")
public record AiProperties(@DefaultValue("sarah") @NotBlank String persona,
		@DefaultValue("claude-sonnet-4-20250514") @NotBlank String model,
		@DefaultValue("1024") @Min(1) @Max(64000) int maxTokens) {
}

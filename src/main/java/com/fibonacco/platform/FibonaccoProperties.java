package com.fibonacco.platform;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code fibonacco.*} settings of the first start: whether to load demo data, and the
 * first admin's login ({@code FIBONACCO_ADMIN_EMAIL}, {@code FIBONACCO_ADMIN_PASSWORD}).
 */
@Validated
@ConfigurationProperties("fibonacco")
public record FibonaccoProperties(@DefaultValue("true") boolean demoData, @Valid @DefaultValue Admin admin) {

	public record Admin(@DefaultValue("admin@fibonacco.local") @NotBlank @Email String email,
			@Nullable String password) {
	}

}

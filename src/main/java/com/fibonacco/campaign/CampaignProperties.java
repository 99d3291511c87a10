package com.fibonacco.campaign;

import java.time.Duration;
import java.time.LocalTime;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code fibonacco.campaign.*}: when program emails go out and how they are sent and
 * tracked.
 *
 * @param sendTimeLocal the local time of a program day's email, unless the community's
 * settings say otherwise ({@code send_time_local})
 * @param publicBaseUrl where recipients reach this server: tracking links start with it
 * @param landingBaseUrl where "learn more" links go ({@code + landing_page_slug})
 * @param approveBaseUrl where approval buttons go ({@code + slug})
 * @param signingKey the HMAC key of tracking tokens (32+ characters); when left out one
 * is generated once and kept in the database, shared by every process
 * @param machineClickWindow a click this soon after the send is a link scanner's
 * @param softBounce what a transient bounce reported by the email provider does
 * @param providerDuplicateWindow an open or click the email provider reports (SES open
 * and click tracking) this close to one of the same send already recorded is the same
 * one, seen through both pixels or link redirects, and is not recorded again
 */
@Validated
@ConfigurationProperties("fibonacco.campaign")
public record CampaignProperties(@DefaultValue("10:00") LocalTime sendTimeLocal,
		@DefaultValue("http://localhost:8080") @NotBlank @Pattern(
				regexp = "^https?://[^/]+(/.*)?$") String publicBaseUrl,
		@DefaultValue("https://fibonacco.com/learn/") @NotBlank String landingBaseUrl,
		@DefaultValue("https://fibonacco.com/approve/") @NotBlank String approveBaseUrl, @Nullable String signingKey,
		@DefaultValue("5s") Duration machineClickWindow, @DefaultValue Sender sender,
		@DefaultValue SoftBounce softBounce, @DefaultValue("2m") Duration providerDuplicateWindow) {

	public CampaignProperties {
		if (signingKey != null && signingKey.length() < 32) {
			throw new IllegalArgumentException("fibonacco.campaign.signing-key must have 32 characters or more");
		}
		publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
				: publicBaseUrl;
	}

	/**
	 * The sender that claims due sends: every {@code poll-interval} each server process
	 * takes up to {@code batch-size} sends ({@code FOR UPDATE SKIP LOCKED}) and delivers
	 * them {@code concurrency} at a time, recording what went out every
	 * {@code record-every} messages of a worker (one statement for them all). A send left
	 * in 'sending' longer than {@code lease} (its process died) is taken again with the
	 * same Message-ID; a process killed outright leaves at most {@code record-every}
	 * messages per worker sent but not recorded, which go out again after the lease.
	 */
	public record Sender(@DefaultValue("true") boolean enabled, @DefaultValue("5s") Duration pollInterval,
			@DefaultValue("200") @Min(1) @Max(5000) int batchSize, @DefaultValue("8") @Min(1) @Max(256) int concurrency,
			@DefaultValue("5") @Min(1) @Max(20) int maxAttempts, @DefaultValue("10m") Duration lease,
			@DefaultValue("20") @Min(1) @Max(1000) int recordEvery) {
	}

	/**
	 * A transient (soft) bounce queues the send again after {@code backoff}, doubled for
	 * each further one, up to {@code maxRetries} times; the bounce after that ends the
	 * send as bounced. The address is not suppressed (a hard bounce's is).
	 */
	public record SoftBounce(@DefaultValue("3") @Min(0) @Max(10) int maxRetries,
			@DefaultValue("1h") Duration backoff) {

		public SoftBounce {
			if (backoff.isNegative()) {
				throw new IllegalArgumentException("fibonacco.campaign.soft-bounce.backoff must not be negative");
			}
		}

		/** How long to wait before the retry that follows the {@code n}th soft bounce. */
		public Duration delay(int n) {
			return backoff.multipliedBy(1L << Math.clamp(n - 1, 0, 10));
		}

	}

}

package com.fibonacco.campaign.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fibonacco.campaign.RvmProperties;
import com.fibonacco.messaging.OutboundVoicemail;
import com.fibonacco.messaging.VoicemailDeliveryException;
import com.fibonacco.messaging.VoicemailReceipt;
import com.fibonacco.messaging.VoicemailTransport;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.Channel;
import com.fibonacco.smb.ChannelEligibility;
import com.fibonacco.smb.SmbId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drops due voicemails ({@code processRVMDrop}). Each server process claims a batch with
 * {@code FOR UPDATE SKIP LOCKED} and records each drop's attempt ('sending', committed)
 * before it calls the provider with the drop's id as the idempotency key. The provider
 * took it: 'sent'. It refused it for good (4xx): 'failed' with the reason. It could not
 * take it now (5xx, timeout): queued again with backoff, up to
 * {@code fibonacco.rvm.worker.max-attempts}, then 'failed'. A drop whose process died
 * mid-call is taken again after the lease, with the same key, so the provider drops it
 * once. Drops of a paused program wait; an SMB no longer reachable by voicemail has its
 * drop cancelled. Public for tests, which call {@link #sendDue(Instant)} on a moved
 * clock.
 */
@Component
public class DropSender {

	private static final Logger log = LoggerFactory.getLogger(DropSender.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final ChannelEligibility eligibility;

	private final VoicemailTransport transport;

	private final RvmProperties properties;

	private final Clock clock;

	DropSender(JdbcClient jdbc, TransactionTemplate transactions, ChannelEligibility eligibility,
			VoicemailTransport transport, RvmProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.eligibility = eligibility;
		this.transport = transport;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${fibonacco.rvm.worker.poll-interval:30s}",
			initialDelayString = "${fibonacco.rvm.worker.poll-interval:30s}")
	void poll() {
		if (properties.worker().enabled()) {
			try {
				sendDue(clock.instant());
			}
			catch (RuntimeException ex) {
				log.warn("Voicemail drop pass failed; the next poll retries", ex);
			}
		}
	}

	/** Drops everything due at {@code now}, batch after batch; returns how many. */
	public int sendDue(Instant now) {
		int total = 0;
		while (true) {
			List<Claimed> batch = claim(now);
			for (Claimed drop : batch) {
				try {
					deliverOne(drop, now);
				}
				catch (RuntimeException ex) {
					log.warn("Voicemail drop {} failed unexpectedly; it is retried after the lease", drop.id(), ex);
				}
			}
			total += batch.size();
			if (batch.size() < properties.worker().batchSize()) {
				return total;
			}
		}
	}

	record Claimed(TenantId tenant, UUID id, SmbId smb, String phone, @Nullable String script, String voice,
			int attempts) {
	}

	/**
	 * Takes a batch of due drops and records their attempt in a committed transaction.
	 */
	List<Claimed> claim(Instant now) {
		List<Claimed> claimed = transactions.execute(status -> jdbc
			.sql("""
					WITH due AS (
					  SELECT d.tenant_id, d.id FROM rvm_drops d
					   WHERE ((d.status = 'queued' AND d.scheduled_for <= :now)
					          OR (d.status = 'sending' AND d.claimed_at < :leaseExpired))
					     AND EXISTS (SELECT 1 FROM campaign_programs p WHERE p.tenant_id = d.tenant_id AND p.smb_id = d.smb_id
					                    AND p.status IN ('running', 'completed'))
					   ORDER BY d.scheduled_for LIMIT :limit FOR UPDATE OF d SKIP LOCKED)
					UPDATE rvm_drops r SET status = 'sending', claimed_at = :now, attempts = r.attempts + 1, updated_at = :now
					  FROM due WHERE r.tenant_id = due.tenant_id AND r.id = due.id
					RETURNING r.tenant_id, r.id, r.smb_id, r.phone, r.script, r.voice_persona, r.attempts
					""")
			.param("now", Programs.utc(now))
			.param("leaseExpired", Programs.utc(now.minus(properties.worker().lease())))
			.param("limit", properties.worker().batchSize())
			.query((rs, n) -> new Claimed(new TenantId(rs.getObject("tenant_id", UUID.class)),
					rs.getObject("id", UUID.class), new SmbId(rs.getObject("smb_id", UUID.class)),
					rs.getString("phone"), rs.getString("script"), rs.getString("voice_persona"),
					rs.getInt("attempts")))
			.list());
		return claimed == null ? List.of() : claimed;
	}

	void deliverOne(Claimed drop, Instant now) {
		if (!eligibility.canContact(drop.tenant(), drop.smb(), Channel.RVM)) {
			finish(drop, "cancelled", "the SMB may no longer get voicemail", null, now);
			return;
		}
		VoicemailReceipt receipt;
		try {
			receipt = transport
				.drop(new OutboundVoicemail(drop.tenant(), drop.id(), drop.phone(), drop.script(), drop.voice()));
		}
		catch (VoicemailDeliveryException ex) {
			if (ex.permanent() || drop.attempts() >= properties.worker().maxAttempts()) {
				finish(drop, "failed", ex.getMessage(), null, now);
			}
			else {
				retryLater(drop, ex.getMessage(), now);
			}
			return;
		}
		finish(drop, "sent", null, receipt, now);
	}

	private void finish(Claimed drop, String status, @Nullable String error, @Nullable VoicemailReceipt receipt,
			Instant now) {
		jdbc.sql(
				"""
						UPDATE rvm_drops SET status = :status, sent_at = CASE WHEN :status = 'sent' THEN :now END,
						  failed_at = CASE WHEN :status = 'failed' THEN :now END, last_error = :error,
						  provider = COALESCE(:provider, provider), provider_message_id = COALESCE(:providerId, provider_message_id),
						  updated_at = :now
						 WHERE tenant_id = :tenant AND id = :id AND status = 'sending'
						""")
			.param("status", status)
			.param("now", Programs.utc(now))
			.param("error", error == null ? null : truncate(error))
			.param("provider", receipt == null ? null : receipt.provider())
			.param("providerId", receipt == null ? null : receipt.providerMessageId())
			.param("tenant", drop.tenant().value())
			.param("id", drop.id())
			.update();
	}

	private void retryLater(Claimed drop, String error, Instant now) {
		Duration backoff = Duration.ofMinutes((long) drop.attempts() * drop.attempts());
		jdbc.sql("""
				UPDATE rvm_drops SET status = 'queued', scheduled_for = :next, last_error = :error, updated_at = :now
				 WHERE tenant_id = :tenant AND id = :id AND status = 'sending'
				""")
			.param("next", Programs.utc(now.plus(backoff)))
			.param("error", truncate(error))
			.param("now", Programs.utc(now))
			.param("tenant", drop.tenant().value())
			.param("id", drop.id())
			.update();
	}

	private static String truncate(String error) {
		return error.length() > 2000 ? error.substring(0, 2000) : error;
	}

}

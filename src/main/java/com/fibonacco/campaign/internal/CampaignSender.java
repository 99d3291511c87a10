package com.fibonacco.campaign.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fibonacco.campaign.Campaign;
import com.fibonacco.campaign.CampaignCatalog;
import com.fibonacco.campaign.CampaignProperties;
import com.fibonacco.campaign.CampaignSendCompleted;
import com.fibonacco.campaign.CampaignSendId;
import com.fibonacco.campaign.RvmProperties;
import com.fibonacco.campaign.internal.Programs.Recipient;
import com.fibonacco.messaging.EmailDeliveryException;
import com.fibonacco.messaging.EmailTransport;
import com.fibonacco.messaging.OutboundEmail;
import com.fibonacco.shared.Ids;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.Channel;
import com.fibonacco.smb.ChannelEligibility;
import com.fibonacco.smb.SmbId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers due campaign sends. Each server process claims a batch with
 * {@code FOR UPDATE SKIP LOCKED} and records every send of it as 'sending' (committed)
 * before it calls the transport, with the Message-ID fixed when it was queued; only then
 * does it call the transport, {@code concurrency} at a time, and record 'sent'. Two
 * processes never take the same send; a send whose process died in between is taken again
 * after the lease with the same Message-ID (the outbox stores it once), so as far as our
 * records go every send goes out exactly once. Public for tests, which call
 * {@link #sendDue(Instant)} on a moved clock.
 */
@Component
public class CampaignSender {

	private static final Logger log = LoggerFactory.getLogger(CampaignSender.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Programs programs;

	private final CampaignCatalog catalog;

	private final ChannelEligibility eligibility;

	private final Renderer renderer;

	private final EmailTransport transport;

	private final CampaignProperties properties;

	private final RvmProperties rvm;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Semaphore inFlight;

	CampaignSender(JdbcClient jdbc, TransactionTemplate transactions, Programs programs, CampaignCatalog catalog,
			ChannelEligibility eligibility, Renderer renderer, EmailTransport transport, CampaignProperties properties,
			RvmProperties rvm, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.programs = programs;
		this.catalog = catalog;
		this.eligibility = eligibility;
		this.renderer = renderer;
		this.transport = transport;
		this.properties = properties;
		this.rvm = rvm;
		this.events = events;
		this.clock = clock;
		this.inFlight = new Semaphore(properties.sender().concurrency());
	}

	@Scheduled(fixedDelayString = "${fibonacco.campaign.sender.poll-interval:5s}",
			initialDelayString = "${fibonacco.campaign.sender.poll-interval:5s}")
	void poll() {
		if (properties.sender().enabled()) {
			try {
				sendDue(clock.instant());
			}
			catch (RuntimeException ex) {
				log.warn("Campaign sender pass failed; the next poll retries", ex);
			}
		}
	}

	/**
	 * Sends everything due at {@code now}, batch after batch; returns how many were
	 * handled.
	 */
	public int sendDue(Instant now) {
		int total = 0;
		while (true) {
			List<Claimed> batch = claim(now);
			if (batch.isEmpty()) {
				return total;
			}
			deliver(batch, now);
			total += batch.size();
		}
	}

	record Claimed(TenantId tenant, UUID id, SmbId smb, String campaignId, String email, String subject,
			String messageId, int attempts, String kind) {
	}

	/**
	 * Takes a batch of due sends and records them as 'sending' in a committed
	 * transaction.
	 */
	List<Claimed> claim(Instant now) {
		Instant leaseExpired = now.minus(properties.sender().lease());
		List<Claimed> claimed = transactions.execute(status -> jdbc
			.sql("""
					WITH due AS (
					  SELECT x.tenant_id, x.id FROM campaign_sends x
					   WHERE ((x.status = 'queued' AND x.scheduled_for <= :now)
					          OR (x.status = 'sending' AND x.claimed_at < :leaseExpired))
					     AND EXISTS (SELECT 1 FROM campaign_programs p WHERE p.tenant_id = x.tenant_id AND p.smb_id = x.smb_id
					                    AND p.status IN ('running', 'completed'))
					   ORDER BY x.scheduled_for LIMIT :limit FOR UPDATE OF x SKIP LOCKED)
					UPDATE campaign_sends s SET status = 'sending', claimed_at = :now, attempts = s.attempts + 1, updated_at = :now
					  FROM due WHERE s.tenant_id = due.tenant_id AND s.id = due.id
					RETURNING s.tenant_id, s.id, s.smb_id, s.campaign_id, s.email, s.subject, s.message_id, s.attempts, s.kind
					""")
			.param("now", Programs.utc(now))
			.param("leaseExpired", Programs.utc(leaseExpired))
			.param("limit", properties.sender().batchSize())
			.query((rs, n) -> new Claimed(new TenantId(rs.getObject("tenant_id", UUID.class)),
					rs.getObject("id", UUID.class), new SmbId(rs.getObject("smb_id", UUID.class)),
					rs.getString("campaign_id"), rs.getString("email"), rs.getString("subject"),
					rs.getString("message_id"), rs.getInt("attempts"), rs.getString("kind")))
			.list());
		return claimed == null ? List.of() : claimed;
	}

	private void deliver(List<Claimed> batch, Instant now) {
		AtomicInteger failed = new AtomicInteger();
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> futures = new ArrayList<>();
			for (Claimed send : batch) {
				futures.add(executor.submit(() -> {
					inFlight.acquireUninterruptibly();
					try {
						deliverOne(send, now);
					}
					catch (RuntimeException ex) {
						failed.incrementAndGet();
						log.warn("Campaign send {} failed unexpectedly; it is retried after the lease", send.id(), ex);
					}
					finally {
						inFlight.release();
					}
				}));
			}
			for (Future<?> future : futures) {
				try {
					future.get();
				}
				catch (Exception ex) {
					failed.incrementAndGet();
				}
			}
		}
	}

	void deliverOne(Claimed send, Instant now) {
		Recipient recipient = programs.recipient(send.tenant(), send.smb()).orElse(null);
		Campaign campaign = catalog.find(send.tenant(), send.campaignId()).orElse(null);
		if (recipient == null || recipient.deleted() || campaign == null
				|| !eligibility.canContact(send.tenant(), send.smb(), Channel.EMAIL)) {
			finish(send, "suppressed", null, null, now);
			return;
		}
		OutboundEmail email = renderer.render(send.tenant(), send.id(), send.messageId(), send.email(), send.subject(),
				campaign, recipient);
		try {
			transport.send(email);
		}
		catch (EmailDeliveryException ex) {
			if (ex.permanent() || send.attempts() >= properties.sender().maxAttempts()) {
				finish(send, "failed", ex.getMessage(), null, now);
			}
			else {
				retryLater(send, ex.getMessage(), now);
			}
			return;
		}
		finish(send, "sent", null, voicemailCheck(send, campaign, now), now);
	}

	/**
	 * When a program email's voicemail follow-up is due, unless its campaign has none:
	 * the campaign's {@code trigger_after_hours}, or
	 * {@code fibonacco.rvm.trigger-after-hours}.
	 */
	private @org.jspecify.annotations.Nullable Instant voicemailCheck(Claimed send, Campaign campaign, Instant now) {
		if (!"program".equals(send.kind()) || Boolean.FALSE.equals(campaign.rvmConfig().get("enabled"))) {
			return null;
		}
		int hours = campaign.rvmConfig().get("trigger_after_hours") instanceof Number n && n.intValue() > 0
				&& n.intValue() <= 720 ? n.intValue() : rvm.triggerAfterHours();
		return now.plus(Duration.ofHours(hours));
	}

	private void finish(Claimed send, String status, @org.jspecify.annotations.Nullable String error,
			@org.jspecify.annotations.Nullable Instant rvmCheckAt, Instant now) {
		transactions.executeWithoutResult(tx -> {
			int updated = jdbc.sql("""
					UPDATE campaign_sends SET status = :status, sent_at = CASE WHEN :status = 'sent' THEN :now END,
					  last_error = :error, rvm_check_at = :rvmCheckAt, updated_at = :now
					 WHERE tenant_id = :tenant AND id = :id AND status = 'sending'
					""")
				.param("status", status)
				.param("rvmCheckAt", Programs.utc(rvmCheckAt))
				.param("now", Programs.utc(now))
				.param("error", error == null ? null : truncate(error))
				.param("tenant", send.tenant().value())
				.param("id", send.id())
				.update();
			if (updated == 0) {
				return;
			}
			if ("sent".equals(status)) {
				jdbc.sql(
						"""
								INSERT INTO email_events (tenant_id, id, campaign_send_id, event_type, event_at, provider_event_id)
								VALUES (:tenant, :id, :send, 'sent', :now, :providerEventId)
								ON CONFLICT DO NOTHING
								""")
					.param("tenant", send.tenant().value())
					.param("id", Ids.newId(clock))
					.param("send", send.id())
					.param("now", Programs.utc(now))
					.param("providerEventId", "sent:" + send.messageId())
					.update();
			}
			events.publishEvent(new CampaignSendCompleted(send.tenant(), new CampaignSendId(send.id()), send.smb(),
					send.campaignId(), status, now));
		});
	}

	private void retryLater(Claimed send, String error, Instant now) {
		Duration backoff = Duration.ofMinutes((long) send.attempts() * send.attempts());
		jdbc.sql(
				"""
						UPDATE campaign_sends SET status = 'queued', scheduled_for = :next, last_error = :error, updated_at = :now
						 WHERE tenant_id = :tenant AND id = :id AND status = 'sending'
						""")
			.param("next", Programs.utc(now.plus(backoff)))
			.param("error", truncate(error))
			.param("now", Programs.utc(now))
			.param("tenant", send.tenant().value())
			.param("id", send.id())
			.update();
	}

	private static String truncate(String error) {
		return error.length() > 2000 ? error.substring(0, 2000) : error;
	}

}

package com.fibonacco.campaign.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fibonacco.campaign.Campaign;
import com.fibonacco.campaign.CampaignCatalog;
import com.fibonacco.campaign.CampaignProperties;
import com.fibonacco.campaign.CampaignSendCompleted;
import com.fibonacco.campaign.CampaignSendId;
import com.fibonacco.campaign.RvmProperties;
import com.fibonacco.campaign.internal.Programs.Recipient;
import com.fibonacco.campaign.internal.Renderer.Rendered;
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

	/** What a send came to, recorded with the others of its group. */
	record Outcome(Claimed send, String status, @Nullable String error, @Nullable Instant rvmCheckAt) {
	}

	/**
	 * Delivers a claimed batch: what its sends need is read once for the batch
	 * (recipients, campaigns, eligibility), every send is rendered and the destinations of
	 * all their links stored in one statement, then {@code concurrency} workers hand the
	 * messages to the transport one after another and record the outcomes every
	 * {@code record-every} messages (one statement for the sends, one for the events).
	 * A worker that fails records what went out before it.
	 */
	private void deliver(List<Claimed> batch, Instant now) {
		Map<TenantId, Map<SmbId, Recipient>> recipients = new HashMap<>();
		Map<TenantId, Set<SmbId>> contactable = new HashMap<>();
		Map<TenantId, List<SmbId>> smbsByTenant = new HashMap<>();
		for (Claimed send : batch) {
			smbsByTenant.computeIfAbsent(send.tenant(), t -> new ArrayList<>()).add(send.smb());
		}
		smbsByTenant.forEach((tenant, smbs) -> {
			recipients.put(tenant, programs.recipients(tenant, smbs));
			contactable.put(tenant, eligibility.contactable(tenant, smbs, Channel.EMAIL));
		});
		Map<String, Optional<Campaign>> campaigns = new HashMap<>();
		List<Outcome> suppressed = new ArrayList<>();
		List<Rendered> rendered = new ArrayList<>();
		Map<UUID, Claimed> byId = new HashMap<>();
		Map<UUID, Instant> voicemailChecks = new HashMap<>();
		for (Claimed send : batch) {
			Recipient recipient = recipients.get(send.tenant()).get(send.smb());
			Campaign campaign = campaigns
				.computeIfAbsent(send.tenant().value() + "/" + send.campaignId(),
						key -> catalog.find(send.tenant(), send.campaignId()))
				.orElse(null);
			if (recipient == null || recipient.deleted() || campaign == null
					|| !contactable.get(send.tenant()).contains(send.smb())) {
				suppressed.add(new Outcome(send, "suppressed", null, null));
				continue;
			}
			try {
				rendered.add(renderer.renderOnly(send.tenant(), send.id(), send.messageId(), send.email(),
						send.subject(), campaign, recipient));
				byId.put(send.id(), send);
				Instant check = voicemailCheck(send, campaign, now);
				if (check != null) {
					voicemailChecks.put(send.id(), check);
				}
			}
			catch (RuntimeException ex) {
				log.warn("Campaign send {} could not be rendered; it is retried after the lease", send.id(), ex);
			}
		}
		if (!suppressed.isEmpty()) {
			record(suppressed, now);
		}
		if (rendered.isEmpty()) {
			return;
		}
		renderer.storeLinks(rendered);

		ConcurrentLinkedQueue<Rendered> queue = new ConcurrentLinkedQueue<>(rendered);
		int workers = Math.min(properties.sender().concurrency(), rendered.size());
		int recordEvery = properties.sender().recordEvery();
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> futures = new ArrayList<>();
			for (int w = 0; w < workers; w++) {
				futures.add(executor.submit(() -> {
					List<Outcome> outcomes = new ArrayList<>(recordEvery);
					try {
						Rendered next;
						while ((next = queue.poll()) != null) {
							Claimed send = byId.get(next.sendId());
							inFlight.acquireUninterruptibly();
							try {
								Outcome outcome = deliverOne(send, next.email(), voicemailChecks.get(send.id()), now);
								if (outcome != null) {
									outcomes.add(outcome);
								}
							}
							catch (RuntimeException ex) {
								log.warn("Campaign send {} failed unexpectedly; it is retried after the lease",
										send.id(), ex);
							}
							finally {
								inFlight.release();
							}
							if (outcomes.size() >= recordEvery) {
								record(outcomes, now);
								outcomes.clear();
							}
						}
					}
					finally {
						// what went out is recorded even when the worker stops
						if (!outcomes.isEmpty()) {
							record(outcomes, now);
						}
					}
				}));
			}
			Error fatal = null;
			for (Future<?> future : futures) {
				try {
					future.get();
				}
				catch (ExecutionException ex) {
					if (ex.getCause() instanceof Error error) {
						fatal = error;
					}
					log.warn("A campaign delivery worker failed; its unrecorded sends are retried after the lease", ex);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("interrupted while delivering campaign sends", ex);
				}
			}
			if (fatal != null) {
				// the process is going down: no further batch is claimed
				throw fatal;
			}
		}
	}

	/**
	 * Hands one rendered send to the transport: its outcome to record, or null when it was
	 * queued again for a retry.
	 */
	@Nullable Outcome deliverOne(Claimed send, OutboundEmail email, @Nullable Instant rvmCheckAt, Instant now) {
		try {
			transport.send(email);
		}
		catch (EmailDeliveryException ex) {
			if (ex.permanent() || send.attempts() >= properties.sender().maxAttempts()) {
				return new Outcome(send, "failed", ex.getMessage(), null);
			}
			retryLater(send, ex.getMessage(), now);
			return null;
		}
		return new Outcome(send, "sent", null, rvmCheckAt);
	}

	/**
	 * When a program email's voicemail follow-up is due, unless its campaign has none:
	 * the campaign's {@code trigger_after_hours}, or
	 * {@code fibonacco.rvm.trigger-after-hours}.
	 */
	private @Nullable Instant voicemailCheck(Claimed send, Campaign campaign, Instant now) {
		if (!"program".equals(send.kind()) || Boolean.FALSE.equals(campaign.rvmConfig().get("enabled"))) {
			return null;
		}
		int hours = campaign.rvmConfig().get("trigger_after_hours") instanceof Number n && n.intValue() > 0
				&& n.intValue() <= 720 ? n.intValue() : rvm.triggerAfterHours();
		return now.plus(Duration.ofHours(hours));
	}

	/** Delivers one claimed send on its own (tests; a batch of one). */
	void deliverOne(Claimed send, Instant now) {
		deliver(List.of(send), now);
	}

	/**
	 * Records the outcomes of sends still 'sending' in one transaction: one statement
	 * for the sends, one for the 'sent' events, and CampaignSendCompleted for each.
	 */
	void record(List<Outcome> outcomes, Instant now) {
		transactions.executeWithoutResult(tx -> {
			List<String> tenants = new ArrayList<>();
			List<String> ids = new ArrayList<>();
			List<String> statuses = new ArrayList<>();
			List<@Nullable String> errors = new ArrayList<>();
			List<@Nullable String> voicemailChecks = new ArrayList<>();
			for (Outcome o : outcomes) {
				tenants.add(o.send().tenant().value().toString());
				ids.add(o.send().id().toString());
				statuses.add(o.status());
				errors.add(o.error() == null ? null : truncate(o.error()));
				voicemailChecks.add(o.rvmCheckAt() == null ? null : o.rvmCheckAt().toString());
			}
			Set<UUID> updated = new HashSet<>(jdbc.sql("""
					UPDATE campaign_sends s SET status = u.status, sent_at = CASE WHEN u.status = 'sent' THEN :now END,
					  last_error = u.error, rvm_check_at = u.rvm_check_at, updated_at = :now
					  FROM unnest(CAST(:tenants AS uuid[]), CAST(:ids AS uuid[]), CAST(:statuses AS text[]),
					              CAST(:errors AS text[]), CAST(:rvmChecks AS timestamptz[]))
					    AS u(tenant_id, id, status, error, rvm_check_at)
					 WHERE s.tenant_id = u.tenant_id AND s.id = u.id AND s.status = 'sending'
					RETURNING s.id
					""")
				.param("now", Programs.utc(now))
				.param("tenants", tenants.toArray(String[]::new))
				.param("ids", ids.toArray(String[]::new))
				.param("statuses", statuses.toArray(String[]::new))
				.param("errors", errors.toArray(String[]::new))
				.param("rvmChecks", voicemailChecks.toArray(String[]::new))
				.query(UUID.class)
				.list());
			List<String> eventTenants = new ArrayList<>();
			List<String> eventIds = new ArrayList<>();
			List<String> eventSends = new ArrayList<>();
			List<String> providerIds = new ArrayList<>();
			for (Outcome o : outcomes) {
				if (updated.contains(o.send().id()) && "sent".equals(o.status())) {
					eventTenants.add(o.send().tenant().value().toString());
					eventIds.add(Ids.newId(clock).toString());
					eventSends.add(o.send().id().toString());
					providerIds.add("sent:" + o.send().messageId());
				}
			}
			if (!eventIds.isEmpty()) {
				jdbc.sql("""
						INSERT INTO email_events (tenant_id, id, campaign_send_id, event_type, event_at, provider_event_id)
						SELECT e.tenant_id, e.id, e.send_id, 'sent', :now, e.provider_event_id
						  FROM unnest(CAST(:tenants AS uuid[]), CAST(:ids AS uuid[]), CAST(:sends AS uuid[]),
						              CAST(:providerIds AS text[])) AS e(tenant_id, id, send_id, provider_event_id)
						ON CONFLICT DO NOTHING
						""")
					.param("now", Programs.utc(now))
					.param("tenants", eventTenants.toArray(String[]::new))
					.param("ids", eventIds.toArray(String[]::new))
					.param("sends", eventSends.toArray(String[]::new))
					.param("providerIds", providerIds.toArray(String[]::new))
					.update();
			}
			for (Outcome o : outcomes) {
				if (updated.contains(o.send().id())) {
					events.publishEvent(new CampaignSendCompleted(o.send().tenant(), new CampaignSendId(o.send().id()),
							o.send().smb(), o.send().campaignId(), o.status(), now));
				}
			}
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

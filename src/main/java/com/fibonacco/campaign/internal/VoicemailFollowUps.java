package com.fibonacco.campaign.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fibonacco.campaign.Campaign;
import com.fibonacco.campaign.CampaignCatalog;
import com.fibonacco.campaign.CampaignSendId;
import com.fibonacco.campaign.RvmDropId;
import com.fibonacco.campaign.RvmDropQueued;
import com.fibonacco.campaign.RvmProperties;
import com.fibonacco.campaign.internal.Programs.Recipient;
import com.fibonacco.messaging.EmailProperties;
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
 * The voicemail check of each program email ({@code triggerRVM}). A sent email notes when
 * its check is due ({@code rvm_check_at}); every server process claims due checks in
 * batches ({@code FOR UPDATE SKIP LOCKED}, one transaction a batch) and, for an email
 * still unopened whose SMB may get a voicemail (RVM opt-in, not do-not-contact, a phone,
 * not suppressed; its program running or completed) and is under its tier's monthly
 * limit, queues a drop for the first {@code send-time-local} in the community's time zone
 * after the check is due, publishing {@link RvmDropQueued}. Otherwise the send records
 * why not ({@code rvm_skip_reason}). A done check is cleared, and a send has at most one
 * drop (unique key), so a second run changes nothing. Public for tests, which call
 * {@link #checkDue(Instant)} on a moved clock.
 */
@Component
public class VoicemailFollowUps {

	private static final Logger log = LoggerFactory.getLogger(VoicemailFollowUps.class);

	private static final String DEFAULT_SCRIPT = "Hi {{contact_first_name}}, this is {{sender_name}} with Fibonacco, "
			+ "the local business team here in {{community_name}}. I just sent you an email about {{campaign_title}} "
			+ "for {{business_name}}. When you have a minute, take a look or call me back at this number. Thanks!";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Programs programs;

	private final CampaignCatalog catalog;

	private final ChannelEligibility eligibility;

	private final RvmProperties properties;

	private final EmailProperties email;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	VoicemailFollowUps(JdbcClient jdbc, TransactionTemplate transactions, Programs programs, CampaignCatalog catalog,
			ChannelEligibility eligibility, RvmProperties properties, EmailProperties email,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.programs = programs;
		this.catalog = catalog;
		this.eligibility = eligibility;
		this.properties = properties;
		this.email = email;
		this.events = events;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${fibonacco.rvm.worker.poll-interval:30s}",
			initialDelayString = "${fibonacco.rvm.worker.poll-interval:30s}")
	void poll() {
		if (properties.worker().enabled()) {
			try {
				checkDue(clock.instant());
			}
			catch (RuntimeException ex) {
				log.warn("Voicemail check pass failed; the next poll retries", ex);
			}
		}
	}

	/**
	 * Checks every send whose voicemail check is due at {@code now}; returns how many.
	 */
	public int checkDue(Instant now) {
		int total = 0;
		while (true) {
			Integer checked = transactions.execute(status -> {
				List<Due> due = claim(now);
				for (Due send : due) {
					check(send, now);
				}
				return due.size();
			});
			int n = checked == null ? 0 : checked;
			total += n;
			if (n < properties.worker().batchSize()) {
				return total;
			}
		}
	}

	record Due(TenantId tenant, UUID id, SmbId smb, String campaignId, String status, boolean opened, Instant checkAt) {
	}

	private List<Due> claim(Instant now) {
		return jdbc.sql("""
				SELECT tenant_id, id, smb_id, campaign_id, status, opened_at IS NOT NULL AS opened, rvm_check_at
				  FROM campaign_sends WHERE rvm_check_at <= :now
				 ORDER BY rvm_check_at LIMIT :limit FOR UPDATE SKIP LOCKED
				""")
			.param("now", Programs.utc(now))
			.param("limit", properties.worker().batchSize())
			.query((rs, n) -> new Due(new TenantId(rs.getObject("tenant_id", UUID.class)),
					rs.getObject("id", UUID.class), new SmbId(rs.getObject("smb_id", UUID.class)),
					rs.getString("campaign_id"), rs.getString("status"), rs.getBoolean("opened"),
					Programs.instant(rs, "rvm_check_at")))
			.list();
	}

	private void check(Due send, Instant now) {
		Recipient recipient = programs.recipient(send.tenant(), send.smb()).orElse(null);
		String skip = skipReason(send, recipient);
		UUID drop = null;
		if (skip == null && recipient != null) {
			// one SMB's checks run one at a time, so two processes can't both take its
			// last voicemail of the month
			jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
				.param("key", "rvm:" + send.tenant().value() + ":" + send.smb().value())
				.query((rs, n) -> 1)
				.list();
			Instant at = dropTime(send.checkAt(), now, recipient.zone());
			if (dropsInMonth(send, recipient.zone(), at) >= properties.monthlyLimit(recipient.tier())) {
				skip = "monthly_limit";
			}
			else {
				drop = queueDrop(send, recipient, at, now);
			}
		}
		jdbc.sql(
				"""
						UPDATE campaign_sends SET rvm_check_at = NULL, rvm_checked_at = :now, rvm_skip_reason = :skip,
						  rvm_triggered = rvm_triggered OR :triggered, rvm_drop_id = COALESCE(rvm_drop_id, :drop), updated_at = :now
						 WHERE tenant_id = :tenant AND id = :id
						""")
			.param("now", Programs.utc(now))
			.param("skip", skip)
			.param("triggered", drop != null)
			.param("drop", drop)
			.param("tenant", send.tenant().value())
			.param("id", send.id())
			.update();
	}

	private @Nullable String skipReason(Due send, @Nullable Recipient recipient) {
		if (send.opened()) {
			return "opened";
		}
		if (!List.of("sent", "delivered").contains(send.status())) {
			return "not_delivered";
		}
		if (recipient == null || recipient.deleted()) {
			return "smb_deleted";
		}
		String program = programs.find(send.tenant(), send.smb()).map(Program::status).orElse("pending");
		if (!program.equals("running") && !program.equals("completed")) {
			return "program_inactive";
		}
		if (recipient.phone() == null || !eligibility.canContact(send.tenant(), send.smb(), Channel.RVM)) {
			return "not_eligible";
		}
		return null;
	}

	/**
	 * The first send time at or after the check was due, in the community's time zone;
	 * the next one after now when a check ran late and that one has passed.
	 */
	Instant dropTime(Instant checkAt, Instant now, ZoneId zone) {
		Instant at = nextLocal(checkAt, zone, properties.sendTimeLocal());
		return at.isBefore(now) ? nextLocal(now, zone, properties.sendTimeLocal()) : at;
	}

	static Instant nextLocal(Instant from, ZoneId zone, LocalTime time) {
		LocalDate date = from.atZone(zone).toLocalDate();
		ZonedDateTime candidate = date.atTime(time).atZone(zone);
		if (candidate.toInstant().isBefore(from)) {
			candidate = date.plusDays(1).atTime(time).atZone(zone);
		}
		return candidate.toInstant();
	}

	/** The SMB's voicemails of the community-local calendar month of {@code at}. */
	private long dropsInMonth(Due send, ZoneId zone, Instant at) {
		LocalDate first = at.atZone(zone).toLocalDate().withDayOfMonth(1);
		return jdbc.sql("""
				SELECT count(*) FROM rvm_drops
				 WHERE tenant_id = :tenant AND smb_id = :smb AND scheduled_for >= :from AND scheduled_for < :to
				   AND status NOT IN ('failed', 'cancelled')
				""")
			.param("tenant", send.tenant().value())
			.param("smb", send.smb().value())
			.param("from", Programs.utc(first.atStartOfDay(zone).toInstant()))
			.param("to", Programs.utc(first.plusMonths(1).atStartOfDay(zone).toInstant()))
			.query(Long.class)
			.single();
	}

	private @Nullable UUID queueDrop(Due send, Recipient recipient, Instant at, Instant now) {
		Campaign campaign = catalog.find(send.tenant(), send.campaignId()).orElse(null);
		String template = campaign != null && campaign.rvmScript() != null && !campaign.rvmScript().isBlank()
				? campaign.rvmScript() : DEFAULT_SCRIPT;
		String script = Templates.merge(template,
				Map.of("business_name", recipient.businessName(), "contact_name",
						recipient.contactName() == null ? "" : recipient.contactName(), "contact_first_name",
						recipient.contactFirstName(), "community_name", recipient.communityName(), "sender_name",
						email.fromName(), "campaign_title", campaign == null ? "" : campaign.title()),
				false);
		Object voice = campaign == null ? null : campaign.rvmConfig().get("voice_persona");
		UUID id = Ids.newId(clock);
		UUID queued = jdbc.sql("""
				INSERT INTO rvm_drops (tenant_id, id, smb_id, campaign_send_id, phone, script, voice_persona,
				  scheduled_for, provider, status, created_at, updated_at)
				VALUES (:tenant, :id, :smb, :send, :phone, :script, :voice, :at, :provider, 'queued', :now, :now)
				ON CONFLICT (tenant_id, campaign_send_id) WHERE campaign_send_id IS NOT NULL DO NOTHING
				RETURNING id
				""")
			.param("tenant", send.tenant().value())
			.param("id", id)
			.param("smb", send.smb().value())
			.param("send", send.id())
			.param("phone", recipient.phone())
			.param("script", script)
			.param("voice", voice instanceof String name && !name.isBlank() && name.length() <= 50 ? name : "sarah")
			.param("at", Programs.utc(at))
			.param("provider", properties.provider())
			.param("now", Programs.utc(now))
			.query(UUID.class)
			.optional()
			.orElse(null);
		if (queued != null) {
			events.publishEvent(new RvmDropQueued(send.tenant(), new RvmDropId(queued), send.smb(),
					new CampaignSendId(send.id()), at));
		}
		return queued;
	}

}

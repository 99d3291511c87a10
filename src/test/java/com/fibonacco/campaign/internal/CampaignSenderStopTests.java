package com.fibonacco.campaign.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fibonacco.campaign.CampaignCatalog;
import com.fibonacco.campaign.CampaignProperties;
import com.fibonacco.campaign.RvmProperties;
import com.fibonacco.community.Communities;
import com.fibonacco.community.CommunityId;
import com.fibonacco.community.NewCommunity;
import com.fibonacco.messaging.EmailTransport;
import com.fibonacco.messaging.OutboundEmail;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.ChannelEligibility;
import com.fibonacco.smb.NewSmb;
import com.fibonacco.smb.SmbId;
import com.fibonacco.smb.Smbs;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * No send lost, none doubled, over real SMTP (GreenMail): a sender stopped in the middle of
 * a batch, after some of its messages went out, is replaced after the lease by another
 * sender; two sender instances (each with its own pool, semaphore and batches, as two
 * server processes have) share a day's work on one database. Every send reaches the mail
 * server exactly once, by Message-ID.
 */
@ServerTest
@DirtiesContext
class CampaignSenderStopTests {

	static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

	static final ZoneId ZONE = ZoneId.of("America/Denver");

	static final int SMBS = 30;

	static {
		SMTP.start();
	}

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		registry.add("fibonacco.email.transport", () -> "smtp");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
		// the senders under test are made here; the context's own stays idle
		registry.add("fibonacco.campaign.sender.enabled", () -> "false");
		// this context shares the database with the other tests' context: it must not
		// run their jobs or redeliver their events
		registry.add("jobrunr.background-job-server.enabled", () -> "false");
		registry.add("spring.modulith.events.republish-outstanding-events-on-restart", () -> "false");
	}

	@AfterAll
	static void stop() {
		SMTP.stop();
	}

	@LocalServerPort
	int port;

	@Autowired
	Communities communities;

	@Autowired
	Smbs smbs;

	@Autowired
	ProgramService programService;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Programs programs;

	@Autowired
	CampaignCatalog catalog;

	@Autowired
	ChannelEligibility eligibility;

	@Autowired
	RvmProperties rvm;

	@Autowired
	Renderer renderer;

	@Autowired
	EmailTransport smtp;

	@Autowired
	CampaignProperties properties;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	Clock clock;

	TenantId tenant;

	String suffix;

	LocalDate dayOne = LocalDate.of(2028, 3, 1);

	@BeforeEach
	void setUp() {
		// the senders take due sends of every tenant, and other test classes leave sends
		// of their own queued on this database: those go out first, so that the senders
		// below find only this test's
		sender(500, 8, 20, smtp).sendDue(sendTime().plus(properties.sender().lease()).plus(Duration.ofMinutes(2)));
		tenant = new TenantId(new Tenancy(port).newTenant("Harbor Marketing").id());
		suffix = UUID.randomUUID().toString().substring(0, 8);
		CommunityId community = communities.create(tenant, new NewCommunity("Golden " + suffix, "golden-" + suffix,
				"CO", null, 20_000, "America/Denver", Map.of()));
		for (int i = 0; i < SMBS; i++) {
			SmbId smb = smbs.create(tenant,
					new NewSmb(community, "shop-" + i + "-" + suffix, "Golden Shop " + i, null, "retail", "Shops",
							"Alex Kim", "alex" + i + "-" + suffix + "@goldenshop.example", null, List.of(), null, null,
							null, "CO", null, null, null, null, List.of(), 1, 0, null, null, "self_serve", "free", true,
							false, false, false, false, "test", Map.of()));
			programService.start(tenant, smb, null, dayOne.atTime(7, 0).atZone(ZONE).toInstant());
		}
	}

	Instant sendTime() {
		return dayOne.atTime(10, 5).atZone(ZONE).toInstant();
	}

	/** A sender of its own, as another server process would have. */
	CampaignSender sender(int batchSize, int concurrency, int recordEvery, EmailTransport transport) {
		CampaignProperties.Sender s = properties.sender();
		CampaignProperties own = new CampaignProperties(properties.sendTimeLocal(), properties.publicBaseUrl(),
				properties.landingBaseUrl(), properties.approveBaseUrl(), properties.signingKey(),
				properties.machineClickWindow(), new CampaignProperties.Sender(true, s.pollInterval(), batchSize,
						concurrency, s.maxAttempts(), s.lease(), recordEvery),
				properties.softBounce(), properties.providerDuplicateWindow());
		return new CampaignSender(jdbc, transactions, programs, catalog, eligibility, renderer, transport, own, rvm,
				events, clock);
	}

	long count(String sql) {
		return jdbc.sql(sql).param("t", tenant.value()).query(Long.class).single();
	}

	/** The Message-IDs GreenMail received for this test's SMBs, with how many times each. */
	Map<String, Integer> received() throws MessagingException {
		Map<String, Integer> received = new HashMap<>();
		for (MimeMessage message : SMTP.getReceivedMessages()) {
			if (message.getAllRecipients()[0].toString().endsWith("-" + suffix + "@goldenshop.example")) {
				received.merge(message.getMessageID(), 1, Integer::sum);
			}
		}
		return received;
	}

	List<String> messageIds() {
		return jdbc.sql("SELECT message_id FROM campaign_sends WHERE tenant_id = :t AND status = 'sent'")
			.param("t", tenant.value())
			.query(String.class)
			.list();
	}

	void assertEverySendDeliveredOnce() throws MessagingException {
		assertThat(count("SELECT count(*) FROM campaign_sends WHERE tenant_id = :t AND status = 'sent'"))
			.isEqualTo(SMBS);
		assertThat(count("SELECT count(*) FROM email_events WHERE tenant_id = :t AND event_type = 'sent'"))
			.isEqualTo(SMBS);
		Map<String, Integer> received = received();
		assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(messageIds());
		assertThat(received.values()).as("each Message-ID received once").containsOnly(1);
	}

	@Test
	void aSenderStoppedMidBatchIsReplacedAfterTheLeaseAndEverySendReachesTheMailServerOnce() throws Exception {
		// the process stops after its 7th message: the transport refuses everything after
		// it with an Error, as a dying JVM would; the batch of 12 is half done
		AtomicInteger handed = new AtomicInteger();
		EmailTransport dying = email -> {
			if (handed.incrementAndGet() > 7) {
				throw new StoppedProcess();
			}
			smtp.send(email);
		};
		CampaignSender first = sender(12, 3, 2, dying);
		assertThatThrownBy(() -> first.sendDue(sendTime())).isInstanceOf(StoppedProcess.class);

		assertThat(received()).hasSize(7);
		assertThat(count("SELECT count(*) FROM campaign_sends WHERE tenant_id = :t AND status = 'sent'"))
			.as("what went out before the stop is recorded")
			.isEqualTo(7);
		assertThat(count("SELECT count(*) FROM campaign_sends WHERE tenant_id = :t AND status = 'sending'"))
			.as("the rest of the batch is still held by the stopped sender")
			.isEqualTo(5);

		// another process: within the lease it leaves the stopped sender's sends alone
		CampaignSender second = sender(12, 3, 2, smtp);
		second.sendDue(sendTime().plus(Duration.ofMinutes(1)));
		assertThat(count("SELECT count(*) FROM campaign_sends WHERE tenant_id = :t AND status = 'sending'"))
			.isEqualTo(5);
		// after the lease it takes them over, with their Message-IDs
		second.sendDue(sendTime().plus(properties.sender().lease()).plus(Duration.ofMinutes(2)));

		assertEverySendDeliveredOnce();
		assertThat(count("SELECT count(*) FROM campaign_sends WHERE tenant_id = :t AND attempts = 2")).isEqualTo(5);
	}

	@Test
	void twoSenderInstancesShareTheDaysWorkAndEverySendReachesTheMailServerOnce() throws Exception {
		List<String> byFirst = java.util.Collections.synchronizedList(new ArrayList<>());
		List<String> bySecond = java.util.Collections.synchronizedList(new ArrayList<>());
		// each sender's first message waits until the other has a batch too: both
		// processes are at work at once
		CountDownLatch bothAtWork = new CountDownLatch(2);
		CampaignSender first = sender(4, 2, 3, recording(byFirst, bothAtWork));
		CampaignSender second = sender(4, 2, 3, recording(bySecond, bothAtWork));

		// a thread each (the common pool may have just one on a small machine)
		ExecutorService processes = Executors.newFixedThreadPool(2);
		CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> first.sendDue(sendTime()), processes);
		CompletableFuture<Integer> two = CompletableFuture.supplyAsync(() -> second.sendDue(sendTime()), processes);

		assertThat(one.join() + two.join()).isEqualTo(SMBS);
		processes.shutdown();
		assertThat(byFirst).as("both processes took part").isNotEmpty();
		assertThat(bySecond).as("both processes took part").isNotEmpty();
		assertThat(byFirst).doesNotContainAnyElementsOf(bySecond);
		assertEverySendDeliveredOnce();
		assertThat(count("SELECT count(*) FROM campaign_sends WHERE tenant_id = :t AND attempts = 1"))
			.isEqualTo(SMBS);
	}

	/**
	 * The SMTP transport, noting the Message-IDs it handed over, a little slowly; its
	 * first message waits for the other sender's.
	 */
	EmailTransport recording(List<String> ids, CountDownLatch bothAtWork) {
		AtomicBoolean started = new AtomicBoolean();
		return (OutboundEmail email) -> {
			try {
				if (started.compareAndSet(false, true)) {
					bothAtWork.countDown();
					bothAtWork.await(30, TimeUnit.SECONDS);
				}
				// slow enough that the two senders' batches interleave
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			smtp.send(email);
			ids.add(email.messageId());
		};
	}

	/** What a process going down looks like to the sender. */
	static final class StoppedProcess extends Error {

		StoppedProcess() {
			super("the process stopped");
		}

	}

}

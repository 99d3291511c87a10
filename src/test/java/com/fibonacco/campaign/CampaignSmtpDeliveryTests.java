package com.fibonacco.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fibonacco.campaign.internal.CampaignSender;
import com.fibonacco.community.Communities;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;
import com.fibonacco.smb.Smbs;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;
import com.fibonacco.support.Tenancy.TestTenant;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Program email over SMTP to a real in-process mail server (GreenMail). A context of its
 * own, closed after the class.
 */
@ServerTest
@DirtiesContext
class CampaignSmtpDeliveryTests {

	static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

	static {
		SMTP.start();
	}

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		registry.add("fibonacco.email.transport", () -> "smtp");
		registry.add("fibonacco.email.rate-per-second", () -> "200");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
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
	CampaignSender sender;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aProgramEmailGoesOutOverSmtpOnceAsMultipartWithOneClickUnsubscribe() throws Exception {
		Tenancy tenancy = new Tenancy(port);
		TestTenant tenant = tenancy.newTenant("Harbor Marketing");
		TenantId tenantId = new TenantId(tenant.id());
		CampaignFixtures fixtures = new CampaignFixtures(communities, smbs);
		String email = "maria-" + CampaignFixtures.suffix() + "@waterstreetdiner.example";
		SmbId smb = fixtures.smb(tenantId, fixtures.kent(tenantId), "Water Street Diner", "Maria Alvarez", email);
		assertThat(tenant.admin().post("/api/v1/smbs/" + smb.value() + "/campaign/start", null).status())
			.isEqualTo(200);
		jdbc.sql(
				"UPDATE campaign_sends SET scheduled_for = now() - interval '1 hour' WHERE tenant_id = :t AND smb_id = :s")
			.param("t", tenant.id())
			.param("s", smb.value())
			.update();

		sender.sendDue(Instant.now().minus(Duration.ofMinutes(1)));
		sender.sendDue(Instant.now());

		MimeMessage[] received = Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
			try {
				return m.getAllRecipients()[0].toString().equals(email);
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toArray(MimeMessage[]::new);
		assertThat(received).hasSize(1);
		MimeMessage message = received[0];
		assertThat(message.getSubject())
			.isEqualTo("Maria, what do customers see when they search for Water Street Diner?");
		assertThat(message.getFrom()[0].toString()).isEqualTo("Sarah <sarah@fibonacco.com>");
		assertThat(message.getHeader("List-Unsubscribe", null)).contains("/t/u/");
		assertThat(message.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
		String messageId = jdbc.sql("SELECT message_id FROM campaign_sends WHERE tenant_id = :t AND smb_id = :s")
			.param("t", tenant.id())
			.param("s", smb.value())
			.query(String.class)
			.single();
		assertThat(message.getMessageID()).isEqualTo(messageId);
		assertThat(message.getContentType()).startsWith("multipart/alternative");
		MimeMultipart parts = (MimeMultipart) message.getContent();
		assertThat(parts.getCount()).isEqualTo(2);
		assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
		assertThat((String) parts.getBodyPart(0).getContent()).contains("Hi Maria,", "/t/c/");
		assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
		assertThat((String) parts.getBodyPart(1).getContent()).contains("Water Street Diner", "/t/o/");
		assertThat(tenant.admin().get("/api/v1/smbs/" + smb.value() + "/campaigns").text("/data/sends/0/status"))
			.isEqualTo("sent");
		assertThat(jdbc.sql("SELECT count(*) FROM outbox_messages WHERE tenant_id = :t")
			.param("t", tenant.id())
			.query(Long.class)
			.single()).as("SMTP configured: nothing captured").isZero();
	}

}

package com.fibonacco.campaign.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fibonacco.community.Communities;
import com.fibonacco.community.CommunityId;
import com.fibonacco.community.NewCommunity;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.NewSmb;
import com.fibonacco.smb.SmbId;
import com.fibonacco.smb.Smbs;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** No send lost, none doubled: a sender that dies mid-batch, and two senders at once. */
@ServerTest
class CampaignSenderTests {

	static final ZoneId ZONE = ZoneId.of("America/Denver");

	@LocalServerPort
	int port;

	@Autowired
	Communities communities;

	@Autowired
	Smbs smbs;

	@Autowired
	ProgramService programs;

	@Autowired
	CampaignSender sender;

	@Autowired
	JdbcClient jdbc;

	TenantId tenant;

	LocalDate dayOne = LocalDate.of(2028, 2, 1);

	@BeforeEach
	void setUp() {
		tenant = new TenantId(new Tenancy(port).newTenant("Harbor Marketing").id());
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		CommunityId community = communities.create(tenant, new NewCommunity("Golden " + suffix, "golden-" + suffix,
				"CO", null, 20_000, "America/Denver", Map.of()));
		for (int i = 0; i < 30; i++) {
			SmbId smb = smbs.create(tenant,
					new NewSmb(community, "shop-" + i + "-" + suffix, "Golden Shop " + i, null, "retail", "Shops",
							"Alex Kim", "alex" + i + "-" + suffix + "@goldenshop.example", null, List.of(), null, null,
							null, "CO", null, null, null, null, List.of(), 1, 0, null, null, "self_serve", "free", true,
							false, false, false, false, "test", Map.of()));
			programs.start(tenant, smb, null, dayOne.atTime(7, 0).atZone(ZONE).toInstant());
		}
	}

	Instant sendTime() {
		return dayOne.atTime(10, 5).atZone(ZONE).toInstant();
	}

	long count(String sql) {
		return jdbc.sql(sql).param("t", tenant.value()).query(Long.class).single();
	}

	@Test
	void aSenderThatDiesAfterClaimingIsReplacedAfterTheLeaseAndEverySendGoesOutOnce() {
		List<CampaignSender.Claimed> claimed = sender.claim(sendTime());
		assertThat(claimed).isNotEmpty();
		// the process dies here: its sends stay 'sending' and nobody else takes them yet
		sender.deliverOne(claimed.get(0), sendTime());
		assertThat(sender.sendDue(sendTime().plus(Duration.ofMinutes(1)))).isLessThanOrEqualTo(30 - claimed.size());

		sender.sendDue(sendTime().plus(Duration.ofMinutes(11)));

		assertThat(count("SELECT count(*) FROM campaign_sends WHERE tenant_id = :t AND status = 'sent'")).isEqualTo(30);
		assertThat(count("SELECT count(*) FROM outbox_messages WHERE tenant_id = :t")).isEqualTo(30);
		assertThat(count("SELECT count(DISTINCT message_id) FROM outbox_messages WHERE tenant_id = :t")).isEqualTo(30);
		assertThat(count("SELECT count(*) FROM email_events WHERE tenant_id = :t AND event_type = 'sent'"))
			.isEqualTo(30);
	}

	@Test
	void twoSendersShareTheDaysWorkWithoutDuplicates() {
		CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> sender.sendDue(sendTime()));
		CompletableFuture<Integer> two = CompletableFuture.supplyAsync(() -> sender.sendDue(sendTime()));
		one.join();
		two.join();

		assertThat(count("SELECT count(*) FROM campaign_sends WHERE tenant_id = :t AND status = 'sent'")).isEqualTo(30);
		assertThat(count("SELECT count(*) FROM campaign_sends WHERE tenant_id = :t AND attempts = 1")).isEqualTo(30);
		assertThat(count("SELECT count(*) FROM outbox_messages WHERE tenant_id = :t")).isEqualTo(30);
	}

}

package com.fibonacco.campaign.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fibonacco.campaign.CampaignCatalog;
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

/**
 * The day scheduler writes a batch's sends in one statement: each SMB's send is still
 * decided on its own (the unique key, eligibility, tier frequency), and the SMB's mirror
 * follows the sends of the batch.
 */
@ServerTest
class CampaignDayBatchTests {

	static final ZoneId ZONE = ZoneId.of("America/New_York");

	@LocalServerPort
	int port;

	@Autowired
	Communities communities;

	@Autowired
	Smbs smbs;

	@Autowired
	ProgramService programs;

	@Autowired
	ProgramDays days;

	@Autowired
	CampaignCatalog catalog;

	@Autowired
	JdbcClient jdbc;

	TenantId tenant;

	CommunityId community;

	@BeforeEach
	void setUp() {
		tenant = new TenantId(new Tenancy(port).newTenant("Harbor Marketing").id());
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		community = communities.create(tenant,
				new NewCommunity("Bayview " + suffix, "bayview-" + suffix, "NY", null, 30_000, ZONE.getId(), Map.of()));
	}

	SmbId smb(String name, int tier) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		return smbs.create(tenant,
				new NewSmb(community, name.toLowerCase().replace(' ', '-') + "-" + suffix, name, null, "retail",
						"Bookstores", "Priya Raman", "priya-" + suffix + "@harborbooks.example", "+14155550199",
						List.of(), null, "9 Pier St", "Bayview", "NY", "10000", null, null, null, List.of(), tier, 0,
						null, null, "self_serve", "free", true, false, true, false, false, "test", Map.of()));
	}

	static Instant at(LocalDate date, int hour, int minute) {
		return date.atTime(hour, minute).atZone(ZONE).toInstant();
	}

	@Test
	void aBatchQueuesEverySmbsSendWhileOneAlreadyThereIsKeptAndATierTooSoonIsSkipped() {
		SmbId queued = smb("Harbor Books", 1);
		SmbId already = smb("Pier Coffee", 1);
		SmbId passive = smb("Dock Hardware", 4);
		LocalDate dayOne = LocalDate.of(2027, 10, 4);
		for (SmbId smb : List.of(queued, already, passive)) {
			programs.start(tenant, smb, null, at(dayOne, 7, 0));
		}
		String dayTwo = catalog.getCampaignForDay(tenant, 2).orElseThrow().id();
		// the day-two send of one SMB is there before the scheduler comes to it
		UUID existing = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO campaign_sends (tenant_id, id, smb_id, campaign_id, email, subject, scheduled_for, status,
				  program_day)
				VALUES (:t, :id, :s, :c, 'earlier@pier.example', 'Earlier', :at, 'queued', 2)
				""")
			.param("t", tenant.value())
			.param("id", existing)
			.param("s", already.value())
			.param("c", dayTwo)
			.param("at", at(dayOne.plusDays(1), 9, 0).atOffset(java.time.ZoneOffset.UTC))
			.update();

		days.advanceDueDaysAt(at(dayOne.plusDays(1), 0, 5));

		record Send(UUID id, String status, String skipReason, String email) {
		}
		Map<SmbId, List<Send>> dayTwoSends = new java.util.HashMap<>();
		jdbc.sql("""
				SELECT smb_id, id, status, skip_reason, email FROM campaign_sends
				 WHERE tenant_id = :t AND campaign_id = :c
				""").param("t", tenant.value()).param("c", dayTwo).query((rs, n) -> {
			dayTwoSends.computeIfAbsent(new SmbId(rs.getObject("smb_id", UUID.class)), s -> new java.util.ArrayList<>())
				.add(new Send(rs.getObject("id", UUID.class), rs.getString("status"), rs.getString("skip_reason"),
						rs.getString("email")));
			return null;
		}).list();
		assertThat(dayTwoSends.get(queued)).singleElement().satisfies(send -> {
			assertThat(send.status()).isEqualTo("queued");
			assertThat(send.skipReason()).isNull();
		});
		assertThat(dayTwoSends.get(already)).as("the send already there, untouched")
			.containsExactly(new Send(existing, "queued", null, "earlier@pier.example"));
		assertThat(dayTwoSends.get(passive)).singleElement().satisfies(send -> {
			assertThat(send.status()).isEqualTo("skipped");
			assertThat(send.skipReason()).isEqualTo("tier_frequency");
		});

		// a timeline entry for the send queued now, none for the one already there or the skipped one
		Map<SmbId, Long> entries = new java.util.HashMap<>();
		jdbc.sql("""
				SELECT smb_id, count(*) FROM activities
				 WHERE tenant_id = :t AND activity_type = 'campaign_send_queued' AND metadata ->> 'campaign_id' = :c
				 GROUP BY smb_id
				""").param("t", tenant.value()).param("c", dayTwo).query((rs, n) -> {
			entries.put(new SmbId(rs.getObject(1, UUID.class)), rs.getLong(2));
			return null;
		}).list();
		assertThat(entries).isEqualTo(Map.of(queued, 1L));

		for (SmbId smb : List.of(queued, already, passive)) {
			assertThat(programs.programRow(tenant, smb).day()).isEqualTo(2);
			var mirror = jdbc.sql("""
					SELECT campaign_status, manifest_destiny_day, current_campaign_id, next_scheduled_send FROM smbs
					 WHERE tenant_id = :t AND id = :s
					""").param("t", tenant.value()).param("s", smb.value()).query((rs, n) -> List.of(
					rs.getString(1), rs.getInt(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class).toInstant()))
				.single();
			// the day-one send has not gone out: it is still the next one
			assertThat(mirror).as("mirror of %s", smb)
				.containsExactly("running", 2, dayTwo, at(dayOne, 10, 0));
		}
	}

	@Test
	void aDayPassingMovesTheMirrorButNotTheSmbsVersionSoAnEditReadBeforeItStillApplies() {
		SmbId smb = smb("Harbor Books", 1);
		LocalDate dayOne = LocalDate.of(2027, 10, 4);
		programs.start(tenant, smb, null, at(dayOne, 7, 0));
		record Stamp(long version, OffsetDateTime updatedAt, int day) {
		}
		java.util.function.Supplier<Stamp> stamp = () -> jdbc
			.sql("SELECT version, updated_at, manifest_destiny_day FROM smbs WHERE tenant_id = :t AND id = :s")
			.param("t", tenant.value())
			.param("s", smb.value())
			.query((rs, n) -> new Stamp(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getInt(3)))
			.single();
		Stamp before = stamp.get();

		days.advanceDueDaysAt(at(dayOne.plusDays(1), 0, 5));

		Stamp after = stamp.get();
		assertThat(after.day()).isEqualTo(2);
		assertThat(after.version()).as("the ETag a user read on day one").isEqualTo(before.version());
		assertThat(after.updatedAt()).isEqualTo(before.updatedAt());
	}

}

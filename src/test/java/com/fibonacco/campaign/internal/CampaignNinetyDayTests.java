package com.fibonacco.campaign.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import com.fibonacco.campaign.CampaignProgram;
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
 * Whole programs on a moved clock: the scheduler and the sender run at chosen instants
 * (00:05 and 10:05 local on each day), the moves at chosen local times.
 */
@ServerTest
class CampaignNinetyDayTests {

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
	CampaignSender sender;

	@Autowired
	JdbcClient jdbc;

	TenantId tenant;

	@BeforeEach
	void setUp() {
		tenant = new TenantId(new Tenancy(port).newTenant("Harbor Marketing").id());
	}

	SmbId smbIn(String zone, int tier) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		CommunityId community = communities.create(tenant,
				new NewCommunity("Bayview " + suffix, "bayview-" + suffix, "CA", null, 30_000, zone, Map.of()));
		return smbs.create(tenant,
				new NewSmb(community, "harbor-books-" + suffix, "Harbor Books", null, "retail", "Bookstores",
						"Priya Raman", "priya-" + suffix + "@harborbooks.example", "+14155550199", List.of(), null,
						"9 Pier St", "Bayview", "CA", "94000", null, null, null, List.of(), tier, 0, null, null,
						"self_serve", "free", true, false, true, false, false, "test", Map.of()));
	}

	static Instant at(LocalDate date, int hour, int minute, ZoneId zone) {
		return date.atTime(hour, minute).atZone(zone).toInstant();
	}

	@ParameterizedTest
	@CsvSource({ "America/Los_Angeles", "Pacific/Auckland" })
	void ninetyDaysWithAFiveDayPauseSendEachCampaignOnItsLocalDayAndCompleteAfterDayNinety(String zoneName) {
		ZoneId zone = ZoneId.of(zoneName);
		SmbId smb = smbIn(zoneName, 1);
		// across both zones' daylight saving changes (US 14 March, NZ 4 April)
		LocalDate dayOne = LocalDate.of(2027, 3, 1);
		CampaignProgram started = programs.start(tenant, smb, null, at(dayOne, 8, 30, zone));
		assertThat(started.day()).isEqualTo(1);
		assertThat(started.startDate()).isEqualTo(dayOne);

		int pauseDays = 5;
		LocalDate date = dayOne;
		for (int n = 0; n < 100; n++) {
			Instant morning = at(date, 0, 5, zone);
			days.advanceDueDaysAt(morning);
			days.advanceDueDaysAt(morning.plusSeconds(600));
			sender.sendDue(at(date, 10, 5, zone));
			Program program = programs.programRow(tenant, smb);
			if (program.status().equals("completed")) {
				break;
			}
			int expectedDay = (int) (date.toEpochDay() - dayOne.toEpochDay()) + 1;
			if (expectedDay > 30) {
				expectedDay = Math.max(30, expectedDay - pauseDays);
			}
			assertThat(program.day()).as("program day on %s", date).isEqualTo(expectedDay);
			if (program.day() == 30 && program.status().equals("running") && program.pausedDays() == 0) {
				programs.pause(tenant, smb, "owner on vacation", at(date, 12, 0, zone));
			}
			else if (program.status().equals("paused") && date.equals(program.pausedOn().plusDays(pauseDays))) {
				programs.resume(tenant, smb, at(date, 9, 0, zone));
			}
			date = date.plusDays(1);
		}

		Program done = programs.programRow(tenant, smb);
		assertThat(done.status()).isEqualTo("completed");
		assertThat(done.day()).isEqualTo(90);
		assertThat(done.pausedDays()).isEqualTo(pauseDays);
		assertThat(date).as("completes at the start of the day after day 90")
			.isEqualTo(dayOne.plusDays(90 + pauseDays));

		record Sent(int day, String campaignId, Instant scheduledFor, String status) {
		}
		List<Sent> sends = jdbc.sql("""
				SELECT s.program_day, s.campaign_id, s.scheduled_for, s.status, c.day AS campaign_day
				  FROM campaign_sends s JOIN campaigns c ON c.tenant_id = s.tenant_id AND c.id = s.campaign_id
				 WHERE s.tenant_id = :t AND s.smb_id = :s ORDER BY s.program_day
				""").param("t", tenant.value()).param("s", smb.value()).query((rs, i) -> {
			assertThat(rs.getInt("campaign_day")).isEqualTo(rs.getInt("program_day"));
			return new Sent(rs.getInt("program_day"), rs.getString("campaign_id"),
					rs.getObject("scheduled_for", java.time.OffsetDateTime.class).toInstant(), rs.getString("status"));
		}).list();
		assertThat(sends).hasSize(52);
		assertThat(sends).allSatisfy(send -> {
			assertThat(send.status()).isEqualTo("sent");
			LocalDate local = dayOne.plusDays(send.day() - 1 + (send.day() > 30 ? pauseDays : 0));
			assertThat(send.scheduledFor()).as("day %d (%s)", send.day(), send.campaignId())
				.isEqualTo(local.atTime(LocalTime.of(10, 0)).atZone(zone).toInstant());
		});
		assertThat(sends.get(0).campaignId()).isEqualTo("HOOK-001");
		assertThat(sends.get(51).day()).isEqualTo(90);

		days.advanceDueDaysAt(at(date.plusDays(3), 0, 5, zone));
		assertThat(programs.programRow(tenant, smb)).as("a completed program stays put").isEqualTo(done);
	}

	@Test
	void aSchedulerThatWasDownCatchesUpWithoutSendingADayTwice() {
		ZoneId zone = ZoneId.of("America/Chicago");
		SmbId smb = smbIn("America/Chicago", 1);
		LocalDate dayOne = LocalDate.of(2027, 6, 1);
		programs.start(tenant, smb, null, at(dayOne, 7, 0, zone));

		// down from day 1 until the morning of 4 June: days 2, 3 and 4 pass at once
		Instant late = at(dayOne.plusDays(3), 6, 0, zone);
		days.advanceDueDaysAt(late);
		days.advanceDueDaysAt(late.plusSeconds(3600));

		assertThat(programs.programRow(tenant, smb).day()).isEqualTo(4);
		Map<Integer, Long> perDay = jdbc
			.sql("SELECT program_day FROM campaign_sends WHERE tenant_id = :t AND smb_id = :s")
			.param("t", tenant.value())
			.param("s", smb.value())
			.query(Integer.class)
			.list()
			.stream()
			.collect(Collectors.groupingBy(d -> d, Collectors.counting()));
		assertThat(perDay).isEqualTo(Map.of(1, 1L, 2, 1L, 4, 1L));

		sender.sendDue(at(dayOne.plusDays(3), 10, 5, zone));
		sender.sendDue(at(dayOne.plusDays(3), 10, 6, zone));
		assertThat(jdbc.sql("SELECT count(*) FROM outbox_messages WHERE tenant_id = :t")
			.param("t", tenant.value())
			.query(Long.class)
			.single()).isEqualTo(3);
	}

	@Test
	void aPassiveTierSmbGetsOneEmailEveryTwoWeeksAtMost() {
		ZoneId zone = ZoneId.of("America/New_York");
		SmbId smb = smbIn("America/New_York", 4);
		LocalDate dayOne = LocalDate.of(2027, 9, 1);
		programs.start(tenant, smb, null, at(dayOne, 7, 0, zone));
		for (int d = 1; d < 30; d++) {
			days.advanceDueDaysAt(at(dayOne.plusDays(d), 0, 5, zone));
		}

		List<Integer> queued = jdbc.sql(
				"SELECT program_day FROM campaign_sends WHERE tenant_id = :t AND smb_id = :s AND status = 'queued' ORDER BY 1")
			.param("t", tenant.value())
			.param("s", smb.value())
			.query(Integer.class)
			.list();
		assertThat(queued).containsExactly(1, 15, 29);
	}

}

package com.fibonacco.campaign.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fibonacco.community.Communities;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;
import com.fibonacco.smb.Smbs;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;
import com.fibonacco.support.Tenancy.TestTenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.fibonacco.campaign.internal.VoicemailScenario.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One SMB's whole program with its voicemail follow-ups, on a moved clock, in two time
 * zones (one with daylight saving, one without): every local day the day scheduler runs
 * at 00:05, the drop sender at 10:01, the email sender at 10:05 and the voicemail check
 * at 10:10; the owner opens some emails, pauses the program on day 30 for five days and
 * resumes it. Each campaign goes out on its local day; a voicemail follows exactly the
 * unopened emails of voicemail campaigns, at 10:00 local after the check, up to the
 * tier's limit in each local calendar month, none while paused; the program completes
 * after day 90.
 */
@ServerTest
class CampaignVoicemailNinetyDayTests {

	/** The emails the owner opens (the rest of the voicemail campaigns stay unopened). */
	static final Set<String> OPENED = Set.of("HOOK-002", "MEETING-001", "PROMO-002", "HOOK-010", "UPSELL-002");

	static final int PAUSE_DAYS = 5;

	static final int TIER = 1;

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
	VoicemailFollowUps checks;

	@Autowired
	DropSender drops;

	@Autowired
	JdbcClient jdbc;

	record Send(UUID id, int day, String campaignId, Instant scheduledFor, Instant sentAt, boolean rvmEnabled,
			@Nullable String skipReason, @Nullable Instant checkedAt) {
	}

	record Drop(UUID send, Instant scheduledFor, String status, @Nullable Instant sentAt, String phone) {
	}

	@ParameterizedTest
	@CsvSource({ "America/New_York", "Pacific/Guam" })
	void ninetyDaysWithVoicemailsOnlyWhereDueAndAllowed(String zoneName) throws Exception {
		ZoneId zone = ZoneId.of(zoneName);
		TestTenant tenant = new Tenancy(port).newTenant("Harbor Marketing");
		TenantId tenantId = new TenantId(tenant.id());
		VoicemailScenario scenario = new VoicemailScenario(port, communities, smbs, jdbc);
		SmbId smb = scenario.smb(tenantId, scenario.community(tenantId, zoneName), "+12075550133", true, TIER);
		VoicemailScenario.pinTier(tenant.admin(), smb, TIER);
		// across New York's daylight saving change (14 March); Guam has none
		LocalDate dayOne = LocalDate.of(2027, 3, 1);
		programs.start(tenantId, smb, null, at(dayOne, 8, 30, zone));

		Instant pausedAt = null;
		Instant resumedAt = null;
		int daysAfterCompletion = 0;
		LocalDate date = dayOne;
		for (int n = 0; n < 110 && daysAfterCompletion < 3; n++) {
			Program before = programs.programRow(tenantId, smb);
			if (before.status().equals("paused") && date.equals(before.pausedOn().plusDays(PAUSE_DAYS))) {
				resumedAt = at(date, 9, 0, zone);
				programs.resume(tenantId, smb, resumedAt);
			}
			days.advanceDueDaysAt(at(date, 0, 5, zone));
			drops.sendDue(at(date, 10, 1, zone));
			sender.sendDue(at(date, 10, 5, zone));
			for (UUID sent : sentToOpen(tenantId, smb)) {
				scenario.open(tenantId, sent);
			}
			checks.checkDue(at(date, 10, 10, zone));
			Program program = programs.programRow(tenantId, smb);
			if (program.status().equals("completed")) {
				daysAfterCompletion++;
			}
			else {
				int expectedDay = (int) (date.toEpochDay() - dayOne.toEpochDay()) + 1;
				if (expectedDay > 30) {
					expectedDay = Math.max(30, expectedDay - PAUSE_DAYS);
				}
				assertThat(program.day()).as("program day on %s", date).isEqualTo(expectedDay);
				if (program.day() == 30 && program.status().equals("running") && program.pausedDays() == 0) {
					pausedAt = at(date, 12, 0, zone);
					programs.pause(tenantId, smb, "owner on vacation", pausedAt);
				}
			}
			date = date.plusDays(1);
		}
		Program done = programs.programRow(tenantId, smb);
		assertThat(done.status()).isEqualTo("completed");
		assertThat(done.day()).isEqualTo(90);
		assertThat(done.pausedDays()).isEqualTo(PAUSE_DAYS);
		assertThat(pausedAt).isNotNull();
		assertThat(resumedAt).isNotNull();

		// the right campaign on the right local day
		List<Send> sends = sends(tenantId, smb);
		assertThat(sends).hasSize(52);
		for (Send send : sends) {
			LocalDate local = dayOne.plusDays(send.day() - 1 + (send.day() > 30 ? PAUSE_DAYS : 0));
			assertThat(send.scheduledFor()).as("day %d (%s)", send.day(), send.campaignId())
				.isEqualTo(local.atTime(LocalTime.of(10, 0)).atZone(zone).toInstant());
		}

		// the voicemails: what the rules say, worked out here from what happened
		Map<UUID, Instant> expectedDrops = new LinkedHashMap<>();
		Map<UUID, String> expectedSkips = new HashMap<>();
		Map<YearMonth, Integer> perMonth = new HashMap<>();
		for (Send send : sends) {
			if (!send.rvmEnabled()) {
				assertThat(send.checkedAt()).as("%s has no voicemail", send.campaignId()).isNull();
				continue;
			}
			Instant checked = send.sentAt().plus(Duration.ofHours(24));
			Instant ranAt = at(LocalDate.ofInstant(checked, zone), 10, 10, zone);
			if (OPENED.contains(send.campaignId())) {
				expectedSkips.put(send.id(), "opened");
				continue;
			}
			if (!ranAt.isBefore(pausedAt) && ranAt.isBefore(resumedAt)) {
				expectedSkips.put(send.id(), "program_inactive");
				continue;
			}
			// 10:00 local on the day the check was due, or the next day's when that has
			// passed
			LocalDate checkDate = LocalDate.ofInstant(checked, zone);
			Instant dropAt = at(checkDate, 10, 0, zone);
			if (dropAt.isBefore(checked)) {
				dropAt = at(checkDate.plusDays(1), 10, 0, zone);
			}
			YearMonth month = YearMonth.from(dropAt.atZone(zone));
			if (perMonth.getOrDefault(month, 0) >= 4) {
				expectedSkips.put(send.id(), "monthly_limit");
				continue;
			}
			perMonth.merge(month, 1, Integer::sum);
			expectedDrops.put(send.id(), dropAt);
		}
		List<Drop> dropped = drops(tenantId, smb);
		Map<UUID, Instant> actualDrops = new LinkedHashMap<>();
		dropped.forEach(drop -> actualDrops.put(drop.send(), drop.scheduledFor()));
		assertThat(actualDrops).isEqualTo(expectedDrops);
		for (Send send : sends) {
			if (send.rvmEnabled()) {
				assertThat(send.skipReason()).as("%s", send.campaignId()).isEqualTo(expectedSkips.get(send.id()));
			}
		}
		// the rules were each put to the test
		assertThat(expectedSkips.values()).contains("opened", "monthly_limit");
		assertThat(expectedDrops).hasSizeGreaterThan(10);

		// every voicemail went out once, at 10:00 local, none while the program was
		// paused
		Instant paused = pausedAt;
		Instant resumed = resumedAt;
		assertThat(dropped).allSatisfy(drop -> {
			assertThat(drop.status()).isEqualTo("sent");
			assertThat(drop.phone()).isEqualTo("+12075550133");
			assertThat(drop.sentAt()).isNotNull();
			assertThat(drop.sentAt().isBefore(paused) || !drop.sentAt().isBefore(resumed))
				.as("sent %s, paused %s until %s", drop.sentAt(), paused, resumed)
				.isTrue();
			if (drop.scheduledFor().isBefore(paused) || !drop.scheduledFor().isBefore(resumed)) {
				assertThat(drop.sentAt()).isEqualTo(drop.scheduledFor().plus(Duration.ofMinutes(1)));
			}
		});
		assertThat(scenario.count("SELECT count(*) FROM rvm_outbox WHERE tenant_id = :t", Map.of("t", tenant.id())))
			.isEqualTo(dropped.size());
	}

	/** Today's program emails the owner opens. */
	List<UUID> sentToOpen(TenantId tenant, SmbId smb) {
		return jdbc.sql("""
				SELECT id FROM campaign_sends
				 WHERE tenant_id = :t AND smb_id = :s AND status = 'sent' AND campaign_id IN (:opened)
				""")
			.param("t", tenant.value())
			.param("s", smb.value())
			.param("opened", new ArrayList<>(OPENED))
			.query(UUID.class)
			.list();
	}

	List<Send> sends(TenantId tenant, SmbId smb) {
		return jdbc.sql("""
				SELECT s.*, coalesce(c.rvm_config ->> 'enabled', 'true') = 'true' AS rvm_enabled
				  FROM campaign_sends s JOIN campaigns c ON c.tenant_id = s.tenant_id AND c.id = s.campaign_id
				 WHERE s.tenant_id = :t AND s.smb_id = :s AND s.kind = 'program' ORDER BY s.program_day
				""").param("t", tenant.value()).param("s", smb.value()).query((rs, n) -> {
			assertThat(rs.getString("status")).isIn("sent", "opened");
			return new Send(rs.getObject("id", UUID.class), rs.getInt("program_day"), rs.getString("campaign_id"),
					Programs.instant(rs, "scheduled_for"), Programs.instant(rs, "sent_at"),
					rs.getBoolean("rvm_enabled"), rs.getString("rvm_skip_reason"),
					Programs.instant(rs, "rvm_checked_at"));
		}).list();
	}

	List<Drop> drops(TenantId tenant, SmbId smb) {
		return jdbc.sql("SELECT * FROM rvm_drops WHERE tenant_id = :t AND smb_id = :s ORDER BY scheduled_for")
			.param("t", tenant.value())
			.param("s", smb.value())
			.query((rs, n) -> new Drop(rs.getObject("campaign_send_id", UUID.class),
					Programs.instant(rs, "scheduled_for"), rs.getString("status"), Programs.instant(rs, "sent_at"),
					rs.getString("phone")))
			.list();
	}

}

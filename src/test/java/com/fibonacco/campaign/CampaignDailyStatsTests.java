package com.fibonacco.campaign;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.fibonacco.community.Communities;
import com.fibonacco.community.CommunityId;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;
import com.fibonacco.smb.Smbs;
import com.fibonacco.support.Http;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;
import com.fibonacco.support.Tenancy.TestTenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/v1/campaigns/stats/daily: the tenant's campaign email per day, from the events
 * of its sends, zero-filled, machine opens and clicks left out.
 */
@ServerTest
class CampaignDailyStatsTests {

	private static final String DAILY = "/api/v1/campaigns/stats/daily";

	@LocalServerPort
	int port;

	@Autowired
	Communities communities;

	@Autowired
	Smbs smbs;

	@Autowired
	CampaignCatalog catalog;

	@Autowired
	JdbcClient jdbc;

	Tenancy tenancy;

	TestTenant tenant;

	CampaignFixtures fixtures;

	/**
	 * Every event the fixtures wrote for {@link #tenant}: what the endpoint must count.
	 */
	final List<Event> written = new ArrayList<>();

	final LocalDate today = LocalDate.now(ZoneOffset.UTC);

	record Event(UUID send, String type, Instant at, boolean machine) {
	}

	@BeforeEach
	void setUp() {
		tenancy = new Tenancy(port);
		fixtures = new CampaignFixtures(communities, smbs);
		tenant = tenancy.newTenant("Harbor Marketing");
		TenantId tenantId = new TenantId(tenant.id());
		CommunityId kent = fixtures.kent(tenantId);
		List<String> campaigns = campaigns(tenantId);

		// today: sent, opened twice by the owner and once by a privacy proxy, clicked
		UUID diner = send(tenantId, fixtures.diner(tenantId, kent), campaigns.get(0));
		event(tenantId, diner, "sent", at(0, 2), false);
		event(tenantId, diner, "open", at(0, 3), false);
		event(tenantId, diner, "open", at(0, 4), false);
		event(tenantId, diner, "open", at(0, 3), true);
		event(tenantId, diner, "click", at(0, 5), false);
		// three days ago: one email bounced, one opened only by a scanner and
		// unsubscribed from
		SmbId bakery = fixtures.smb(tenantId, kent, "Main Street Bakery", "Lena Ortiz",
				"lena-" + CampaignFixtures.suffix() + "@mainstreetbakery.example");
		UUID bounced = send(tenantId, bakery, campaigns.get(1));
		event(tenantId, bounced, "sent", at(3, 5), false);
		event(tenantId, bounced, "bounce", at(3, 6), false);
		SmbId florist = fixtures.smb(tenantId, kent, "Petal & Stem Florist", "Omar Haddad",
				"omar-" + CampaignFixtures.suffix() + "@petalandstem.example");
		UUID unsubscribed = send(tenantId, florist, campaigns.get(1));
		event(tenantId, unsubscribed, "sent", at(3, 5), false);
		event(tenantId, unsubscribed, "open", at(3, 6), true);
		event(tenantId, unsubscribed, "click", at(3, 6), true);
		event(tenantId, unsubscribed, "unsubscribe", at(3, 7), false);
		// late in the range, just out of it, and one near midnight UTC (another date
		// elsewhere)
		event(tenantId, send(tenantId, bakery, campaigns.get(2)), "sent", at(29, 1), false);
		event(tenantId, send(tenantId, bakery, campaigns.get(3)), "sent", at(31, 1), false);
		Instant nearMidnight = at(10, 210);
		event(tenantId, send(tenantId, florist, campaigns.get(2)), "sent", nearMidnight, false);

		// another tenant's mail never counts
		TestTenant other = tenancy.newTenant("Globex Marketing");
		TenantId otherId = new TenantId(other.id());
		UUID theirs = send(otherId, fixtures.diner(otherId, fixtures.kent(otherId)), campaigns(otherId).get(0));
		jdbc.sql("""
				INSERT INTO email_events (tenant_id, id, campaign_send_id, event_type, event_at)
				VALUES (:tenant, gen_random_uuid(), :send, 'sent', :at)
				""").param("tenant", other.id()).param("send", theirs).param("at", utc(at(0, 1))).update();
	}

	@Test
	void theLastThirtyDaysAreZeroFilledAndCountEmailsNotEvents() {
		Http.Response response = tenant.admin().get(DAILY + "?days=30");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode data = response.json().at("/data");
		assertThat(data.at("/time_zone").asString()).isEqualTo("UTC");
		assertThat(data.at("/from").asString()).isEqualTo(today.minusDays(29).toString());
		assertThat(data.at("/to").asString()).isEqualTo(today.toString());
		assertThat(data.at("/days").size()).isEqualTo(30);
		for (int i = 0; i < 30; i++) {
			assertThat(data.at("/days/" + i + "/day").asString()).isEqualTo(today.minusDays(29 - i).toString());
		}
		assertThat(byDay(data)).isEqualTo(expected(ZoneOffset.UTC, today.minusDays(29), today));
		// today: one email sent, opened (twice, and by a proxy), clicked
		Map<String, Long> todays = byDay(data).get(today.toString());
		assertThat(todays).containsEntry("sends", 1L).containsEntry("opens", 1L).containsEntry("clicks", 1L);
		assertThat(data.at("/totals/sends").asLong()).isEqualTo(5);
		assertThat(data.at("/totals/opens").asLong()).isEqualTo(1);
		assertThat(data.at("/totals/clicks").asLong()).isEqualTo(1);
		assertThat(data.at("/totals/bounces").asLong()).isEqualTo(1);
		assertThat(data.at("/totals/unsubscribes").asLong()).isEqualTo(1);
	}

	@Test
	void daysDefaultToThirtyAndAShorterRangeCountsOnlyItsDays() {
		JsonNode standard = tenant.admin().get(DAILY).json().at("/data");
		assertThat(standard.at("/days").size()).isEqualTo(30);

		JsonNode week = tenant.admin().get(DAILY + "?days=7").json().at("/data");
		assertThat(week.at("/days").size()).isEqualTo(7);
		assertThat(byDay(week)).isEqualTo(expected(ZoneOffset.UTC, today.minusDays(6), today));
	}

	@Test
	void daysAreDatesInTheAskedTimeZone() {
		ZoneId losAngeles = ZoneId.of("America/Los_Angeles");

		JsonNode data = tenant.admin().get(DAILY + "?days=30&time_zone=America/Los_Angeles").json().at("/data");

		LocalDate localToday = LocalDate.now(losAngeles);
		assertThat(data.at("/time_zone").asString()).isEqualTo("America/Los_Angeles");
		assertThat(data.at("/to").asString()).isEqualTo(localToday.toString());
		assertThat(byDay(data)).isEqualTo(expected(losAngeles, localToday.minusDays(29), localToday));
		// 03:30 UTC is the evening before in California
		assertThat(byDay(data).get(today.minusDays(11).toString())).containsEntry("sends", 1L);
	}

	@Test
	void everyRoleReadsItAndBadParametersAreNamed() {
		for (String role : List.of("viewer", "agent", "manager")) {
			Http.Response response = tenancy.newUser(tenant, role).http().get(DAILY);
			assertThat(response.status()).as(role).isEqualTo(200);
			assertThat(response.json().at("/data/totals/sends").asLong()).as(role).isEqualTo(5);
		}
		assertThat(new Http(port).get(DAILY).status()).isEqualTo(401);
		for (String bad : List.of("days=0", "days=367", "days=thirty")) {
			Http.Response response = tenant.admin().get(DAILY + "?" + bad);
			assertThat(response.status()).as(bad).isEqualTo(422);
			assertThat(response.text("/errors/0/field")).as(bad).isEqualTo("days");
		}
		for (String bad : List.of("Mars/Olympus_Mons", "%2B05:00", "EST")) {
			Http.Response response = tenant.admin().get(DAILY + "?time_zone=" + bad);
			assertThat(response.status()).as(bad).isEqualTo(422);
			assertThat(response.text("/errors/0/field")).as(bad).isEqualTo("time_zone");
		}
	}

	// ------------------------------------------------------------------ fixtures

	private List<String> campaigns(TenantId tenantId) {
		catalog.installDefaultCatalog(tenantId);
		return jdbc.sql("SELECT id FROM campaigns WHERE tenant_id = :tenant AND is_active ORDER BY day LIMIT 4")
			.param("tenant", tenantId.value())
			.query(String.class)
			.list();
	}

	private UUID send(TenantId tenantId, SmbId smb, String campaign) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO campaign_sends (tenant_id, id, smb_id, campaign_id, email, subject, status, sent_at)
				VALUES (:tenant, :id, :smb, :campaign, :email, 'A note for you', 'sent', now())
				""")
			.param("tenant", tenantId.value())
			.param("id", id)
			.param("smb", smb.value())
			.param("campaign", campaign)
			.param("email", "owner-" + CampaignFixtures.suffix() + "@example.com")
			.update();
		return id;
	}

	private void event(TenantId tenantId, UUID send, String type, Instant at, boolean machine) {
		jdbc.sql("""
				INSERT INTO email_events (tenant_id, id, campaign_send_id, event_type, event_at, machine_generated)
				VALUES (:tenant, gen_random_uuid(), :send, :type, :at, :machine)
				""")
			.param("tenant", tenantId.value())
			.param("send", send)
			.param("type", type)
			.param("at", utc(at))
			.param("machine", machine)
			.update();
		written.add(new Event(send, type, at, machine));
	}

	/**
	 * Minutes into the UTC day that many days ago: fixed dates whatever the time of the
	 * run (today's may lie a little ahead; they count on today all the same).
	 */
	private Instant at(int daysAgo, int minutes) {
		return today.minusDays(daysAgo).atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofMinutes(minutes));
	}

	private static java.time.OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/** What the endpoint should answer, computed from the fixtures' events. */
	private Map<String, Map<String, Long>> expected(ZoneId zone, LocalDate from, LocalDate to) {
		Map<String, Map<String, Set<UUID>>> emails = new HashMap<>();
		for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
			emails.put(day.toString(), new HashMap<>());
		}
		Map<String, String> kinds = Map.of("sent", "sends", "open", "opens", "click", "clicks", "bounce", "bounces",
				"unsubscribe", "unsubscribes");
		for (Event e : written) {
			Map<String, Set<UUID>> day = emails.get(e.at().atZone(zone).toLocalDate().toString());
			if (day != null && !e.machine()) {
				day.computeIfAbsent(kinds.get(e.type()), k -> new HashSet<>()).add(e.send());
			}
		}
		Map<String, Map<String, Long>> expected = new HashMap<>();
		emails.forEach((day, counts) -> {
			Map<String, Long> row = new HashMap<>();
			for (String kind : kinds.values()) {
				row.put(kind, (long) counts.getOrDefault(kind, Set.of()).size());
			}
			expected.put(day, row);
		});
		return expected;
	}

	private static Map<String, Map<String, Long>> byDay(JsonNode data) {
		Map<String, Map<String, Long>> days = new HashMap<>();
		for (JsonNode day : data.at("/days")) {
			Map<String, Long> row = new HashMap<>();
			for (String kind : List.of("sends", "opens", "clicks", "bounces", "unsubscribes")) {
				row.put(kind, day.at("/" + kind).asLong());
			}
			days.put(day.at("/day").asString(), row);
		}
		return days;
	}

}

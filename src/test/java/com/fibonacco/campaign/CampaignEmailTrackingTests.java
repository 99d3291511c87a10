package com.fibonacco.campaign;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.fibonacco.campaign.internal.CampaignSender;
import com.fibonacco.community.Communities;
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
import static org.awaitility.Awaitility.await;

/** A program email through the captured outbox, opened, clicked and unsubscribed from. */
@ServerTest
class CampaignEmailTrackingTests {

	static final String BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";

	static final Pattern TRACKING = Pattern.compile("/t/([ocu])/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

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

	Tenancy tenancy;

	TestTenant tenant;

	SmbId smb;

	String email;

	HttpClient client = HttpClient.newHttpClient();

	@BeforeEach
	void setUp() {
		tenancy = new Tenancy(port);
		tenant = tenancy.newTenant("Harbor Marketing");
		TenantId tenantId = new TenantId(tenant.id());
		CampaignFixtures fixtures = new CampaignFixtures(communities, smbs);
		email = "joe-" + CampaignFixtures.suffix() + "@joesbar.example";
		smb = fixtures.smb(tenantId, fixtures.kent(tenantId), "Joe's Bar & Grill <b>", "Joe \"JJ\" O'Hara", email);
	}

	/**
	 * Starts the program and delivers day 1's email as if its send time came a minute
	 * ago.
	 */
	JsonNode startAndDeliver() {
		assertThat(tenant.admin().post("/api/v1/smbs/" + smb.value() + "/campaign/start", null).status())
			.isEqualTo(200);
		jdbc.sql(
				"UPDATE campaign_sends SET scheduled_for = now() - interval '1 hour' WHERE tenant_id = :t AND smb_id = :s")
			.param("t", tenant.id())
			.param("s", smb.value())
			.update();
		assertThat(sender.sendDue(Instant.now().minus(Duration.ofMinutes(1)))).isPositive();
		Http.Response outbox = tenant.admin().get("/api/v1/outbox?to=" + email);
		assertThat(outbox.status()).isEqualTo(200);
		assertThat(outbox.json().at("/meta/total").asLong()).isEqualTo(1);
		return outbox.json().at("/data/0");
	}

	@Test
	void aProgramEmailIsRenderedWithEscapedMergeFieldsTrackedLinksAndOneClickUnsubscribeHeaders() {
		JsonNode message = startAndDeliver();

		assertThat(message.at("/subject").asString())
			.isEqualTo("Joe, what do customers see when they search for Joe's Bar & Grill <b>?");
		String html = message.at("/body_html").asString();
		assertThat(html).contains("Joe&#39;s Bar &amp; Grill &lt;b&gt;").doesNotContain("Grill <b>");
		assertThat(html).doesNotContain("fibonacco.com/approve", "fibonacco.com/learn", "{{");
		assertThat(message.at("/body_text").asString()).contains("Joe's Bar & Grill <b>").doesNotContain("{{");
		assertThat(kinds(html)).contains("o", "c", "u");
		String unsubscribe = message.at("/headers/List-Unsubscribe").asString();
		assertThat(unsubscribe).startsWith("<http").contains("/t/u/").endsWith(">");
		assertThat(message.at("/headers/List-Unsubscribe-Post").asString()).isEqualTo("List-Unsubscribe=One-Click");
		assertThat(message.at("/message_id").asString()).matches("<[0-9a-f-]{36}@fibonacco\\.com>");

		JsonNode send = sends().at("/0");
		assertThat(send.at("/status").asString()).isEqualTo("sent");
		assertThat(send.at("/message_id").asString()).isEqualTo(message.at("/message_id").asString());
		assertThat(send.at("/events/0/event_type").asString()).isEqualTo("sent");
	}

	@Test
	void sendThenOpenThenClickThenUnsubscribe() throws Exception {
		JsonNode message = startAndDeliver();
		String html = message.at("/body_html").asString();

		HttpResponse<byte[]> pixel = get(link(html, "o"), BROWSER);
		assertThat(pixel.statusCode()).isEqualTo(200);
		assertThat(pixel.headers().firstValue("Content-Type")).hasValue("image/gif");
		assertThat(new String(pixel.body(), 0, 6)).isEqualTo("GIF89a");
		JsonNode opened = sends().at("/0");
		assertThat(opened.at("/status").asString()).isEqualTo("opened");
		assertThat(opened.at("/open_count").asInt()).isEqualTo(1);

		String approve = links(html, "c").get(0);
		HttpResponse<byte[]> click = get(approve, BROWSER);
		assertThat(click.statusCode()).isEqualTo(302);
		assertThat(click.headers().firstValue("Location").orElseThrow())
			.startsWith("https://fibonacco.com/approve/is-your-business-showing-up-when-neighbors-search?smb=");
		JsonNode clicked = sends().at("/0");
		assertThat(clicked.at("/status").asString()).isEqualTo("clicked");
		assertThat(clicked.at("/click_count").asInt()).isEqualTo(1);
		assertThat(clicked.at("/events").findValuesAsString("event_type")).containsExactly("sent", "open", "click");

		String unsubscribe = link(html, "u");
		HttpResponse<byte[]> page = get(unsubscribe, BROWSER);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(new String(page.body())).contains("<form method=\"post\"", "Joe&#39;s Bar &amp; Grill &lt;b&gt;");
		assertThat(smbJson().at("/data/email_opted_in").asBoolean()).as("a GET never unsubscribes").isTrue();

		HttpResponse<byte[]> oneClick = postOneClick(unsubscribe);
		assertThat(oneClick.statusCode()).isEqualTo(200);
		JsonNode after = smbJson().at("/data");
		assertThat(after.at("/email_opted_in").asBoolean()).isFalse();
		assertThat(after.at("/can_contact/email").asBoolean()).isFalse();
		assertThat(jdbc
			.sql("SELECT count(*) FROM suppressions WHERE tenant_id = :t AND channel = 'email' AND address = :a")
			.param("t", tenant.id())
			.param("a", email)
			.query(Long.class)
			.single()).isEqualTo(1);

		assertThat(postOneClick(unsubscribe).statusCode()).as("one-click is idempotent").isEqualTo(200);
		assertThat(sends().at("/0/events").findValuesAsString("event_type")).containsExactly("sent", "open", "click",
				"unsubscribe");

		// the events feed engagement after commit
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode signals = tenant.admin()
				.get("/api/v1/smbs/" + smb.value() + "/engagement")
				.json()
				.at("/data/recent_signals");
			assertThat(signals.findValuesAsString("signal_type")).contains("email_open", "email_click", "unsubscribe");
			assertThat(signals.findValues("scored").stream().filter(JsonNode::asBoolean).count())
				.isGreaterThanOrEqualTo(2);
		});
	}

	@Test
	void machineOpensAndClicksAreRecordedButFlaggedAndNotCounted() throws Exception {
		String html = startAndDeliver().at("/body_html").asString();

		get(link(html, "o"),
				"Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)");
		get(link(html, "o"), "Mozilla/5.0");
		assertThat(get(links(html, "c").get(0), "Barracuda Sentinel (EE)").statusCode()).isEqualTo(302);

		JsonNode send = sends().at("/0");
		assertThat(send.at("/open_count").asInt()).isZero();
		assertThat(send.at("/machine_open_count").asInt()).isEqualTo(2);
		assertThat(send.at("/click_count").asInt()).isZero();
		assertThat(send.at("/machine_click_count").asInt()).isEqualTo(1);
		assertThat(send.at("/status").asString()).isEqualTo("sent");
		assertThat(send.at("/events").findValues("machine_generated").stream().filter(JsonNode::asBoolean).count())
			.isEqualTo(3);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode signals = tenant.admin()
				.get("/api/v1/smbs/" + smb.value() + "/engagement")
				.json()
				.at("/data/recent_signals");
			assertThat(signals.size()).isEqualTo(3);
			assertThat(signals.findValues("scored").stream().noneMatch(JsonNode::asBoolean)).isTrue();
		});
	}

	@Test
	void concurrentOpensAndClicksAreEachRecordedOnceAndCountedExactly() throws Exception {
		String html = startAndDeliver().at("/body_html").asString();
		String open = link(html, "o");
		String click = links(html, "c").get(0);
		// clicks within the machine-click window of the send would count as a scanner's
		jdbc.sql("UPDATE campaign_sends SET sent_at = sent_at - interval '1 hour' WHERE tenant_id = :t AND smb_id = :s")
			.param("t", tenant.id())
			.param("s", smb.value())
			.update();
		int each = 60;
		List<java.util.concurrent.CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
		for (int i = 0; i < each; i++) {
			for (String path : List.of(open, click)) {
				answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
					.header("User-Agent", BROWSER)
					.GET()
					.build(), HttpResponse.BodyHandlers.ofByteArray()));
			}
		}
		for (var answer : answers) {
			assertThat(answer.get().statusCode()).isIn(200, 302);
		}

		// every answered hit is already committed: nothing to wait for
		JsonNode send = sends().at("/0");
		assertThat(send.at("/open_count").asInt()).isEqualTo(each);
		assertThat(send.at("/click_count").asInt()).isEqualTo(each);
		assertThat(send.at("/status").asString()).isEqualTo("clicked");
		assertThat(send.at("/events").findValuesAsString("event_type").stream().filter("open"::equals).count())
			.isEqualTo(each);
		assertThat(send.at("/events").findValuesAsString("event_type").stream().filter("click"::equals).count())
			.isEqualTo(each);
		assertThat(jdbc.sql("""
				SELECT count(*) FROM activities
				 WHERE tenant_id = :t AND smb_id = :s AND activity_type IN ('email_opened', 'email_clicked')
				""").param("t", tenant.id()).param("s", smb.value()).query(Long.class).single())
			.as("one timeline entry per hit")
			.isEqualTo(2L * each);
	}

	@Test
	void aLinkCheckersHeadIsAMachineHitAndOtherMethodsAreNotTracked() throws Exception {
		String html = startAndDeliver().at("/body_html").asString();
		String open = link(html, "o");
		String click = links(html, "c").get(0);

		HttpResponse<byte[]> head = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + click))
			.method("HEAD", HttpRequest.BodyPublishers.noBody())
			.header("User-Agent", BROWSER)
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(head.statusCode()).isEqualTo(302);
		assertThat(head.headers().firstValue("Cache-Control")).hasValue("no-store");
		HttpResponse<byte[]> post = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + open))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(post.statusCode()).isEqualTo(405);

		JsonNode send = sends().at("/0");
		assertThat(send.at("/machine_click_count").asInt()).isEqualTo(1);
		assertThat(send.at("/click_count").asInt()).isZero();
		assertThat(send.at("/machine_open_count").asInt() + send.at("/open_count").asInt()).isZero();
	}

	@Test
	void aForgedOrAlteredTokenRecordsNothingAndNeverRedirects() throws Exception {
		String html = startAndDeliver().at("/body_html").asString();
		String click = links(html, "c").get(0);
		String token = click.substring("/t/c/".length());
		char last = token.charAt(token.length() - 1);
		String altered = "/t/c/" + token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
		char first = token.charAt(0);
		String alteredPayload = "/t/c/" + (first == 'A' ? 'B' : 'A') + token.substring(1);

		for (String forged : List.of(altered, alteredPayload, "/t/c/not-a-token",
				"/t/c/" + link(html, "o").substring(5), "/t/c/" + link(html, "u").substring(5))) {
			HttpResponse<byte[]> response = get(forged, BROWSER);
			assertThat(response.statusCode()).as(forged).isEqualTo(404);
			assertThat(response.headers().firstValue("Location")).isEmpty();
		}
		String pixel = link(html, "o");
		HttpResponse<byte[]> forgedPixel = get(pixel.substring(0, pixel.length() - 2) + "xx", BROWSER);
		assertThat(forgedPixel.statusCode()).as("the pixel always answers the image").isEqualTo(200);
		assertThat(forgedPixel.headers().firstValue("Content-Type")).hasValue("image/gif");
		String unsubscribe = link(html, "u");
		assertThat(postOneClick(unsubscribe.substring(0, unsubscribe.length() - 2) + "xx").statusCode()).isEqualTo(404);

		JsonNode send = sends().at("/0");
		assertThat(send.at("/events").findValuesAsString("event_type")).containsExactly("sent");
		assertThat(send.at("/open_count").asInt() + send.at("/machine_open_count").asInt()).isZero();
		assertThat(smbJson().at("/data/email_opted_in").asBoolean()).isTrue();
	}

	@Test
	void anSmbThatOptedOutOfEmailGetsNoSendJustASkippedDay() {
		jdbc.sql("UPDATE smbs SET email_opted_in = false WHERE tenant_id = :t AND id = :s")
			.param("t", tenant.id())
			.param("s", smb.value())
			.update();

		tenant.admin().post("/api/v1/smbs/" + smb.value() + "/campaign/start", null);

		JsonNode send = sends().at("/0");
		assertThat(send.at("/status").asString()).isEqualTo("skipped");
		assertThat(send.at("/skip_reason").asString()).isEqualTo("not_eligible");
	}

	@Test
	void theOutboxIsForAdminsAndManagersOfTheTenantOnly() {
		startAndDeliver();

		assertThat(tenancy.newUser(tenant, "viewer").http().get("/api/v1/outbox").status()).isEqualTo(403);
		TestTenant other = tenancy.newTenant("Globex Marketing");
		assertThat(other.admin().get("/api/v1/outbox?to=" + email).json().at("/meta/total").asLong()).isZero();
	}

	JsonNode sends() {
		return tenant.admin().get("/api/v1/smbs/" + smb.value() + "/campaigns").json().at("/data/sends");
	}

	JsonNode smbJson() {
		return tenant.admin().get("/api/v1/smbs/" + smb.value()).json();
	}

	static String link(String html, String kind) {
		return links(html, kind).get(0);
	}

	static List<String> links(String html, String kind) {
		List<String> found = new ArrayList<>();
		Matcher m = TRACKING.matcher(html);
		while (m.find()) {
			if (m.group(1).equals(kind)) {
				found.add(m.group());
			}
		}
		assertThat(found).as("links of kind " + kind).isNotEmpty();
		return found;
	}

	static List<String> kinds(String html) {
		List<String> found = new ArrayList<>();
		Matcher m = TRACKING.matcher(html);
		while (m.find()) {
			found.add(m.group(1));
		}
		return found;
	}

	HttpResponse<byte[]> get(String path, String userAgent) throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("User-Agent", userAgent)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	HttpResponse<byte[]> postOneClick(String path) throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

}

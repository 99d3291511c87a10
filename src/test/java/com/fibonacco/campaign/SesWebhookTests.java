package com.fibonacco.campaign;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.fibonacco.campaign.internal.CampaignSender;
import com.fibonacco.community.Communities;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;
import com.fibonacco.smb.Smbs;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.SnsSigning;
import com.fibonacco.support.Tenancy;
import com.fibonacco.support.Tenancy.TestTenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Program email through the Amazon SES transport (a WireMock SES), then SES's
 * notifications by SNS to {@code POST /webhooks/ses}: fixtures shaped like AWS's
 * documented examples, signed here with a self-made key whose certificate WireMock
 * serves. A context of its own, where WireMock's {@code http://localhost} stands in for
 * the https SNS hosts production insists on.
 */
@ServerTest
@DirtiesContext
class SesWebhookTests {

	static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:fibonacco-ses-events";

	static final String SES_PATH = "/v2/email/outbound-emails";

	static final String CERTIFICATE_PATH = "/SimpleNotificationService-7506a1e35b36ef5a444dd1a8e7cc3ed8.pem";

	static final String BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final SnsSigning SNS = SnsSigning.generate();

	/** Amazon SES and Amazon SNS, as far as these tests need them. */
	static final WireMockServer AWS = new WireMockServer(options().dynamicPort().globalTemplating(true));

	static {
		AWS.start();
		AWS.stubFor(post(urlEqualTo(SES_PATH)).willReturn(
				okJson("{\"MessageId\":\"0100{{randomValue length=12 type='HEXADECIMAL' lowercase=true}}-{{randomValue type='UUID'}}-000000\"}")));
		AWS.stubFor(get(urlEqualTo(CERTIFICATE_PATH)).willReturn(ok(SNS.certificatePem())));
		AWS.stubFor(get(urlPathEqualTo("/"))
			.withQueryParam("Action", equalTo("ConfirmSubscription"))
			.willReturn(ok("<ConfirmSubscriptionResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"/>")));
	}

	@DynamicPropertySource
	static void aws(DynamicPropertyRegistry registry) {
		registry.add("fibonacco.email.transport", () -> "ses");
		registry.add("fibonacco.email.ses.endpoint", AWS::baseUrl);
		registry.add("fibonacco.email.ses.access-key-id", () -> "AKIAIOSFODNN7EXAMPLE");
		registry.add("fibonacco.email.ses.secret-access-key", () -> "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
		registry.add("fibonacco.email.ses.configuration-set", () -> "fibonacco-campaigns");
		registry.add("fibonacco.email.ses.max-attempts", () -> "1");
		registry.add("fibonacco.email.ses.webhook.topic-arns", () -> TOPIC);
		// WireMock stands in for SNS; production allows only https on SNS hosts
		registry.add("fibonacco.email.ses.webhook.certificate-host-pattern", () -> "localhost");
		registry.add("fibonacco.email.ses.webhook.certificate-scheme", () -> "http");
		registry.add("fibonacco.campaign.soft-bounce.max-retries", () -> "2");
		registry.add("fibonacco.campaign.soft-bounce.backoff", () -> "1h");
		// this context shares the database with the other tests' context: it must not
		// run their jobs or redeliver their events
		registry.add("jobrunr.background-job-server.enabled", () -> "false");
		registry.add("spring.modulith.events.republish-outstanding-events-on-restart", () -> "false");
	}

	@AfterAll
	static void stop() {
		AWS.stop();
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

	HttpClient client = HttpClient.newHttpClient();

	TestTenant tenant;

	SmbId smb;

	String email;

	UUID sendId;

	String messageId;

	@BeforeEach
	void sendDayOneThroughSes() {
		tenant = new Tenancy(port).newTenant("Harbor Marketing");
		TenantId tenantId = new TenantId(tenant.id());
		CampaignFixtures fixtures = new CampaignFixtures(communities, smbs);
		email = "maria-" + CampaignFixtures.suffix() + "@waterstreetdiner.example";
		smb = fixtures.smb(tenantId, fixtures.kent(tenantId), "Water Street Diner", "Maria Alvarez", email);
		assertThat(tenant.admin().post("/api/v1/smbs/" + smb.value() + "/campaign/start", null).status())
			.isEqualTo(200);
		deliverQueuedSend();
		JsonNode send = send();
		assertThat(send.at("/status").asString()).isEqualTo("sent");
		sendId = UUID.fromString(send.at("/id").asString());
		messageId = send.at("/message_id").asString();
		assertThat(sesRequestsTo(email)).hasSize(1);
	}

	@Test
	void aDeliveryMarksTheSendDelivered() throws Exception {
		Map<String, String> delivery = notification("delivery.json", Instant.now(), 1);

		HttpResponse<String> response = postToWebhook(delivery);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(JSON.readTree(response.body()).at("/data/outcome").asString()).isEqualTo("processed");
		JsonNode send = send();
		assertThat(send.at("/status").asString()).isEqualTo("delivered");
		assertThat(send.at("/delivered_at").isNull()).isFalse();
		assertThat(send.at("/events").findValuesAsString("event_type")).containsExactly("sent", "delivered");
	}

	@Test
	void aHardBounceSuppressesTheAddressEndsTheSendAndPublishesEmailBounced() throws Exception {
		HttpResponse<String> response = postToWebhook(notification("bounce-permanent.json", Instant.now(), 2));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode send = send();
		assertThat(send.at("/status").asString()).isEqualTo("bounced");
		assertThat(send.at("/bounced_at").isNull()).isFalse();
		JsonNode bounce = send.at("/events/1");
		assertThat(bounce.at("/event_type").asString()).isEqualTo("bounce");
		assertThat(bounce.at("/bounce_type").asString()).isEqualTo("permanent");
		assertThat(suppressionReasons()).containsExactly("hard_bounce");
		assertThat(smbJson().at("/can_contact/email").asBoolean()).isFalse();
		assertThat(emailBouncedPublished()).isEqualTo(1);
		assertThat(timeline()).contains("Email bounced (permanent)");
	}

	@Test
	void aComplaintSuppressesTheAddressAndMarksTheSmbDoNotContact() throws Exception {
		HttpResponse<String> response = postToWebhook(notification("complaint.json", Instant.now(), 1));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode send = send();
		assertThat(send.at("/status").asString()).isEqualTo("complained");
		assertThat(send.at("/complained_at").isNull()).isFalse();
		assertThat(send.at("/events").findValuesAsString("event_type")).containsExactly("sent", "complaint");
		assertThat(suppressionReasons()).containsExactly("complaint");
		JsonNode smbAfter = smbJson();
		assertThat(smbAfter.at("/do_not_contact").asBoolean()).isTrue();
		assertThat(smbAfter.at("/can_contact/email").asBoolean()).isFalse();
		assertThat(smbAfter.at("/can_contact/rvm").asBoolean()).isFalse();
		assertThat(timeline()).contains("Updated do not contact");
	}

	@Test
	void aSoftBounceQueuesTheSendAgainWithBackoffUntilTheRetriesRunOut() throws Exception {
		for (int bounce = 1; bounce <= 2; bounce++) {
			Instant before = Instant.now();
			assertThat(postToWebhook(notification("bounce-transient.json", Instant.now(), 1)).statusCode())
				.isEqualTo(200);

			JsonNode queued = send();
			assertThat(queued.at("/status").asString()).as("after soft bounce " + bounce).isEqualTo("queued");
			assertThat(queued.at("/soft_bounce_count").asInt()).isEqualTo(bounce);
			Duration backoff = Duration.ofHours(1L << (bounce - 1));
			assertThat(Duration.between(before, Instant.parse(queued.at("/scheduled_for").asString())))
				.as("1h, then 2h")
				.isBetween(backoff.minusMinutes(1), backoff.plusMinutes(1));
			assertThat(suppressionReasons()).isEmpty();

			deliverQueuedSend();
			assertThat(send().at("/status").asString()).isEqualTo("sent");
			assertThat(sesRequestsTo(email)).hasSize(bounce + 1);
		}
		assertThat(postToWebhook(notification("bounce-transient.json", Instant.now(), 2)).statusCode()).isEqualTo(200);

		JsonNode send = send();
		assertThat(send.at("/status").asString()).as("the third soft bounce is the last").isEqualTo("bounced");
		assertThat(send.at("/soft_bounce_count").asInt()).isEqualTo(3);
		List<String> bounceTypes = new ArrayList<>();
		send.at("/events")
			.forEach(event -> bounceTypes.add(event.at("/event_type").asString() + " " + event.at("/bounce_type")));
		assertThat(bounceTypes).containsExactly("sent null", "bounce \"transient\"", "bounce \"transient\"",
				"bounce \"transient\"");
		assertThat(suppressionReasons()).as("a soft bounce never suppresses").isEmpty();
		assertThat(smbJson().at("/can_contact/email").asBoolean()).isTrue();
		assertThat(emailBouncedPublished()).isEqualTo(3);
		deliverQueuedSend();
		assertThat(sesRequestsTo(email)).hasSize(3);
	}

	@Test
	void aReplayedNotificationChangesNothing() throws Exception {
		Map<String, String> bounce = notification("bounce-permanent.json", Instant.now(), 1);
		assertThat(postToWebhook(bounce).statusCode()).isEqualTo(200);
		String sendBefore = send().toString();
		String smbBefore = smbJson().at("/do_not_contact").toString() + smbJson().at("/can_contact");

		HttpResponse<String> replay = postToWebhook(bounce);

		assertThat(replay.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(replay.body()).at("/data/outcome").asString()).isEqualTo("replayed");
		assertThat(send().toString()).isEqualTo(sendBefore);
		assertThat(smbJson().at("/do_not_contact").toString() + smbJson().at("/can_contact")).isEqualTo(smbBefore);
		assertThat(suppressionReasons()).containsExactly("hard_bounce");
		assertThat(emailBouncedPublished()).isEqualTo(1);
		assertThat(timeline().stream().filter(title -> title.startsWith("Email bounced")).count()).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM sns_notifications WHERE message_id = :id",
				Map.of("id", bounce.get("MessageId"))))
			.isEqualTo(1);
	}

	@Test
	void aBadSignatureAnUnexpectedTopicOrACertificateOffTheSnsHostsIsRefusedAndRecordsNothing() throws Exception {
		Map<String, String> signed = notification("bounce-permanent.json", Instant.now(), 1);
		Map<String, String> altered = new LinkedHashMap<>(signed);
		altered.put("Message", signed.get("Message").replace("\"Permanent\"", "\"Transient\""));
		Map<String, String> otherKey = SnsSigning.generate()
			.notification(TOPIC, AWS.baseUrl() + CERTIFICATE_PATH, signed.get("Message"), 1);
		Map<String, String> otherTopic = SNS.notification("arn:aws:sns:us-east-1:123456789012:someone-elses-topic",
				AWS.baseUrl() + CERTIFICATE_PATH, signed.get("Message"), 1);
		// the same WireMock, by a host name the configuration does not allow
		Map<String, String> offHost = SNS.notification(TOPIC,
				"http://127.0.0.1:" + AWS.port() + "/SimpleNotificationService-elsewhere.pem", signed.get("Message"),
				1);
		Map<String, String> unsigned = new LinkedHashMap<>(signed);
		unsigned.put("Signature", Base64.getEncoder().encodeToString(new byte[256]));

		for (var refusal : List.of(Map.entry(altered, "sns_signature_invalid"),
				Map.entry(otherKey, "sns_signature_invalid"), Map.entry(unsigned, "sns_signature_invalid"),
				Map.entry(otherTopic, "sns_topic_unexpected"), Map.entry(offHost, "sns_certificate_refused"))) {
			HttpResponse<String> response = postToWebhook(refusal.getKey());
			assertThat(response.statusCode()).as(refusal.getValue()).isEqualTo(403);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(JSON.readTree(response.body()).at("/code").asString()).isEqualTo(refusal.getValue());
			assertThat(count("SELECT count(*) FROM sns_notifications WHERE message_id = :id",
					Map.of("id", refusal.getKey().get("MessageId"))))
				.isZero();
		}

		assertThat(AWS.findAll(getRequestedFor(urlEqualTo("/SimpleNotificationService-elsewhere.pem")))).isEmpty();
		JsonNode send = send();
		assertThat(send.at("/status").asString()).isEqualTo("sent");
		assertThat(send.at("/events").findValuesAsString("event_type")).containsExactly("sent");
		assertThat(suppressionReasons()).isEmpty();
		assertThat(smbJson().at("/can_contact/email").asBoolean()).isTrue();
		assertThat(emailBouncedPublished()).isZero();
		assertThat(postToWebhook(signed).statusCode()).as("the genuine one still counts").isEqualTo(200);
		assertThat(send().at("/status").asString()).isEqualTo("bounced");
	}

	@Test
	void sesOpensAndClicksCountOnceAlongsideOurOwnTracking() throws Exception {
		String html = html(sesRequestsTo(email).get(0));
		String pixel = CampaignEmailTrackingTests.link(html, "o");
		String click = CampaignEmailTrackingTests.links(html, "c").get(0);
		assertThat(browserGet(pixel)).isEqualTo(200);

		// SES's own pixel loaded with ours: the same open
		Map<String, String> sameOpen = notification("open.json", Instant.now(), 1);
		assertThat(postToWebhook(sameOpen).statusCode()).isEqualTo(200);
		assertThat(send().at("/open_count").asInt()).isEqualTo(1);
		assertThat(send().at("/events").findValuesAsString("event_type")).containsExactly("sent", "open");

		// an open only SES saw, an hour later (our pixel blocked, say)
		Map<String, String> laterOpen = notification("open.json", Instant.now().plus(Duration.ofHours(1)), 1);
		assertThat(postToWebhook(laterOpen).statusCode()).isEqualTo(200);
		Map<String, String> laterClick = notification("click.json", Instant.now().plus(Duration.ofHours(1)), 2,
				"http://localhost:8080" + click);
		assertThat(postToWebhook(laterClick).statusCode()).isEqualTo(200);

		JsonNode send = send();
		assertThat(send.at("/open_count").asInt()).isEqualTo(2);
		assertThat(send.at("/click_count").asInt()).isEqualTo(1);
		assertThat(send.at("/status").asString()).isEqualTo("clicked");
		assertThat(send.at("/events").findValuesAsString("event_type")).containsExactly("sent", "open", "open",
				"click");
		assertThat(count("SELECT count(*) FROM email_events WHERE provider_event_id IN (:open, :click)",
				Map.of("open", laterOpen.get("MessageId"), "click", laterClick.get("MessageId"))))
			.isEqualTo(2);
		assertThat(count("""
				SELECT count(DISTINCT serialized_event) FROM event_publication
				 WHERE event_type = 'com.fibonacco.messaging.EmailClicked' AND serialized_event LIKE :send
				""", Map.of("send", "%" + sendId + "%"))).isEqualTo(1);
	}

	@Test
	void aNotificationAboutAnEmailThatIsNotOursIsIgnored() throws Exception {
		Map<String, String> foreign = SNS.notification(TOPIC, AWS.baseUrl() + CERTIFICATE_PATH,
				fixture("bounce-permanent.json", Instant.now()).replace(sesMessageId(), "0100018f00000000-not-ours"), 1);

		HttpResponse<String> response = postToWebhook(foreign);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(response.body()).at("/data/outcome").asString()).isEqualTo("ignored");
		assertThat(send().at("/status").asString()).isEqualTo("sent");
		assertThat(suppressionReasons()).isEmpty();
	}

	@Test
	void aSubscriptionIsConfirmedThroughItsSubscribeUrlOnlyOnAnSnsHostAndForOurTopic() throws Exception {
		String token = "2336412f37fb687f5d51e6e2425c464de" + CampaignFixtures.suffix();
		Map<String, String> confirmation = SNS.subscriptionConfirmation(TOPIC, AWS.baseUrl() + CERTIFICATE_PATH,
				AWS.baseUrl() + "/?Action=ConfirmSubscription&TopicArn=" + TOPIC + "&Token=" + token, token);

		HttpResponse<String> response = postToWebhook(confirmation);
		HttpResponse<String> replay = postToWebhook(confirmation);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(JSON.readTree(response.body()).at("/data/outcome").asString()).isEqualTo("confirmed");
		assertThat(JSON.readTree(replay.body()).at("/data/outcome").asString()).isEqualTo("replayed");
		assertThat(AWS.findAll(getRequestedFor(urlPathEqualTo("/")).withQueryParam("Token", equalTo(token))))
			.hasSize(1);

		for (String subscribeUrl : List.of(
				"http://127.0.0.1:" + AWS.port() + "/?Action=ConfirmSubscription&TopicArn=" + TOPIC + "&Token=other",
				AWS.baseUrl() + "/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-east-1:123456789012:other"
						+ "&Token=other",
				AWS.baseUrl() + "/?Action=Unsubscribe&TopicArn=" + TOPIC + "&Token=other")) {
			Map<String, String> forged = SNS.subscriptionConfirmation(TOPIC, AWS.baseUrl() + CERTIFICATE_PATH,
					subscribeUrl, "other");
			HttpResponse<String> refused = postToWebhook(forged);
			assertThat(refused.statusCode()).as(subscribeUrl).isEqualTo(403);
			assertThat(JSON.readTree(refused.body()).at("/code").asString()).isEqualTo("sns_subscribe_url_refused");
		}
		assertThat(AWS.findAll(getRequestedFor(urlPathEqualTo("/")).withQueryParam("Token", equalTo("other"))))
			.isEmpty();
	}

	/** Makes the queued send due and lets the sender deliver it through SES. */
	void deliverQueuedSend() {
		jdbc.sql("""
				UPDATE campaign_sends SET scheduled_for = now() - interval '1 hour'
				 WHERE tenant_id = :t AND smb_id = :s AND status = 'queued'
				""").param("t", tenant.id()).param("s", smb.value()).update();
		sender.sendDue(Instant.now().minus(Duration.ofMinutes(1)));
	}

	String sesMessageId() {
		return jdbc.sql("""
				SELECT ses_message_id FROM ses_messages WHERE tenant_id = :t AND campaign_send_id = :s
				 ORDER BY created_at DESC LIMIT 1
				""").param("t", tenant.id()).param("s", sendId).query(String.class).single();
	}

	String fixture(String name, Instant at) throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/fixtures/ses/" + name)) {
			assertThat(in).as(name).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{recipient}}", email)
				.replace("{{ses_message_id}}", sesMessageId())
				.replace("{{message_id}}", messageId)
				.replace("{{tenant}}", tenant.id().toString())
				.replace("{{send}}", sendId.toString())
				.replace("{{sent_at}}", Instant.now().minus(Duration.ofMinutes(2)).toString())
				.replace("{{timestamp}}", at.toString());
		}
	}

	Map<String, String> notification(String fixture, Instant at, int signatureVersion) throws IOException {
		return notification(fixture, at, signatureVersion, "https://fibonacco.com/learn/");
	}

	Map<String, String> notification(String fixture, Instant at, int signatureVersion, String link)
			throws IOException {
		return SNS.notification(TOPIC, AWS.baseUrl() + CERTIFICATE_PATH,
				fixture(fixture, at).replace("{{link}}", link), signatureVersion);
	}

	HttpResponse<String> postToWebhook(Map<String, String> message) throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/ses"))
			.header("Content-Type", "text/plain; charset=UTF-8")
			.header("x-amz-sns-message-type", message.get("Type"))
			.header("x-amz-sns-message-id", message.get("MessageId"))
			.header("x-amz-sns-topic-arn", message.get("TopicArn"))
			.header("User-Agent", "Amazon Simple Notification Service Agent")
			.POST(HttpRequest.BodyPublishers.ofString(SnsSigning.json(message)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	int browserGet(String path) throws IOException, InterruptedException {
		return client
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.header("User-Agent", BROWSER)
				.GET()
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	/** The SendEmail requests SES got for the address. */
	static List<LoggedRequest> sesRequestsTo(String address) {
		List<LoggedRequest> requests = new ArrayList<>();
		for (LoggedRequest request : AWS.findAll(postRequestedFor(urlEqualTo(SES_PATH)))) {
			if (new String(raw(request), StandardCharsets.UTF_8).contains("To: " + address)) {
				requests.add(request);
			}
		}
		return requests;
	}

	static byte[] raw(LoggedRequest request) {
		return Base64.getDecoder().decode(JSON.readTree(request.getBodyAsString()).at("/Content/Raw/Data").asString());
	}

	static String html(LoggedRequest request) throws Exception {
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
				new ByteArrayInputStream(raw(request)));
		return ((MimeMultipart) message.getContent()).getBodyPart(1).getContent().toString();
	}

	JsonNode send() {
		return tenant.admin().get("/api/v1/smbs/" + smb.value() + "/campaigns").json().at("/data/sends/0");
	}

	JsonNode smbJson() {
		return tenant.admin().get("/api/v1/smbs/" + smb.value()).json().at("/data");
	}

	List<String> timeline() {
		return tenant.admin()
			.get("/api/v1/smbs/" + smb.value() + "/activities?per_page=100")
			.json()
			.at("/data")
			.findValuesAsString("title");
	}

	List<String> suppressionReasons() {
		return jdbc.sql("SELECT reason FROM suppressions WHERE tenant_id = :t AND channel = 'email' AND address = :a")
			.param("t", tenant.id())
			.param("a", email)
			.query(String.class)
			.list();
	}

	long emailBouncedPublished() {
		return count("""
				SELECT count(DISTINCT serialized_event) FROM event_publication
				 WHERE event_type = 'com.fibonacco.messaging.EmailBounced' AND serialized_event LIKE :send
				""", Map.of("send", "%" + sendId + "%"));
	}

	long count(String sql, Map<String, ?> parameters) {
		return jdbc.sql(sql).params(parameters).query(Long.class).single();
	}

}

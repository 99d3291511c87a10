package com.fibonacco.campaign.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import com.fibonacco.community.Communities;
import com.fibonacco.community.CommunityId;
import com.fibonacco.community.NewCommunity;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.NewSmb;
import com.fibonacco.smb.SmbId;
import com.fibonacco.smb.Smbs;
import com.fibonacco.support.Http;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the voicemail tests share: SMBs that read like local businesses, the provider's
 * and Twilio's signatures made the way they document them, and a browser opening an
 * email's pixel.
 */
final class VoicemailScenario {

	/** The secrets of src/test/resources/config/application.yml. */
	static final String RVM_SECRET = "test-rvm-webhook-secret-7f3a9c";

	static final String TWILIO_TOKEN = "test-twilio-auth-token-5be21d";

	static final String BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";

	static final Pattern PIXEL = Pattern.compile("/t/o/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

	private static final HttpClient CLIENT = HttpClient.newHttpClient();

	private final int port;

	private final Communities communities;

	private final Smbs smbs;

	private final JdbcClient jdbc;

	VoicemailScenario(int port, Communities communities, Smbs smbs, JdbcClient jdbc) {
		this.port = port;
		this.communities = communities;
		this.smbs = smbs;
		this.jdbc = jdbc;
	}

	static Instant at(LocalDate date, int hour, int minute, ZoneId zone) {
		return date.atTime(hour, minute).atZone(zone).toInstant();
	}

	CommunityId community(TenantId tenant, String zone) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		return communities.create(tenant,
				new NewCommunity("Harbor Town " + suffix, "harbor-town-" + suffix, "ME", null, 12_000, zone, Map.of()));
	}

	/** A bookshop with the given phone and voicemail consent, mail consent always on. */
	SmbId smb(TenantId tenant, CommunityId community, @Nullable String phone, boolean rvmOptedIn, int tier) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		return smbs.create(tenant,
				new NewSmb(community, "harbor-books-" + suffix, "Harbor Books", null, "retail", "Bookstores",
						"Priya Raman", "priya-" + suffix + "@harborbooks.example", phone, List.of(), null, "9 Pier St",
						"Harbor Town", "ME", "04401", new BigDecimal("44.801"), new BigDecimal("-68.778"),
						"New and used books since 1979", List.of("books"), tier, 0, null, null, "self_serve", "free",
						true, false, rvmOptedIn, false, false, "test", Map.of()));
	}

	/** Keeps the SMB in its tier whatever opens and voicemails do to its score. */
	static void pinTier(Http admin, SmbId smb, int tier) {
		Http.Response pinned = admin.put("/api/v1/smbs/" + smb.value() + "/engagement/override",
				Map.of("tier", tier, "reason", "voicemail policy under test"));
		assertThat(pinned.status()).as(pinned.body()).isEqualTo(200);
	}

	/** A person opens the send's email in a browser (its pixel loads). */
	void open(TenantId tenant, UUID sendId) throws IOException, InterruptedException {
		String html = jdbc.sql("SELECT body_html FROM outbox_messages WHERE tenant_id = :t AND campaign_send_id = :s")
			.param("t", tenant.value())
			.param("s", sendId)
			.query(String.class)
			.single();
		Matcher pixel = PIXEL.matcher(html);
		assertThat(pixel.find()).isTrue();
		HttpResponse<Void> response = CLIENT
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + pixel.group()))
				.header("User-Agent", BROWSER)
				.GET()
				.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(response.statusCode()).isEqualTo(200);
	}

	/** The program send of a campaign. */
	UUID send(TenantId tenant, SmbId smb, String campaignId) {
		return jdbc
			.sql("""
					SELECT id FROM campaign_sends WHERE tenant_id = :t AND smb_id = :s AND campaign_id = :c AND kind = 'program'
					""")
			.param("t", tenant.value())
			.param("s", smb.value())
			.param("c", campaignId)
			.query(UUID.class)
			.single();
	}

	/** The provider's report, signed at {@code signedAt} with {@code secret}. */
	HttpResponse<String> postRvmReport(String body, String secret, Instant signedAt)
			throws IOException, InterruptedException {
		return postRvmReport(body, "t=" + signedAt.getEpochSecond() + ",v1=" + rvmSignature(secret, signedAt, body));
	}

	HttpResponse<String> postRvmReport(String body, @Nullable String signatureHeader)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/rvm"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (signatureHeader != null) {
			request.header("X-Rvm-Signature", signatureHeader);
		}
		return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	static String deliveryReport(TenantId tenant, UUID drop, String status, Instant occurredAt) {
		return """
				{"foreign_id":"%s:%s","drop_id":"dc-%s","status":"%s","phone_number":"+12075550143","occurred_at":"%s"}"""
			.formatted(tenant.value(), drop, drop.toString().substring(0, 8), status, occurredAt);
	}

	static String rvmSignature(String secret, Instant signedAt, String body) {
		return HexFormat.of().formatHex(hmac("HmacSHA256", secret, signedAt.getEpochSecond() + "." + body));
	}

	/**
	 * Posts a Twilio callback form to {@code /webhooks/twilio?tenant=…}, signed as Twilio
	 * documents it: base64 HMAC-SHA1 of the full URL followed by each POST parameter's
	 * name and value, sorted by name.
	 */
	HttpResponse<String> postTwilio(TenantId urlTenant, Map<String, String> form, @Nullable String signature)
			throws IOException, InterruptedException {
		String url = twilioUrl(urlTenant);
		String body = form.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("User-Agent", "TwilioProxy/1.1")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (signature != null) {
			request.header("X-Twilio-Signature", signature);
		}
		return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	String twilioUrl(TenantId tenant) {
		return "http://localhost:" + port + "/webhooks/twilio?tenant=" + tenant.value();
	}

	static String twilioSignature(String token, String url, Map<String, String> form) {
		StringBuilder data = new StringBuilder(url);
		new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
		return java.util.Base64.getEncoder().encodeToString(hmac("HmacSHA1", token, data.toString()));
	}

	/** A voice call from {@code from} to our number, as Twilio's webhook posts it. */
	static Map<String, String> incomingCall(String callSid, String from) {
		Map<String, String> form = new TreeMap<>();
		form.put("AccountSid", "AC3f1c0e8a5b2d4c6e8f0a1b2c3d4e5f6a");
		form.put("ApiVersion", "2010-04-01");
		form.put("CallSid", callSid);
		form.put("CallStatus", "ringing");
		form.put("Called", "+12075550100");
		form.put("Caller", from);
		form.put("Direction", "inbound");
		form.put("From", from);
		form.put("FromCity", "BANGOR");
		form.put("FromState", "ME");
		form.put("To", "+12075550100");
		return form;
	}

	static String callSid() {
		return "CA" + UUID.randomUUID().toString().replace("-", "");
	}

	private static byte[] hmac(String algorithm, String key, String data) {
		try {
			Mac mac = Mac.getInstance(algorithm);
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	long count(String sql, Map<String, ?> parameters) {
		return jdbc.sql(sql).params(parameters).query(Long.class).single();
	}

	/** How many times the event naming {@code id} was published. */
	long published(Class<?> event, Object id) {
		return count("""
				SELECT count(DISTINCT serialized_event) FROM event_publication
				 WHERE event_type = :type AND serialized_event LIKE :id
				""", Map.of("type", event.getName(), "id", "%" + id + "%"));
	}

}

package com.fibonacco.messaging.internal;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.fibonacco.messaging.EmailDeliveryException;
import com.fibonacco.messaging.EmailProperties;
import com.fibonacco.messaging.OutboundEmail;
import com.fibonacco.shared.TenantId;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Amazon SES v2 transport against a WireMock SES: a SendEmail request signed with
 * SigV4 that carries the raw MIME message, and SES's refusals mapped to permanent or
 * retryable failures.
 */
class SesTransportTests {

	static final String PATH = "/v2/email/outbound-emails";

	static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";

	static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

	static final JsonMapper JSON = JsonMapper.builder().build();

	WireMockServer ses;

	SesTransport transport;

	final List<String> accepted = new ArrayList<>();

	final TenantId tenant = new TenantId(UUID.randomUUID());

	final UUID sendId = UUID.randomUUID();

	@BeforeEach
	void start() {
		ses = new WireMockServer(options().dynamicPort());
		ses.start();
		EmailProperties.Webhook webhook = new EmailProperties.Webhook(List.of(),
				"sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?", "https", true);
		transport = new SesTransport(new EmailProperties.Ses("us-west-2", URI.create(ses.baseUrl()), ACCESS_KEY,
				SECRET_KEY, "fibonacco-campaigns", 1, Duration.ofSeconds(5), webhook),
				(email, sesMessageId) -> accepted.add(email.messageId() + " " + sesMessageId));
	}

	@AfterEach
	void stop() {
		transport.close();
		ses.stop();
	}

	OutboundEmail email() {
		return new OutboundEmail(tenant, "<" + sendId + "@fibonacco.com>", "Sarah", "sarah@fibonacco.com",
				"reply@fibonacco.com", "maria@waterstreetdiner.example",
				"Maria, what do customers see when they search for Water Street Diner?",
				"<p>Hi Maria,</p><p>Water Street Diner &amp; friends</p>", "Hi Maria,\n\nWater Street Diner & friends",
				Map.of("List-Unsubscribe", "<https://fibonacco.example/t/u/abc.def>", "List-Unsubscribe-Post",
						"List-Unsubscribe=One-Click"),
				sendId);
	}

	@Test
	void sendEmailCarriesTheRawMimeMessageWithItsHeadersAndIsSignedWithSigV4() throws Exception {
		ses.stubFor(post(urlEqualTo(PATH))
			.willReturn(okJson("{\"MessageId\":\"0100018f3c1a2b4d-5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9-000000\"}")));

		transport.send(email());

		List<LoggedRequest> requests = ses.findAll(postRequestedFor(urlEqualTo(PATH)));
		assertThat(requests).hasSize(1);
		LoggedRequest request = requests.get(0);
		assertSignedWithSigV4(request);

		JsonNode body = JSON.readTree(request.getBodyAsString());
		assertThat(body.at("/ConfigurationSetName").asString()).isEqualTo("fibonacco-campaigns");
		assertThat(body.at("/EmailTags").toString()).contains("\"Name\":\"fibonacco_tenant\"",
				"\"Value\":\"" + tenant.value() + "\"", "\"Name\":\"fibonacco_send\"", "\"Value\":\"" + sendId + "\"");
		byte[] raw = Base64.getDecoder().decode(body.at("/Content/Raw/Data").asString());
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
		assertThat(message.getHeader("Message-ID", null)).isEqualTo("<" + sendId + "@fibonacco.com>");
		assertThat(message.getHeader("List-Unsubscribe", null)).isEqualTo("<https://fibonacco.example/t/u/abc.def>");
		assertThat(message.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
		assertThat(message.getSubject())
			.isEqualTo("Maria, what do customers see when they search for Water Street Diner?");
		assertThat(message.getHeader("To", null)).isEqualTo("maria@waterstreetdiner.example");
		MimeMultipart alternative = (MimeMultipart) message.getContent();
		assertThat(alternative.getContentType()).startsWith("multipart/alternative");
		assertThat(alternative.getBodyPart(0).getContent().toString()).contains("Water Street Diner & friends");
		assertThat(alternative.getBodyPart(1).getContent().toString()).contains("Water Street Diner &amp; friends");

		assertThat(accepted).containsExactly(
				"<" + sendId + "@fibonacco.com> 0100018f3c1a2b4d-5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9-000000");
	}

	@Test
	void aMessageSesRejectsIsAPermanentFailure() {
		for (String code : List.of("MessageRejected", "BadRequestException")) {
			ses.resetAll();
			ses.stubFor(post(urlEqualTo(PATH)).willReturn(error(400, code)));

			assertThatThrownBy(() -> transport.send(email())).as(code)
				.isInstanceOfSatisfying(EmailDeliveryException.class, ex -> {
					assertThat(ex.permanent()).isTrue();
					assertThat(ex.getMessage()).contains(code);
				});
		}
		assertThat(accepted).isEmpty();
	}

	@Test
	void throttlingQuotasAPausedAccountAndServerErrorsAreWorthARetry() {
		for (var refusal : List.of(Map.entry(429, "TooManyRequestsException"),
				Map.entry(400, "LimitExceededException"), Map.entry(400, "SendingPausedException"),
				Map.entry(400, "AccountSuspendedException"), Map.entry(500, "InternalFailure"),
				Map.entry(503, "ServiceUnavailable"))) {
			ses.resetAll();
			ses.stubFor(post(urlEqualTo(PATH)).willReturn(error(refusal.getKey(), refusal.getValue())));

			assertThatThrownBy(() -> transport.send(email())).as(refusal.toString())
				.isInstanceOfSatisfying(EmailDeliveryException.class, ex -> assertThat(ex.permanent()).isFalse());
		}
		ses.resetAll();
		ses.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		assertThatThrownBy(() -> transport.send(email()))
			.isInstanceOfSatisfying(EmailDeliveryException.class, ex -> assertThat(ex.permanent()).isFalse());
		assertThat(accepted).isEmpty();
	}

	static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(int status, String code) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withHeader("x-amzn-ErrorType", code + ":http://internal.amazon.com/coral/com.amazonaws.sesv2/")
			.withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
			.withBody("{\"message\":\"" + code + " for this test\"}");
	}

	/**
	 * Recomputes the AWS Signature Version 4 of the request from what arrived, with the
	 * secret key, and compares it with the one in the Authorization header.
	 */
	static void assertSignedWithSigV4(LoggedRequest request) throws Exception {
		String authorization = request.getHeader("Authorization");
		Matcher auth = Pattern
			.compile("AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, "
					+ "SignedHeaders=([^,]+), Signature=([0-9a-f]{64})")
			.matcher(authorization);
		assertThat(auth.matches()).as(authorization).isTrue();
		assertThat(auth.group(1)).isEqualTo(ACCESS_KEY);
		assertThat(auth.group(3)).isEqualTo("us-west-2");
		assertThat(auth.group(4)).isEqualTo("ses");
		String date = auth.group(2);
		String amzDate = request.getHeader("X-Amz-Date");
		assertThat(amzDate).startsWith(date);
		List<String> signedHeaders = List.of(auth.group(5).split(";"));
		assertThat(signedHeaders).contains("host", "x-amz-date");

		StringBuilder canonicalHeaders = new StringBuilder();
		for (String name : signedHeaders) {
			String value = request.getHeaders().getHeader(name).values().stream().map(String::strip)
				.reduce((a, b) -> a + "," + b).orElse("");
			canonicalHeaders.append(name.toLowerCase(Locale.ROOT)).append(':')
				.append(value.replaceAll(" +", " ")).append('\n');
		}
		String payloadHash = request.getHeader("x-amz-content-sha256") != null
				? request.getHeader("x-amz-content-sha256") : hex(sha256(request.getBody()));
		String canonicalRequest = "POST\n" + PATH + "\n\n" + canonicalHeaders + "\n" + String.join(";", signedHeaders)
				+ "\n" + payloadHash;
		String scope = date + "/us-west-2/ses/aws4_request";
		String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
				+ hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
		byte[] key = hmac(("AWS4" + SECRET_KEY).getBytes(StandardCharsets.UTF_8), date);
		key = hmac(key, "us-west-2");
		key = hmac(key, "ses");
		key = hmac(key, "aws4_request");
		assertThat(hex(hmac(key, stringToSign))).as("the SigV4 signature").isEqualTo(auth.group(6));
	}

	static byte[] sha256(byte[] data) throws Exception {
		return MessageDigest.getInstance("SHA-256").digest(data);
	}

	static byte[] hmac(byte[] key, String data) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key, "HmacSHA256"));
		return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
	}

	static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

}

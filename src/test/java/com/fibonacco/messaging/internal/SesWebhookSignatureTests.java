package com.fibonacco.messaging.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import com.fibonacco.messaging.EmailProperties;
import com.fibonacco.support.SnsSigning;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SNS message signatures as the webhook checks them, before anything is recorded; and the
 * production default that pins signing certificates to https SNS hosts.
 */
class SesWebhookSignatureTests {

	static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:fibonacco-ses-events";

	static final String CERTIFICATE_URL = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-7506a1e35b36ef5a444dd1a8e7cc3ed8.pem";

	static final JsonMapper JSON = JsonMapper.builder().build();

	final SnsSigning signing = SnsSigning.generate();

	final List<URI> fetched = new ArrayList<>();

	final Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);

	/** The defaults exactly as production binds them, with our topic added. */
	static EmailProperties.Webhook defaults(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties))
			.bindOrCreate("fibonacco.email", EmailProperties.class)
			.ses()
			.webhook();
	}

	SnsVerifier verifier(EmailProperties.Webhook webhook) {
		return new SnsVerifier(webhook, url -> {
			fetched.add(url);
			return signing.certificate();
		}, clock);
	}

	SnsVerifier productionVerifier() {
		return verifier(defaults(Map.of("fibonacco.email.ses.webhook.topic-arns", TOPIC)));
	}

	SnsMessage parse(Map<String, String> fields) {
		return SnsMessage.parse(JSON, SnsSigning.json(fields));
	}

	String bounce() {
		return "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\"},\"mail\":{\"messageId\":\"0100018f-abc\"}}";
	}

	@Test
	void signatureVersionOneAndTwoVerifyWithTheSigningCertificate() {
		SnsVerifier verifier = productionVerifier();

		assertThatCode(() -> verifier.verify(parse(signing.notification(TOPIC, CERTIFICATE_URL, bounce(), 1))))
			.doesNotThrowAnyException();
		assertThatCode(() -> verifier.verify(parse(signing.notification(TOPIC, CERTIFICATE_URL, bounce(), 2))))
			.doesNotThrowAnyException();
		Map<String, String> withSubject = new LinkedHashMap<>(signing.notification(TOPIC, CERTIFICATE_URL, bounce(), 1));
		withSubject.put("Subject", "Amazon SES Email Event Notification");
		assertThatCode(() -> verifier.verify(parse(signing.sign(withSubject)))).doesNotThrowAnyException();
		assertThatCode(() -> verifier.verify(parse(signing.subscriptionConfirmation(TOPIC, CERTIFICATE_URL,
				"https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=" + TOPIC + "&Token=2336412f37",
				"2336412f37"))))
			.doesNotThrowAnyException();
		assertThat(fetched).allMatch(url -> url.toString().equals(CERTIFICATE_URL));
	}

	@Test
	void anAlteredMessageDoesNotVerify() {
		SnsVerifier verifier = productionVerifier();
		Map<String, String> signed = signing.notification(TOPIC, CERTIFICATE_URL, bounce(), 2);

		for (String field : List.of("Message", "MessageId", "Timestamp", "Type")) {
			Map<String, String> altered = new LinkedHashMap<>(signed);
			altered.put(field, field.equals("Type") ? "SubscriptionConfirmation" : signed.get(field) + "x");
			if (field.equals("Type")) {
				altered.put("Token", "t");
				altered.put("SubscribeURL", "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription");
			}
			assertThatThrownBy(() -> verifier.verify(parse(altered))).as(field)
				.isInstanceOfSatisfying(SnsVerifier.Refused.class,
						refused -> assertThat(refused.code()).isEqualTo("sns_signature_invalid"));
		}
		Map<String, String> subjectAdded = new LinkedHashMap<>(signed);
		subjectAdded.put("Subject", "Look at me");
		assertThatThrownBy(() -> verifier.verify(parse(subjectAdded))).isInstanceOf(SnsVerifier.Refused.class);
		Map<String, String> otherKey = SnsSigning.generate().notification(TOPIC, CERTIFICATE_URL, bounce(), 2);
		assertThatThrownBy(() -> verifier.verify(parse(otherKey))).isInstanceOf(SnsVerifier.Refused.class);
		Map<String, String> version3 = new LinkedHashMap<>(signed);
		version3.put("SignatureVersion", "3");
		assertThatThrownBy(() -> verifier.verify(parse(version3))).isInstanceOf(SnsVerifier.Refused.class);
	}

	@Test
	void aTopicNotConfiguredIsRefusedAndNoneIsAcceptedByDefault() {
		Map<String, String> other = signing.notification("arn:aws:sns:us-east-1:999999999999:someone-else",
				CERTIFICATE_URL, bounce(), 2);
		assertThatThrownBy(() -> productionVerifier().verify(parse(other)))
			.isInstanceOfSatisfying(SnsVerifier.Refused.class,
					refused -> assertThat(refused.code()).isEqualTo("sns_topic_unexpected"));

		EmailProperties.Webhook unconfigured = defaults(Map.of());
		assertThat(unconfigured.topicArns()).isEmpty();
		assertThatThrownBy(
				() -> verifier(unconfigured).verify(parse(signing.notification(TOPIC, CERTIFICATE_URL, bounce(), 2))))
			.isInstanceOf(SnsVerifier.Refused.class);
		assertThat(fetched).isEmpty();
	}

	@Test
	void theDefaultConfigurationTakesCertificatesOnlyFromHttpsSnsHosts() {
		EmailProperties.Webhook production = defaults(Map.of("fibonacco.email.ses.webhook.topic-arns", TOPIC));
		assertThat(production.certificateScheme()).isEqualTo("https");
		SnsVerifier verifier = verifier(production);

		assertThat(verifier.allowed(CERTIFICATE_URL)).isPresent();
		assertThat(verifier.allowed("https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-1.pem"))
			.isPresent();
		for (String refused : List.of("http://sns.us-east-1.amazonaws.com/SimpleNotificationService-1.pem",
				"https://evil.example.com/SimpleNotificationService-1.pem",
				"https://sns.us-east-1.amazonaws.com.evil.example/SimpleNotificationService-1.pem",
				"https://sns.us-east-1.amazonaws.com@evil.example/SimpleNotificationService-1.pem",
				"https://evil.example/sns.us-east-1.amazonaws.com/SimpleNotificationService-1.pem",
				"https://s3.amazonaws.com/SimpleNotificationService-1.pem",
				"https://localhost:8443/SimpleNotificationService-1.pem", "file:///etc/passwd",
				"//sns.us-east-1.amazonaws.com/x.pem", "not a url")) {
			assertThat(verifier.allowed(refused)).as(refused).isEmpty();
			Map<String, String> message = signing.notification(TOPIC, refused, bounce(), 2);
			assertThatThrownBy(() -> verifier.verify(parse(message))).as(refused)
				.isInstanceOfSatisfying(SnsVerifier.Refused.class,
						ex -> assertThat(ex.code()).isEqualTo("sns_certificate_refused"));
		}
		Map<String, String> notPem = signing.notification(TOPIC, "https://sns.us-east-1.amazonaws.com/?Action=x",
				bounce(), 2);
		assertThatThrownBy(() -> verifier.verify(parse(notPem))).isInstanceOf(SnsVerifier.Refused.class);
		assertThat(fetched).as("nothing fetched from a host that is not SNS's").isEmpty();
	}

	@Test
	void anExpiredCertificateIsRefused() {
		SnsVerifier later = new SnsVerifier(defaults(Map.of("fibonacco.email.ses.webhook.topic-arns", TOPIC)),
				url -> signing.certificate(), Clock.fixed(Instant.now().plus(Duration.ofDays(3)), ZoneOffset.UTC));

		assertThatThrownBy(() -> later.verify(parse(signing.notification(TOPIC, CERTIFICATE_URL, bounce(), 2))))
			.isInstanceOfSatisfying(SnsVerifier.Refused.class,
					refused -> assertThat(refused.code()).isEqualTo("sns_certificate_refused"));
	}

	@Test
	void aBodyThatIsNotAnSnsMessageIsMalformed() {
		for (String body : List.of("", "[]", "{\"Type\":\"Notification\"}", "{\"Type\":\"Other\",\"MessageId\":\"1\"}",
				"not json")) {
			assertThatThrownBy(() -> SnsMessage.parse(JSON, body)).as(body).isInstanceOf(SnsMessage.Malformed.class);
		}
	}

}

package com.fibonacco.platform;

import org.junit.jupiter.api.Test;

import com.fibonacco.campaign.ManifestDestinyProperties;
import com.fibonacco.campaign.RvmProperties;
import com.fibonacco.engagement.EngagementProperties;
import com.fibonacco.messaging.EmailProperties;
import com.fibonacco.messaging.RvmTransportProperties;
import com.fibonacco.messaging.TwilioProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;

import static org.assertj.core.api.Assertions.assertThat;

/** A bad {@code fibonacco.*} value stops start-up with a message naming the property. */
class ConfigurationValidationTests {

	@EnableConfigurationProperties({ EngagementProperties.class, RvmProperties.class, ManifestDestinyProperties.class,
			EmailProperties.class, FibonaccoProperties.class, RvmTransportProperties.class, TwilioProperties.class })
	static class Properties {

	}

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Properties.class);

	@Test
	void theSeedDefaultsApplyWhenNothingIsSet() {
		runner.run(context -> {
			assertThat(context).hasNotFailed();
			EngagementProperties engagement = context.getBean(EngagementProperties.class);
			assertThat(engagement.tiers().get(1).minScore()).isEqualTo(80);
			assertThat(engagement.tiers().get(2).name()).isEqualTo("Engaged");
			assertThat(engagement.scoreWeights()).containsEntry("approval", 25).containsEntry("meeting_scheduled", 30);
			assertThat(engagement.windowDays()).isEqualTo(30);
			assertThat(engagement.tierFor(80)).isEqualTo(1);
			assertThat(engagement.tierFor(79)).isEqualTo(2);
			assertThat(engagement.tierFor(19)).isEqualTo(4);
			assertThat(context.getBean(RvmProperties.class).monthlyLimits()).containsEntry(1, 4).containsEntry(4, 0);
			assertThat(context.getBean(ManifestDestinyProperties.class).totalDays()).isEqualTo(90);
			assertThat(context.getBean(EmailProperties.class).fromName()).isEqualTo("Sarah");
		});
	}

	@Test
	void tierThresholdsOutOfOrderNameTheProperty() {
		runner
			.withPropertyValues("fibonacco.engagement.tiers[1].name=Premium",
					"fibonacco.engagement.tiers[1].min-score=40", "fibonacco.engagement.tiers[2].name=Engaged",
					"fibonacco.engagement.tiers[2].min-score=50", "fibonacco.engagement.tiers[3].name=Active",
					"fibonacco.engagement.tiers[3].min-score=20", "fibonacco.engagement.tiers[4].name=Passive",
					"fibonacco.engagement.tiers[4].min-score=0")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("fibonacco.engagement.tiers[1].min-score"));
	}

	@Test
	void anUnknownSignalWeightNamesTheProperty() {
		runner.withPropertyValues("fibonacco.engagement.score-weights.email-opne=5")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("fibonacco.engagement.score-weights.email-opne"));
	}

	@Test
	void anOutOfRangeValueNamesTheProperty() {
		runner.withPropertyValues("fibonacco.manifest-destiny.total-days=0")
			.run(context -> assertThat(context).getFailure().hasStackTraceContaining("totalDays"));
		runner.withPropertyValues("fibonacco.rvm.monthly-limits[1]=-2")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("fibonacco.rvm.monthly-limits[1]"));
	}

	@Test
	void aMalformedSenderAddressIsRefused() {
		runner.withPropertyValues("fibonacco.email.from-email=not an address")
			.run(context -> assertThat(context).getFailure()
				.hasStackTraceContaining("fibonacco.email")
				.hasStackTraceContaining("fromEmail"));
	}

	@Test
	void theSesWebhookAcceptsNoTopicAndOnlyHttpsSnsCertificateHostsUnlessConfigured() {
		runner.run(context -> {
			EmailProperties email = context.getBean(EmailProperties.class);
			assertThat(email.transport()).isEqualTo("outbox");
			assertThat(email.ses().webhook().topicArns()).isEmpty();
			assertThat(email.ses().webhook().certificateScheme()).isEqualTo("https");
			assertThat(email.ses().webhook().certificateHostPattern())
				.isEqualTo("sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?");
			assertThat(email.ses().webhook().confirmSubscriptions()).isTrue();
		});
	}

	@Test
	void aBadSesSettingNamesTheProperty() {
		runner.withPropertyValues("fibonacco.email.transport=sendgrid")
			.run(context -> assertThat(context).getFailure().hasStackTraceContaining("transport"));
		runner.withPropertyValues("fibonacco.email.ses.webhook.topic-arns=fibonacco-ses-events")
			.run(context -> assertThat(context).getFailure().hasStackTraceContaining("topicArns"));
		runner.withPropertyValues("fibonacco.email.ses.webhook.certificate-scheme=ftp")
			.run(context -> assertThat(context).getFailure().hasStackTraceContaining("certificateScheme"));
		runner.withPropertyValues("fibonacco.email.ses.access-key-id=AKIAIOSFODNN7EXAMPLE")
			.run(context -> assertThat(context).getFailure()
				.hasStackTraceContaining("access-key-id and secret-access-key go together"));
	}

	@Test
	void voicemailsAreCapturedAndEveryWebhookRefusedUntilConfigured() {
		runner.run(context -> {
			RvmTransportProperties rvm = context.getBean(RvmTransportProperties.class);
			assertThat(rvm.transport()).isEqualTo("captured");
			assertThat(rvm.webhook().secret()).isNull();
			assertThat(rvm.webhook().tolerance()).hasMinutes(5);
			assertThat(context.getBean(TwilioProperties.class).authToken()).isNull();
			assertThat(context.getBean(RvmProperties.class).worker().maxAttempts()).isEqualTo(5);
		});
	}

	@Test
	void aBadVoicemailSettingNamesTheProperty() {
		runner.withPropertyValues("fibonacco.rvm.transport=slybroadcast")
			.run(context -> assertThat(context).getFailure().hasStackTraceContaining("transport"));
		runner.withPropertyValues("fibonacco.rvm.transport=drop-cowboy")
			.run(context -> assertThat(context).getFailure()
				.hasStackTraceContaining("fibonacco.rvm.drop-cowboy.team-id and api-key"));
		runner.withPropertyValues("fibonacco.rvm.webhook.secret=short")
			.run(context -> assertThat(context).getFailure()
				.hasStackTraceContaining("fibonacco.rvm.webhook.secret must have 16 characters"));
		runner.withPropertyValues("fibonacco.twilio.webhook-base-url=crm.example.com")
			.run(context -> assertThat(context).getFailure()
				.hasStackTraceContaining("fibonacco.twilio.webhook-base-url"));
	}

}

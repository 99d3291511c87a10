package com.fibonacco.messaging.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendEmailResponse;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

import com.fibonacco.messaging.EmailDeliveryException;
import com.fibonacco.messaging.EmailProperties;
import com.fibonacco.messaging.EmailTransport;
import com.fibonacco.messaging.OutboundEmail;

/**
 * Amazon SES v2 {@code SendEmail} with the raw MIME message, so our headers
 * (List-Unsubscribe, List-Unsubscribe-Post) reach the recipient as we wrote them; signed
 * with AWS Signature Version 4 by the AWS SDK. The message carries our tenant and
 * campaign send as message tags, and the SES message id of every accepted message is
 * remembered, which is how {@code POST /webhooks/ses} finds a notification's tenant.
 * <p>
 * SES refusing this one message (MessageRejected, a bad request) is permanent; throttling,
 * quotas, a paused account, 5xx answers and network failures are worth a retry.
 */
final class SesTransport implements EmailTransport, AutoCloseable {

	static final String TENANT_TAG = "fibonacco_tenant";

	static final String SEND_TAG = "fibonacco_send";

	/** Told the SES message id of each message SES accepted. */
	interface Accepted {

		void accepted(OutboundEmail email, String sesMessageId);

	}

	private final SesV2Client client;

	private final AwsCredentialsProvider credentials;

	private final @Nullable String configurationSet;

	private final Accepted accepted;

	private final Session session = Session.getInstance(new Properties());

	SesTransport(EmailProperties.Ses ses, Accepted accepted) {
		this.credentials = ses.accessKeyId() == null || ses.accessKeyId().isBlank()
				? DefaultCredentialsProvider.builder().build()
				: StaticCredentialsProvider
					.create(AwsBasicCredentials.create(ses.accessKeyId(), ses.secretAccessKey()));
		SesV2ClientBuilder builder = SesV2Client.builder()
			.region(Region.of(ses.region()))
			.credentialsProvider(credentials)
			.httpClient(UrlConnectionHttpClient.builder()
				.connectionTimeout(Duration.ofSeconds(5))
				.socketTimeout(ses.timeout())
				.build())
			.overrideConfiguration(configuration -> configuration.apiCallTimeout(ses.timeout())
				.retryStrategy(retry -> retry.maxAttempts(ses.maxAttempts())));
		if (ses.endpoint() != null) {
			builder.endpointOverride(ses.endpoint());
		}
		this.client = builder.build();
		this.configurationSet = ses.configurationSet();
		this.accepted = accepted;
	}

	@Override
	public void send(OutboundEmail email) {
		byte[] raw = raw(email);
		SendEmailRequest.Builder request = SendEmailRequest.builder()
			.content(content -> content.raw(message -> message.data(SdkBytes.fromByteArray(raw))))
			.emailTags(tags(email));
		if (configurationSet != null) {
			request.configurationSetName(configurationSet);
		}
		SendEmailResponse response;
		try {
			response = client.sendEmail(request.build());
		}
		catch (SesV2Exception ex) {
			String code = ex.awsErrorDetails() == null ? "" : ex.awsErrorDetails().errorCode();
			throw new EmailDeliveryException("SES refused the message (" + ex.statusCode() + " " + code + "): "
					+ (ex.awsErrorDetails() == null ? ex.getMessage() : ex.awsErrorDetails().errorMessage()),
					permanent(ex), ex);
		}
		catch (SdkException ex) {
			throw new EmailDeliveryException("SES could not be reached: " + ex.getMessage(), false, ex);
		}
		accepted.accepted(email, response.messageId());
	}

	/** Only a refusal of this very message; account and quota trouble passes. */
	static boolean permanent(SesV2Exception ex) {
		return ex instanceof MessageRejectedException || ex instanceof BadRequestException;
	}

	private byte[] raw(OutboundEmail email) {
		try {
			MimeMessage message = Transports.mime(new MimeMessage(session), email);
			ByteArrayOutputStream out = new ByteArrayOutputStream(email.html().length() + email.text().length() + 2048);
			message.writeTo(out);
			return out.toByteArray();
		}
		catch (MessagingException | IOException ex) {
			throw new EmailDeliveryException("the message could not be built: " + ex.getMessage(), true, ex);
		}
	}

	private static List<MessageTag> tags(OutboundEmail email) {
		List<MessageTag> tags = new ArrayList<>();
		tags.add(MessageTag.builder().name(TENANT_TAG).value(email.tenant().value().toString()).build());
		if (email.campaignSendId() != null) {
			tags.add(MessageTag.builder().name(SEND_TAG).value(email.campaignSendId().toString()).build());
		}
		return tags;
	}

	@Override
	public void close() {
		client.close();
		if (credentials instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// shutting down anyway
			}
		}
	}

}

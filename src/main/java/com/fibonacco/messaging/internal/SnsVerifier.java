package com.fibonacco.messaging.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.fibonacco.messaging.EmailProperties;

/**
 * Checks that a message really comes from Amazon SNS for a topic we expect, before
 * anything is recorded: the topic is one of {@code fibonacco.email.ses.webhook.topic-arns};
 * the signing certificate's URL is {@code https} on an SNS host
 * ({@code sns.<region>.amazonaws.com[.cn]}, or what the configuration allows instead);
 * the certificate is current; and its key verifies the signature (SignatureVersion 1:
 * SHA1withRSA, 2: SHA256withRSA) over the string AWS documents for the message type.
 */
final class SnsVerifier {

	/** Where the signing certificates come from (fetched and cached in production). */
	interface Certificates {

		/**
		 * @throws CertificateUnavailable when it could not be fetched now
		 * @throws Refused when what came back is not a certificate
		 */
		X509Certificate certificate(URI url);

	}

	/** A message we refuse (answered 403), with a stable code. */
	static final class Refused extends RuntimeException {

		private final String code;

		Refused(String code, String message) {
			super(message);
			this.code = code;
		}

		String code() {
			return code;
		}

	}

	/** The signing certificate could not be fetched now; SNS may try again later. */
	static final class CertificateUnavailable extends RuntimeException {

		CertificateUnavailable(String message, @Nullable Throwable cause) {
			super(message, cause);
		}

	}

	private final EmailProperties.Webhook webhook;

	private final Pattern hosts;

	private final Certificates certificates;

	private final Clock clock;

	SnsVerifier(EmailProperties.Webhook webhook, Certificates certificates, Clock clock) {
		this.webhook = webhook;
		this.hosts = Pattern.compile(webhook.certificateHostPattern());
		this.certificates = certificates;
		this.clock = clock;
	}

	void verify(SnsMessage message) {
		if (!webhook.topicArns().contains(message.topicArn())) {
			throw new Refused("sns_topic_unexpected", "Messages of this topic are not accepted");
		}
		String algorithm = switch (message.signatureVersion()) {
			case "1" -> "SHA1withRSA";
			case "2" -> "SHA256withRSA";
			default -> throw new Refused("sns_signature_invalid",
					"SignatureVersion " + message.signatureVersion() + " is not supported");
		};
		URI certificateUrl = allowed(message.signingCertUrl())
			.filter(url -> url.getPath() != null && url.getPath().endsWith(".pem"))
			.orElseThrow(() -> new Refused("sns_certificate_refused",
					"The signing certificate is not on an SNS host"));
		X509Certificate certificate = certificates.certificate(certificateUrl);
		try {
			certificate.checkValidity(Date.from(clock.instant()));
		}
		catch (CertificateExpiredException | CertificateNotYetValidException ex) {
			throw new Refused("sns_certificate_refused", "The signing certificate is not valid now");
		}
		byte[] signature;
		try {
			signature = Base64.getDecoder().decode(message.signature());
		}
		catch (IllegalArgumentException ex) {
			throw new Refused("sns_signature_invalid", "The signature is not Base64");
		}
		boolean valid;
		try {
			Signature verifier = Signature.getInstance(algorithm);
			verifier.initVerify(certificate.getPublicKey());
			verifier.update(message.stringToSign().getBytes(StandardCharsets.UTF_8));
			valid = verifier.verify(signature);
		}
		catch (GeneralSecurityException ex) {
			valid = false;
		}
		if (!valid) {
			throw new Refused("sns_signature_invalid", "The message signature does not verify");
		}
	}

	/**
	 * The URL when SNS may have given it to us: the configured scheme ({@code https}),
	 * a host matching the configured pattern (SNS's hosts), no user info.
	 */
	Optional<URI> allowed(String url) {
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			return Optional.empty();
		}
		if (!uri.isAbsolute() || uri.isOpaque() || uri.getRawUserInfo() != null || uri.getHost() == null
				|| !webhook.certificateScheme().equalsIgnoreCase(uri.getScheme())
				|| !hosts.matcher(uri.getHost().toLowerCase(Locale.ROOT)).matches()) {
			return Optional.empty();
		}
		return Optional.of(uri);
	}

}

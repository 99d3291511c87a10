package com.fibonacco.support;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signs SNS messages the way Amazon SNS does, with a self-made RSA key and self-signed
 * certificate (to be served where the webhook fetches {@code SigningCertURL}). The string
 * to sign is built here from AWS's documentation, independently of the server's code.
 */
public final class SnsSigning {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KeyPair keys;

	private final X509Certificate certificate;

	private SnsSigning(KeyPair keys, X509Certificate certificate) {
		this.keys = keys;
		this.certificate = certificate;
	}

	/** A new key and a certificate valid from yesterday to tomorrow. */
	public static SnsSigning generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair keys = generator.generateKeyPair();
			X500Name name = new X500Name("CN=sns.us-east-1.amazonaws.com");
			Instant now = Instant.now();
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
					BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
					Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic());
			X509Certificate certificate = new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
			return new SnsSigning(keys, certificate);
		}
		catch (GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public X509Certificate certificate() {
		return certificate;
	}

	public String certificatePem() {
		try {
			return "-----BEGIN CERTIFICATE-----\n"
					+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
						.encodeToString(certificate.getEncoded())
					+ "\n-----END CERTIFICATE-----\n";
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A signed Notification with a fresh MessageId, as a map of its JSON fields. */
	public Map<String, String> notification(String topicArn, String certificateUrl, String message,
			int signatureVersion) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("Type", "Notification");
		fields.put("MessageId", UUID.randomUUID().toString());
		fields.put("TopicArn", topicArn);
		fields.put("Message", message);
		fields.put("Timestamp", Instant.now().toString());
		fields.put("SignatureVersion", String.valueOf(signatureVersion));
		fields.put("SigningCertURL", certificateUrl);
		fields.put("UnsubscribeURL", "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn="
				+ topicArn + ":" + UUID.randomUUID());
		return sign(fields);
	}

	/** A signed SubscriptionConfirmation, as a map of its JSON fields. */
	public Map<String, String> subscriptionConfirmation(String topicArn, String certificateUrl, String subscribeUrl,
			String token) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("Type", "SubscriptionConfirmation");
		fields.put("MessageId", UUID.randomUUID().toString());
		fields.put("Token", token);
		fields.put("TopicArn", topicArn);
		fields.put("Message", "You have chosen to subscribe to the topic " + topicArn
				+ ".\nTo confirm the subscription, visit the SubscribeURL included in this message.");
		fields.put("SubscribeURL", subscribeUrl);
		fields.put("Timestamp", Instant.now().toString());
		fields.put("SignatureVersion", "1");
		fields.put("SigningCertURL", certificateUrl);
		return sign(fields);
	}

	/** Signs the fields (replacing any Signature) with SHA1withRSA or SHA256withRSA. */
	public Map<String, String> sign(Map<String, String> fields) {
		List<String> keys = "Notification".equals(fields.get("Type"))
				? List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
				: List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
		StringBuilder signed = new StringBuilder();
		for (String key : keys) {
			if (fields.get(key) != null) {
				signed.append(key).append('\n').append(fields.get(key)).append('\n');
			}
		}
		try {
			Signature signature = Signature
				.getInstance("2".equals(fields.get("SignatureVersion")) ? "SHA256withRSA" : "SHA1withRSA");
			signature.initSign(this.keys.getPrivate());
			signature.update(signed.toString().getBytes(StandardCharsets.UTF_8));
			Map<String, String> result = new LinkedHashMap<>(fields);
			result.put("Signature", Base64.getEncoder().encodeToString(signature.sign()));
			return result;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String json(Map<String, String> fields) {
		return JSON.writeValueAsString(fields);
	}

}

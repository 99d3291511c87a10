package com.fibonacco.messaging.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The two calls the webhook makes to Amazon SNS, both to URLs {@link SnsVerifier}
 * allowed: fetching a signing certificate (cached until it expires; SNS signs with a
 * handful) and confirming a subscription. Redirects are not followed, so a call never
 * leaves the allowed host; answers are small or refused.
 */
@Component
class SnsClient implements SnsVerifier.Certificates {

	private static final int MAX_CERTIFICATE_BYTES = 64 * 1024;

	private static final int MAX_CACHED = 32;

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final Map<URI, X509Certificate> cache = new ConcurrentHashMap<>();

	private final Clock clock;

	SnsClient(Clock clock) {
		this.clock = clock;
	}

	@Override
	public X509Certificate certificate(URI url) {
		X509Certificate cached = cache.get(url);
		if (cached != null && cached.getNotAfter().after(Date.from(clock.instant()))) {
			return cached;
		}
		byte[] pem;
		try {
			HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
					HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream body = response.body()) {
				if (response.statusCode() != 200) {
					throw new SnsVerifier.CertificateUnavailable(
							"the signing certificate answered " + response.statusCode(), null);
				}
				pem = body.readNBytes(MAX_CERTIFICATE_BYTES + 1);
			}
		}
		catch (IOException ex) {
			throw new SnsVerifier.CertificateUnavailable("the signing certificate could not be fetched", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SnsVerifier.CertificateUnavailable("interrupted while fetching the signing certificate", ex);
		}
		if (pem.length > MAX_CERTIFICATE_BYTES) {
			throw new SnsVerifier.Refused("sns_certificate_refused", "The signing certificate is too large");
		}
		X509Certificate certificate;
		try {
			certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(pem));
		}
		catch (CertificateException | ClassCastException ex) {
			throw new SnsVerifier.Refused("sns_certificate_refused", "The signing certificate is not an X.509 PEM");
		}
		if (cache.size() >= MAX_CACHED) {
			cache.clear();
		}
		cache.put(url, certificate);
		return certificate;
	}

	/** GETs a subscription's SubscribeURL; true when SNS answered 2xx. */
	boolean confirm(URI subscribeUrl) {
		try {
			HttpResponse<Void> response = http.send(
					HttpRequest.newBuilder(subscribeUrl).timeout(TIMEOUT).GET().build(),
					HttpResponse.BodyHandlers.discarding());
			return response.statusCode() / 100 == 2;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}

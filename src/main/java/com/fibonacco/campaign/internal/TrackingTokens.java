package com.fibonacco.campaign.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import com.fibonacco.campaign.CampaignProperties;
import com.fibonacco.shared.Secrets;
import com.fibonacco.shared.TenantId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The opaque tokens of tracking links: what a link is for (open, click, unsubscribe), the
 * tenant, the send and, for a click, the name of a link whose destination we stored,
 * signed with HMAC-SHA256. A token can't be forged or altered without the key, and its
 * ids can't be enumerated; it never carries a URL.
 */
@Component
class TrackingTokens {

	enum Kind {

		OPEN('o'), CLICK('c'), UNSUBSCRIBE('u');

		final char code;

		Kind(char code) {
			this.code = code;
		}

		static Optional<Kind> of(byte code) {
			return Arrays.stream(values()).filter(k -> k.code == code).findFirst();
		}

	}

	record Token(Kind kind, TenantId tenant, UUID sendId, @Nullable String link) {
	}

	private static final byte VERSION = 1;

	private static final int MAC_BYTES = 16;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final CampaignProperties properties;

	private final JdbcClient jdbc;

	private volatile @Nullable SecretKeySpec key;

	private volatile @Nullable Mac prototype;

	TrackingTokens(CampaignProperties properties, JdbcClient jdbc) {
		this.properties = properties;
		this.jdbc = jdbc;
	}

	String sign(Kind kind, TenantId tenant, UUID sendId, @Nullable String link) {
		byte[] name = link == null ? new byte[0] : link.getBytes(StandardCharsets.US_ASCII);
		ByteBuffer payload = ByteBuffer.allocate(2 + 32 + name.length);
		payload.put(VERSION).put((byte) kind.code);
		putUuid(payload, tenant.value());
		putUuid(payload, sendId);
		payload.put(name);
		byte[] bytes = payload.array();
		return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
	}

	/** The token's contents when its signature holds and it is of the kind expected. */
	Optional<Token> verify(String token, Kind kind) {
		int dot = token.indexOf('.');
		if (dot < 0 || token.length() > 200) {
			return Optional.empty();
		}
		try {
			byte[] payload = DECODER.decode(token.substring(0, dot));
			byte[] mac = DECODER.decode(token.substring(dot + 1));
			byte[] expected = mac(payload);
			// only the canonical spelling: base64's unused low bits make other strings
			// decode to the same bytes, and an altered token must not count
			boolean canonical = (ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac)).equals(token);
			if (payload.length < 34 || !canonical || !Secrets.constantTimeEquals(mac, expected)) {
				return Optional.empty();
			}
			ByteBuffer buffer = ByteBuffer.wrap(payload);
			if (buffer.get() != VERSION) {
				return Optional.empty();
			}
			Optional<Kind> found = Kind.of(buffer.get()).filter(k -> k == kind);
			if (found.isEmpty()) {
				return Optional.empty();
			}
			TenantId tenant = new TenantId(new UUID(buffer.getLong(), buffer.getLong()));
			UUID send = new UUID(buffer.getLong(), buffer.getLong());
			String link = buffer.hasRemaining()
					? new String(payload, buffer.position(), buffer.remaining(), StandardCharsets.US_ASCII) : null;
			return Optional.of(new Token(kind, tenant, send, link));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static void putUuid(ByteBuffer buffer, UUID id) {
		buffer.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
	}

	private byte[] mac(byte[] payload) {
		try {
			return Arrays.copyOf(newMac().doFinal(payload), MAC_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("every JDK has HmacSHA256", ex);
		}
	}

	/**
	 * A Mac keyed with the signing key: a clone of one made once (looking the algorithm
	 * up and initialising it for every token cost more than the MAC itself).
	 */
	private Mac newMac() throws GeneralSecurityException {
		Mac prototype = this.prototype;
		if (prototype == null) {
			prototype = Mac.getInstance("HmacSHA256");
			prototype.init(key());
			this.prototype = prototype;
		}
		try {
			return (Mac) prototype.clone();
		}
		catch (CloneNotSupportedException ex) {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key());
			return mac;
		}
	}

	private SecretKeySpec key() {
		SecretKeySpec current = key;
		if (current == null) {
			String secret = properties.signingKey();
			if (secret == null) {
				jdbc.sql(
						"INSERT INTO campaign_signing_keys (id, secret) VALUES ('tracking', :secret) ON CONFLICT DO NOTHING")
					.param("secret", Secrets.random(32))
					.update();
				secret = jdbc.sql("SELECT secret FROM campaign_signing_keys WHERE id = 'tracking'")
					.query(String.class)
					.single();
			}
			current = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
			key = current;
		}
		return current;
	}

}

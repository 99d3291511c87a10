package com.fibonacco.messaging.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import com.fibonacco.messaging.OutboundEmail;
import com.fibonacco.shared.TenantId;

import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SMTP transport sends the bodies as 8-bit text when the server announces 8BITMIME
 * and every line allows it, and as quoted-printable otherwise; either way the recipient
 * reads the same text and our Message-ID. The server here is a socket that records the
 * DATA it is given, so the test sees the bytes on the wire (GreenMail does not announce
 * 8BITMIME).
 */
class SmtpBodyEncodingTests {

	private static final String TEXT = "Hello Café Müller — your page is live. 👍\nhttps://example.test/t/c/abc";

	private static final String HTML = "<p>Hello Caf&eacute; Müller — your page is live.</p>\n<p>👍</p>";

	@Test
	void aServerThatTakesEightBitGetsTheBodiesAsTheyAre() throws Exception {
		String wire = send(true, email(TEXT, HTML));

		assertThat(wire).contains("Content-Transfer-Encoding: 8bit")
			.doesNotContain("quoted-printable")
			.contains("Hello Café Müller — your page is live. 👍");
		assertReadsBack(wire, TEXT, HTML);
	}

	@Test
	void aServerWithoutEightBitGetsQuotedPrintable() throws Exception {
		String wire = send(false, email(TEXT, HTML));

		assertThat(wire).contains("Content-Transfer-Encoding: quoted-printable").doesNotContain("Café");
		assertReadsBack(wire, TEXT, HTML);
	}

	@Test
	void aLineTooLongForEightBitIsEncodedEvenWhenTheServerTakesEightBit() throws Exception {
		String longLine = "<p>" + "é".repeat(600) + "</p>";

		String wire = send(true, email(TEXT, longLine));

		// quoted-printable or base64, whichever Jakarta Mail finds shorter
		assertThat(wire).doesNotContain("Content-Transfer-Encoding: 8bit").doesNotContain("é");
		assertReadsBack(wire, TEXT, longLine);
	}

	@Test
	void eightBitAllowsLinesOfUpTo998OctetsAndNoNul() {
		assertThat(Transports.eightBitSafe("a".repeat(998) + "\r\n" + "b".repeat(998))).isTrue();
		assertThat(Transports.eightBitSafe("a".repeat(999))).isFalse();
		assertThat(Transports.eightBitSafe("€".repeat(332) + "ab")).isTrue(); // 998 octets
		assertThat(Transports.eightBitSafe("€".repeat(333))).isFalse(); // 999 octets
		assertThat(Transports.eightBitSafe("👍".repeat(249) + "ab")).isTrue(); // 998 octets
		assertThat(Transports.eightBitSafe("👍".repeat(250))).isFalse(); // 1,000 octets
		assertThat(Transports.eightBitSafe("a\0b")).isFalse();
	}

	private static OutboundEmail email(String text, String html) {
		return new OutboundEmail(new TenantId(UUID.randomUUID()), "<send-1@fibonacco.test>", "Fibonacco", "news@fibonacco.test",
				"reply@fibonacco.test", "owner@bakery.test", "Café news", html, text,
				Map.of("List-Unsubscribe", "<https://example.test/t/u/abc>"), null);
	}

	private static void assertReadsBack(String wire, String text, String html) throws Exception {
		MimeMessage received = new MimeMessage(Session.getInstance(new Properties()),
				new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)));
		assertThat(received.getMessageID()).isEqualTo("<send-1@fibonacco.test>");
		assertThat(received.getSubject()).isEqualTo("Café news");
		MimeMultipart alternative = (MimeMultipart) received.getContent();
		// the transport sends every line break as CRLF
		assertThat(alternative.getBodyPart(0).getContent()).asString().isEqualToNormalizingNewlines(text);
		assertThat(alternative.getBodyPart(1).getContent()).asString().isEqualToNormalizingNewlines(html);
	}

	/** Sends the email through the transport to a one-message server; the DATA it got. */
	private static String send(boolean announceEightBit, OutboundEmail email) throws Exception {
		try (ServerSocket server = new ServerSocket(0)) {
			CompletableFuture<String> data = CompletableFuture.supplyAsync(() -> serveOne(server, announceEightBit));
			JavaMailSenderImpl mail = new JavaMailSenderImpl();
			mail.setHost("127.0.0.1");
			mail.setPort(server.getLocalPort());
			Transports.Smtp smtp = new Transports.Smtp(mail);
			smtp.send(email);
			return data.get(10, TimeUnit.SECONDS);
		}
	}

	private static String serveOne(ServerSocket server, boolean announceEightBit) {
		try (Socket socket = server.accept()) {
			socket.setSoTimeout(10_000);
			InputStream in = socket.getInputStream();
			OutputStream out = socket.getOutputStream();
			reply(out, "220 test.local ESMTP");
			ByteArrayOutputStream data = new ByteArrayOutputStream();
			while (true) {
				String command = line(in);
				String verb = command.length() < 4 ? command : command.substring(0, 4).toUpperCase();
				switch (verb) {
					case "EHLO" -> reply(out, announceEightBit ? "250-test.local\r\n250 8BITMIME" : "250 test.local");
					case "DATA" -> {
						reply(out, "354 go ahead");
						for (String line = line(in); !line.equals("."); line = line(in)) {
							data.write((line.startsWith("..") ? line.substring(1) : line).getBytes(StandardCharsets.UTF_8));
							data.write("\r\n".getBytes(StandardCharsets.UTF_8));
						}
						reply(out, "250 queued");
						// the transport keeps its connection for the next message
						return data.toString(StandardCharsets.UTF_8);
					}
					default -> reply(out, "250 ok");
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void reply(OutputStream out, String reply) throws IOException {
		out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	/** One CRLF-terminated line, decoded as UTF-8 (an 8-bit body is UTF-8 here). */
	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int previous = -1;
		for (int b = in.read(); b != -1; b = in.read()) {
			if (previous == '\r' && b == '\n') {
				byte[] bytes = line.toByteArray();
				return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
			}
			line.write(b);
			previous = b;
		}
		throw new IOException("the connection closed mid-line");
	}

}

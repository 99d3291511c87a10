package com.fibonacco.bench.campaign;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SMTP server that accepts everything: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT,
 * a thread per connection. It counts messages and bytes, and the messages of each
 * Message-ID (the exactly-once check); for a sample of messages it keeps the tracking
 * tokens of the open pixel and the first click link. Pipelining-safe: replies are written
 * in command order and flushed only when no further command is already waiting.
 */
final class SmtpSink implements AutoCloseable {

	private static final Pattern OPEN = Pattern.compile("/t/o/([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)");

	private static final Pattern CLICK = Pattern.compile("/t/c/([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)");

	private final ServerSocket server;

	private final Thread acceptor;

	final LongAdder messages = new LongAdder();

	final LongAdder bytes = new LongAdder();

	final ConcurrentHashMap<String, AtomicInteger> byMessageId = new ConcurrentHashMap<>();

	final ConcurrentLinkedQueue<String[]> tokens = new ConcurrentLinkedQueue<>();

	private final AtomicInteger sampled = new AtomicInteger();

	private final int sample;

	final AtomicLong firstAt = new AtomicLong();

	final AtomicLong lastAt = new AtomicLong();

	volatile byte[] example;

	final AtomicInteger connections = new AtomicInteger();

	SmtpSink(int sample) throws IOException {
		this.sample = sample;
		this.server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
		this.acceptor = Thread.ofPlatform().name("smtp-sink-accept").daemon().start(this::accept);
	}

	int port() {
		return server.getLocalPort();
	}

	/** Forgets what was counted (between the workloads). */
	void reset() {
		messages.reset();
		bytes.reset();
		byMessageId.clear();
		firstAt.set(0);
		lastAt.set(0);
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket socket = server.accept();
				socket.setTcpNoDelay(true);
				connections.incrementAndGet();
				Thread.ofPlatform().name("smtp-sink").daemon().start(() -> serve(socket));
			}
			catch (IOException ex) {
				if (!server.isClosed()) {
					ex.printStackTrace();
				}
			}
		}
	}

	private void serve(Socket socket) {
		try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
				OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 14)) {
			out.write("220 sink.local ESMTP bench\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			Line line = new Line();
			while (true) {
				if (!readLine(in, line)) {
					return;
				}
				String command = line.text();
				String verb = (command.length() >= 4 ? command.substring(0, 4) : command).toUpperCase(Locale.ROOT);
				switch (verb) {
					case "EHLO" -> out.write(
							"250-sink.local\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 52428800\r\n".getBytes(StandardCharsets.US_ASCII));
					case "HELO" -> reply(out, "250 sink.local");
					case "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
					case "DATA" -> {
						reply(out, "354 go ahead");
						out.flush();
						if (!data(in, line)) {
							return;
						}
						reply(out, "250 OK queued");
					}
					case "QUIT" -> {
						reply(out, "221 bye");
						out.flush();
						return;
					}
					default -> reply(out, "250 OK");
				}
				if (in.available() == 0) {
					out.flush();
				}
			}
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	/** The message up to the lone dot: counted, its Message-ID recorded. */
	private boolean data(InputStream in, Line line) throws IOException {
		boolean headers = true;
		String messageId = null;
		long size = 0;
		boolean keep = example == null;
		boolean sampleTokens = sampled.get() < sample;
		StringBuilder body = sampleTokens ? new StringBuilder(8192) : null;
		ByteArrayOutputStream raw = keep ? new ByteArrayOutputStream(8192) : null;
		while (true) {
			if (!readLine(in, line)) {
				return false;
			}
			int n = line.n;
			byte[] b = line.b;
			if (n == 1 && b[0] == '.') {
				break;
			}
			size += n + 2;
			if (raw != null) {
				raw.write(b, 0, n);
				raw.write('\r');
				raw.write('\n');
			}
			if (headers) {
				if (n == 0) {
					headers = false;
				}
				else if (messageId == null && n > 11 && (b[0] == 'M' || b[0] == 'm')) {
					String header = line.text();
					if (header.regionMatches(true, 0, "Message-ID:", 0, 11)) {
						messageId = header.substring(11).strip();
					}
				}
			}
			else if (body != null) {
				// quoted-printable soft line breaks joined, =3D decoded: tokens stay whole
				String text = line.text();
				if (text.endsWith("=")) {
					body.append(text, 0, text.length() - 1);
				}
				else {
					body.append(text).append('\n');
				}
			}
		}
		long now = System.nanoTime();
		firstAt.compareAndSet(0, now);
		lastAt.set(now);
		messages.increment();
		bytes.add(size);
		if (messageId != null) {
			byMessageId.computeIfAbsent(messageId, k -> new AtomicInteger()).incrementAndGet();
		}
		if (raw != null && example == null) {
			example = raw.toByteArray();
		}
		if (body != null && sampled.incrementAndGet() <= sample) {
			String text = body.toString().replace("=3D", "=");
			Matcher open = OPEN.matcher(text);
			Matcher click = CLICK.matcher(text);
			if (open.find() && click.find()) {
				tokens.add(new String[] { open.group(1), click.group(1) });
			}
		}
		return true;
	}

	/** A reusable line buffer. */
	static final class Line {

		byte[] b = new byte[1024];

		int n;

		String text() {
			return new String(b, 0, n, StandardCharsets.US_ASCII);
		}

	}

	/** One line without its CRLF; false at the end of the stream. */
	private static boolean readLine(InputStream in, Line line) throws IOException {
		line.n = 0;
		int c;
		while ((c = in.read()) >= 0) {
			if (c == '\n') {
				if (line.n > 0 && line.b[line.n - 1] == '\r') {
					line.n--;
				}
				return true;
			}
			if (line.n == line.b.length) {
				line.b = java.util.Arrays.copyOf(line.b, line.n * 2);
			}
			line.b[line.n++] = (byte) c;
		}
		return false;
	}

	private static void reply(OutputStream out, String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.US_ASCII));
		out.write('\r');
		out.write('\n');
	}

	List<String[]> tokens() {
		return List.copyOf(tokens);
	}

	@Override
	public void close() throws IOException {
		server.close();
	}

}

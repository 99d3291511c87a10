package com.fibonacco.bench.campaign;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 6's workloads, in one run against a throw-away embedded PostgreSQL, the Fibonacco
 * server (the main project's jar, a child process) and an SMTP sink in this process:
 * <ol>
 * <li>the sink's ceiling: a plain SMTP client sending messages of the size the server
 * sent over the same number of connections, MAIL/RCPT/DATA one after another as Jakarta
 * Mail does;</li>
 * <li>one day of {@code bench.size} running programs: each at day {@code bench.day - 1}
 * and due, the day scheduler triggered (JobRunr's recurring job), every program advanced
 * to the day with a campaign, the sends queued, rendered and delivered over SMTP to the
 * sink; messages/s from the trigger to the last message the sink accepted; then every
 * send checked against the sink by Message-ID (exactly once);</li>
 * <li>the tracking endpoints under load: {@code bench.clients} keep-alive connections
 * hitting open pixels and click redirects with the tokens of the real sends; hits/s, p50,
 * p99, and every hit found in {@code email_events}.</li>
 * </ol>
 * Prints one JSON line per workload on stdout; progress goes to stderr.
 */
public final class CampaignSendBench {

	static final String ADMIN_EMAIL = "bench@fibonacco.local";

	static final String ADMIN_PASSWORD = "bench-Password-2026";

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
			+ "(KHTML, like Gecko) Version/17.1 Safari/605.1.15";

	private final int size = Integer.getInteger("bench.size", 100_000);

	private final int day = Integer.getInteger("bench.day", 4);

	private final int concurrency = Integer.getInteger("bench.concurrency", 16);

	private final int batchSize = Integer.getInteger("bench.batch-size", 500);

	private final int clients = Integer.getInteger("bench.clients", 32);

	private final int hits = Integer.getInteger("bench.hits", 60_000);

	private final int ceilingMessages = Integer.getInteger("bench.ceiling-messages", 50_000);

	private final String heap = System.getProperty("bench.heap", "1g");

	private final String serverArgs = System.getProperty("bench.server-args", "");

	private final String jvmArgs = System.getProperty("bench.jvm-args", "");

	private final Path appJar = Path.of(System.getProperty("bench.app-jar", "target/fibonacco-0.1.0-SNAPSHOT.jar"))
		.toAbsolutePath()
		.normalize();

	private final Path out = Path.of(System.getProperty("bench.out", "bench/campaign/target")).toAbsolutePath().normalize();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private int port;

	private int dashboardPort;

	private String token = "";

	private final List<String> loads = new ArrayList<>();

	public static void main(String[] args) {
		try {
			new CampaignSendBench().run();
		}
		catch (Exception | Error ex) {
			ex.printStackTrace();
			System.exit(1);
		}
		System.exit(0);
	}

	void run() throws Exception {
		if (!Files.isRegularFile(appJar)) {
			throw new IllegalStateException(appJar + " not found: build it with ./mvnw -q -DskipTests package");
		}
		Files.createDirectories(out);
		String loadBefore = loadAverage();
		try (SmtpSink sink = new SmtpSink(Math.min(size, Math.max(hits, 20_000)));
				EmbeddedPostgres postgres = EmbeddedPostgres.builder()
					.setServerConfig("max_connections", "200")
					.setServerConfig("timezone", "UTC")
					.setServerConfig("shared_buffers", "512MB")
					.setServerConfig("max_wal_size", "4GB")
					.setServerConfig("checkpoint_timeout", "30min")
					// where the database's time goes, per statement and workload
					.setServerConfig("shared_preload_libraries", "pg_stat_statements")
					.setServerConfig("pg_stat_statements.track", "all")
					.start()) {
			String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
			port = freePort();
			dashboardPort = freePort();
			Process server = startServer(jdbcUrl, sink.port());
			Runtime.getRuntime().addShutdownHook(new Thread(server::destroy));
			try (Connection db = DriverManager.getConnection(jdbcUrl)) {
				waitHealthy(server);
				token = token(ADMIN_EMAIL, ADMIN_PASSWORD);
				UUID tenant = createTenant();
				awaitCatalog(db, tenant);
				String campaign = single(db, "SELECT id FROM campaigns WHERE tenant_id = '" + tenant
						+ "' AND day = " + day + " AND is_active");
				if (campaign == null) {
					throw new IllegalStateException("the catalog has no campaign on day " + day);
				}
				log("seeding " + size + " SMBs with running programs at day " + (day - 1) + " (campaign " + campaign
						+ " due on day " + day + ")");
				long t0 = System.nanoTime();
				seed(db, tenant);
				execute(db, "VACUUM ANALYZE");
				execute(db, "CHECKPOINT");
				execute(db, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
				execute(db, "SELECT pg_stat_statements_reset()");
				log(String.format("seeded in %.1f s", (System.nanoTime() - t0) / 1e9));
				String pg = single(db, "SHOW server_version");

				// ---- one day's run
				sampleLoad();
				log("triggering the day scheduler");
				long start = System.nanoTime();
				Instant startedAt = Instant.now();
				trigger();
				long advancedAt = 0;
				long lastProgress = 0;
				int expected = -1;
				while (true) {
					Thread.sleep(250);
					long now = System.nanoTime();
					if (now - start > Duration.ofMinutes(20).toNanos()) {
						throw new IllegalStateException("the day's run did not finish in 20 minutes");
					}
					if (!server.isAlive()) {
						throw new IllegalStateException("the server stopped; see " + out.resolve("campaign-server.log"));
					}
					if (advancedAt == 0) {
						long due = count(db, "SELECT count(*) FROM campaign_programs WHERE tenant_id = '" + tenant
								+ "' AND status = 'running' AND day < " + day);
						if (due == 0) {
							advancedAt = now;
							expected = (int) count(db, "SELECT count(*) FROM campaign_sends WHERE tenant_id = '"
									+ tenant + "' AND program_day = " + day + " AND status <> 'skipped'");
							log(String.format("advanced in %.1f s: %,d sends queued", (now - start) / 1e9, expected));
						}
					}
					if (now - lastProgress > 5_000_000_000L) {
						lastProgress = now;
						sampleLoad();
						log(String.format("%,d messages at the sink after %.0f s", sink.messages.sum(),
								(now - start) / 1e9));
					}
					if (expected >= 0 && sink.messages.sum() >= expected) {
						long open = count(db, "SELECT count(*) FROM campaign_sends WHERE tenant_id = '" + tenant
								+ "' AND status IN ('queued', 'sending')");
						if (open == 0) {
							break;
						}
					}
				}
				double seconds = (sink.lastAt.get() - start) / 1e9;
				double advanceSeconds = (advancedAt - start) / 1e9;
				double deliverSeconds = (sink.lastAt.get() - sink.firstAt.get()) / 1e9;
				long delivered = sink.messages.sum();
				long messageBytes = delivered == 0 ? 0 : sink.bytes.sum() / delivered;
				// exactly once: every send recorded as sent reached the sink once, nothing else did
				Map<String, Integer> sent = new java.util.HashMap<>();
				try (Statement st = db.createStatement();
						ResultSet rs = st.executeQuery("SELECT message_id, status FROM campaign_sends WHERE tenant_id = '"
								+ tenant + "' AND program_day = " + day)) {
					while (rs.next()) {
						sent.merge(rs.getString(2), 1, Integer::sum);
						if ("sent".equals(rs.getString(2))) {
							sent.merge("#" + rs.getString(1), 1, Integer::sum);
						}
					}
				}
				long sentCount = sent.getOrDefault("sent", 0);
				long missing = 0;
				long duplicates = 0;
				long unknown = 0;
				for (Map.Entry<String, Integer> e : sent.entrySet()) {
					if (e.getKey().startsWith("#")) {
						var n = sink.byMessageId.get(e.getKey().substring(1));
						if (n == null) {
							missing++;
						}
					}
				}
				for (Map.Entry<String, java.util.concurrent.atomic.AtomicInteger> e : sink.byMessageId.entrySet()) {
					if (e.getValue().get() > 1) {
						duplicates += e.getValue().get() - 1;
					}
					if (!sent.containsKey("#" + e.getKey())) {
						unknown++;
					}
				}
				long sentEvents = count(db, "SELECT count(*) FROM email_events WHERE tenant_id = '" + tenant
						+ "' AND event_type = 'sent'");
				String loadDuring = String.join(" | ", loads);
				byte[] example = sink.example;
				List<String[]> tokens = sink.tokens();
				int connectionsUsed = sink.connections.get();
				long sinkDistinct = sink.byMessageId.size();
				log(String.format("day's run: %,d messages in %.1f s (%.0f/s)", delivered, seconds, delivered / seconds));

				// ---- the sink's ceiling, alone, with the same message size over the same
				// number of connections
				sink.reset();
				loads.clear();
				sampleLoad();
				double[] ceiling = ceiling(sink, example, concurrency);
				log(String.format("sink ceiling: %.0f messages/s", ceiling[0]));

				Map<String, Object> env = new LinkedHashMap<>();
				env.put("cores", Runtime.getRuntime().availableProcessors());
				env.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
				env.put("postgresql", pg);
				env.put("server_heap_max", heap);
				env.put("loadavg_before", loadBefore);
				env.put("loadavg_during_send", loadDuring);
				env.put("sender_concurrency", concurrency);
				env.put("sender_batch_size", batchSize);
				env.put("server_args", serverArgs);

				Map<String, Object> line = new LinkedHashMap<>();
				line.put("workload", "campaign_day_send");
				line.put("programs", size);
				line.put("day", day);
				line.put("campaign", campaign);
				line.put("sends", expected);
				line.put("messages", delivered);
				line.put("message_bytes", messageBytes);
				line.put("seconds", round(seconds));
				line.put("messages_per_s", Math.round(delivered / seconds));
				line.put("advance_done_seconds", round(advanceSeconds));
				line.put("first_to_last_message_seconds", round(deliverSeconds));
				line.put("smtp_connections", connectionsUsed);
				line.put("sink_ceiling_messages_per_s", Math.round(ceiling[0]));
				line.put("sink_ceiling_messages", (long) ceiling[1]);
				line.put("ratio_to_ceiling", round(delivered / seconds / ceiling[0]));
				line.put("statuses", sent.entrySet()
					.stream()
					.filter(e -> !e.getKey().startsWith("#"))
					.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
				line.put("exactly_once", Map.of("sent", sentCount, "sink_distinct", sinkDistinct, "missing_at_sink", missing, "duplicates_at_sink", duplicates,
						"unknown_at_sink", unknown, "sent_events", sentEvents));
				line.put("exactly_once_ok", missing == 0 && duplicates == 0 && unknown == 0 && sentCount == delivered
						&& sentEvents == sentCount);
				line.put("target", ">= 1000 messages/s and >= 50% of the sink's ceiling");
				line.put("meets_target", delivered / seconds >= 1000 && delivered / seconds >= 0.5 * ceiling[0]);
				line.put("started_at", startedAt.toString());
				line.put("env", env);
				System.out.println(JSON.writeValueAsString(line));
				statements(db, "campaign-statements-send.txt");

				// ---- tracking under load
				loads.clear();
				sampleLoad();
				Map<String, Object> tracking = tracking(db, tenant, tokens);
				statements(db, "campaign-statements-tracking.txt");
				env.put("loadavg_during_tracking", String.join(" | ", loads));
				tracking.put("env", env);
				System.out.println(JSON.writeValueAsString(tracking));
			}
			finally {
				server.destroy();
				server.waitFor();
			}
		}
	}

	// ------------------------------------------------------------------ the workloads

	/**
	 * A plain SMTP client: {@code connections} connections, each sending the example
	 * message again and again (MAIL, RCPT, DATA, one reply awaited after each); messages/s
	 * and the number sent.
	 */
	double[] ceiling(SmtpSink sink, byte[] example, int connections) throws Exception {
		if (example == null) {
			throw new IllegalStateException("no message reached the sink");
		}
		// the example without its Message-ID line; each message gets one of its own
		String text = new String(example, StandardCharsets.ISO_8859_1).replaceFirst("(?im)^Message-ID:.*\\r\\n", "");
		byte[] body = text.getBytes(StandardCharsets.ISO_8859_1);
		AtomicInteger next = new AtomicInteger();
		CountDownLatch ready = new CountDownLatch(connections);
		CountDownLatch go = new CountDownLatch(1);
		List<Thread> threads = new ArrayList<>();
		AtomicLong failures = new AtomicLong();
		for (int c = 0; c < connections; c++) {
			threads.add(Thread.ofPlatform().start(() -> {
				try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), sink.port())) {
					socket.setTcpNoDelay(true);
					InputStream in = new BufferedInputStream(socket.getInputStream());
					OutputStream o = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
					expect(in, "220");
					o.write("EHLO ceiling.local\r\n".getBytes(StandardCharsets.US_ASCII));
					o.flush();
					expect(in, "250");
					ready.countDown();
					go.await();
					int i;
					while ((i = next.getAndIncrement()) < ceilingMessages) {
						o.write("MAIL FROM:<sarah@fibonacco.com>\r\n".getBytes(StandardCharsets.US_ASCII));
						o.flush();
						expect(in, "250");
						o.write(("RCPT TO:<owner" + i + "@ceiling.example>\r\n").getBytes(StandardCharsets.US_ASCII));
						o.flush();
						expect(in, "250");
						o.write("DATA\r\n".getBytes(StandardCharsets.US_ASCII));
						o.flush();
						expect(in, "354");
						o.write(("Message-ID: <ceiling-" + i + "@bench>\r\n").getBytes(StandardCharsets.US_ASCII));
						o.write(body);
						o.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
						o.flush();
						expect(in, "250");
					}
					o.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
					o.flush();
				}
				catch (Exception ex) {
					failures.incrementAndGet();
					ex.printStackTrace();
				}
			}));
		}
		ready.await();
		long t0 = System.nanoTime();
		go.countDown();
		for (Thread thread : threads) {
			thread.join();
		}
		double seconds = (System.nanoTime() - t0) / 1e9;
		if (failures.get() > 0) {
			throw new IllegalStateException(failures.get() + " ceiling connections failed");
		}
		return new double[] { sink.messages.sum() / seconds, sink.messages.sum() };
	}

	/** Reads one reply (all its lines) and checks its code. */
	private static void expect(InputStream in, String code) throws IOException {
		while (true) {
			StringBuilder line = new StringBuilder();
			int c;
			while ((c = in.read()) != '\n') {
				if (c < 0) {
					throw new IOException("closed");
				}
				line.append((char) c);
			}
			if (!line.toString().startsWith(code)) {
				throw new IOException("expected " + code + ", got " + line);
			}
			if (line.length() < 4 || line.charAt(3) != '-') {
				return;
			}
		}
	}

	/**
	 * {@code clients} keep-alive connections, each sending GETs of open pixels and click
	 * redirects (alternately) with the real sends' tokens, one after the other; then every
	 * hit is looked for in {@code email_events}.
	 */
	Map<String, Object> tracking(Connection db, UUID tenant, List<String[]> tokens) throws Exception {
		if (tokens.isEmpty()) {
			throw new IllegalStateException("no tracking tokens were captured at the sink");
		}
		long eventsBefore = count(db, "SELECT count(*) FROM email_events WHERE tenant_id = '" + tenant
				+ "' AND event_type IN ('open', 'click')");
		// warm-up: a few hundred hits, not counted
		int warm = Math.min(500, tokens.size());
		long[] warmLatencies = new long[warm];
		hit(tokens, 0, warm, 4, warmLatencies, new AtomicInteger(), new AtomicInteger(), new AtomicInteger());
		long afterWarm = count(db, "SELECT count(*) FROM email_events WHERE tenant_id = '" + tenant
				+ "' AND event_type IN ('open', 'click')");
		long[] latencies = new long[hits];
		AtomicInteger opens = new AtomicInteger();
		AtomicInteger clicks = new AtomicInteger();
		AtomicInteger errors = new AtomicInteger();
		long t0 = System.nanoTime();
		hit(tokens, warm, hits, clients, latencies, opens, clicks, errors);
		double seconds = (System.nanoTime() - t0) / 1e9;
		String loadAfter = loadAverage();
		// none lost: every answered hit is a row; the events' listeners (engagement) fold
		// them in afterwards: recorded, queued, rescored
		long events = count(db, "SELECT count(*) FROM email_events WHERE tenant_id = '" + tenant
				+ "' AND event_type IN ('open', 'click')") - afterWarm;
		long w0 = System.nanoTime();
		long pending = -1;
		// the listeners record and queue; the rescorer empties the queue (since da66cda)
		boolean rescoreQueue = count(db, "SELECT count(*) FROM pg_class WHERE relname = 'engagement_rescore_queue'") > 0;
		while (System.nanoTime() - w0 < Duration.ofMinutes(3).toNanos()) {
			pending = count(db, "SELECT count(*) FROM event_publication WHERE completion_date IS NULL")
					+ (rescoreQueue ? count(db, "SELECT count(*) FROM engagement_rescore_queue") : 0);
			if (pending == 0) {
				break;
			}
			Thread.sleep(250);
		}
		double drained = (System.nanoTime() - w0) / 1e9;
		long signals = count(db, "SELECT count(*) FROM engagement_signals WHERE tenant_id = '" + tenant + "'");
		Arrays.sort(latencies);
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("workload", "campaign_tracking");
		line.put("clients", clients);
		line.put("hits", hits);
		line.put("opens", opens.get());
		line.put("clicks", clicks.get());
		line.put("errors", errors.get());
		line.put("distinct_sends", Math.min(tokens.size(), hits));
		line.put("seconds", round(seconds));
		line.put("hits_per_s", Math.round(hits / seconds));
		line.put("p50_ms", round(latencies[hits / 2] / 1e6));
		line.put("p99_ms", round(latencies[(int) (hits * 0.99)] / 1e6));
		line.put("max_ms", round(latencies[hits - 1] / 1e6));
		line.put("email_events_recorded", events);
		line.put("none_lost", events == (long) opens.get() + clicks.get() && errors.get() == 0);
		line.put("events_or_rescores_pending_after", pending);
		line.put("events_folded_after_seconds", round(drained));
		line.put("engagement_signals", signals);
		line.put("events_before", eventsBefore);
		line.put("loadavg_after", loadAfter);
		line.put("target", ">= 3000 hits/s with p99 < 25 ms, none lost");
		line.put("meets_target", hits / seconds >= 3000 && latencies[(int) (hits * 0.99)] / 1e6 < 25
				&& events == (long) opens.get() + clicks.get());
		return line;
	}

	/** {@code total} hits over {@code connections} keep-alive connections. */
	void hit(List<String[]> tokens, int offset, int total, int connections, long[] latencies, AtomicInteger opens,
			AtomicInteger clicks, AtomicInteger errors) throws Exception {
		AtomicInteger next = new AtomicInteger();
		List<Thread> threads = new ArrayList<>();
		for (int c = 0; c < connections; c++) {
			threads.add(Thread.ofPlatform().start(() -> {
				Socket socket = null;
				InputStream in = null;
				OutputStream o = null;
				int i;
				while ((i = next.getAndIncrement()) < total) {
					String[] t = tokens.get((offset + i) % tokens.size());
					boolean open = i % 2 == 0;
					String path = open ? "/t/o/" + t[0] : "/t/c/" + t[1];
					byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nUser-Agent: "
							+ BROWSER + "\r\nAccept: */*\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
					for (int attempt = 0; attempt < 2; attempt++) {
						try {
							if (socket == null) {
								socket = new Socket(InetAddress.getLoopbackAddress(), port);
								socket.setTcpNoDelay(true);
								in = new BufferedInputStream(socket.getInputStream());
								o = new BufferedOutputStream(socket.getOutputStream());
							}
							long s = System.nanoTime();
							o.write(request);
							o.flush();
							int status = response(in);
							latencies[i] = System.nanoTime() - s;
							if (open && status == 200) {
								opens.incrementAndGet();
							}
							else if (!open && status == 302) {
								clicks.incrementAndGet();
							}
							else {
								errors.incrementAndGet();
							}
							break;
						}
						catch (IOException ex) {
							// the server closed a kept-alive connection (its keep-alive limit):
							// reconnect and send again, the request had not been answered
							try {
								socket.close();
							}
							catch (Exception ignored) {
							}
							socket = null;
							if (attempt == 1) {
								errors.incrementAndGet();
							}
						}
					}
				}
				if (socket != null) {
					try {
						socket.close();
					}
					catch (IOException ignored) {
					}
				}
			}));
		}
		for (Thread thread : threads) {
			thread.join();
		}
	}

	/** Reads one HTTP/1.1 response (Content-Length or chunked); its status. */
	static int response(InputStream in) throws IOException {
		String status = headerLine(in);
		if (status == null) {
			throw new IOException("closed");
		}
		int code = Integer.parseInt(status.substring(9, 12));
		long length = -1;
		boolean chunked = false;
		String header;
		while (!(header = headerLine(in)).isEmpty()) {
			String lower = header.toLowerCase(java.util.Locale.ROOT);
			if (lower.startsWith("content-length:")) {
				length = Long.parseLong(lower.substring(15).strip());
			}
			else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
				chunked = true;
			}
		}
		if (chunked) {
			while (true) {
				long n = Long.parseLong(headerLine(in).split(";")[0].strip(), 16);
				skip(in, n);
				headerLine(in);
				if (n == 0) {
					break;
				}
			}
		}
		else if (length > 0) {
			skip(in, length);
		}
		return code;
	}

	private static void skip(InputStream in, long n) throws IOException {
		while (n > 0) {
			long s = in.skip(n);
			if (s <= 0) {
				if (in.read() < 0) {
					throw new IOException("closed");
				}
				s = 1;
			}
			n -= s;
		}
	}

	private static String headerLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = in.read()) != '\n') {
			if (c < 0) {
				if (line.isEmpty()) {
					return null;
				}
				throw new IOException("closed");
			}
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	// ------------------------------------------------------------------ set-up

	/**
	 * {@code size} SMBs in one community whose local send time is 00:00 (so the day's sends
	 * are due at once), each with a running program at day {@code day - 1} that is due.
	 */
	void seed(Connection db, UUID tenant) throws Exception {
		UUID community = UUID.randomUUID();
		try (PreparedStatement insert = db.prepareStatement(
				"INSERT INTO communities (tenant_id, id, name, slug, state, timezone, settings) VALUES (?, ?, "
						+ "'Hendersonville', 'hendersonville', 'NC', 'America/New_York', "
						+ "'{\"send_time_local\": \"00:00\"}'::jsonb)")) {
			insert.setObject(1, tenant);
			insert.setObject(2, community);
			insert.executeUpdate();
		}
		try (PreparedStatement insert = db.prepareStatement("""
				INSERT INTO smbs (tenant_id, id, community_id, slug, business_name, primary_contact_name, primary_email,
				  primary_phone, address, city, state, zip, category, business_description, source, campaign_status,
				  manifest_destiny_day, manifest_destiny_start_date, created_at, updated_at)
				SELECT ?, gen_random_uuid(), ?, 'bench-business-' || i, 'Bench Business ' || i, 'Owner Number' || i,
				  'owner' || i || '@bench' || i || '.example', '+1828' || (2000000 + i), i || ' Church St',
				  'Hendersonville', 'NC', '28792', 'Retail', 'A local business on the chamber list, number ' || i,
				  'seed', 'running', ? - 1, (now() AT TIME ZONE 'America/New_York')::date - (? - 1),
				  now() - interval '30 days', now() - interval '30 days'
				FROM generate_series(1, ?) AS i
				""")) {
			insert.setObject(1, tenant);
			insert.setObject(2, community);
			insert.setInt(3, day);
			insert.setInt(4, day);
			insert.setInt(5, size);
			insert.executeUpdate();
		}
		// the program as the scheduler left it yesterday: day N-1 began yesterday (local), the
		// next day begins at 00:01 today, which has passed: due
		try (PreparedStatement insert = db.prepareStatement("""
				INSERT INTO campaign_programs (tenant_id, smb_id, status, day, start_date, day_date, next_action_at,
				  started_at, created_at, updated_at)
				SELECT s.tenant_id, s.id, 'running', ? - 1, l.today - (? - 1), l.today - 1,
				  (l.today::timestamp + interval '1 minute') AT TIME ZONE 'America/New_York',
				  now() - make_interval(days => ?), now() - interval '30 days', now() - interval '30 days'
				  FROM smbs s, (SELECT ((now() - interval '1 minute') AT TIME ZONE 'America/New_York')::date AS today) l
				 WHERE s.tenant_id = ?
				""")) {
			insert.setInt(1, day);
			insert.setInt(2, day);
			insert.setInt(3, day);
			insert.setObject(4, tenant);
			insert.executeUpdate();
		}
	}

	void trigger() throws Exception {
		HttpResponse<String> response = http.send(HttpRequest
			.newBuilder(URI.create(
					"http://localhost:" + dashboardPort + "/api/recurring-jobs/advance-manifest-destiny-day/trigger"))
			.header("Authorization", "Basic " + java.util.Base64.getEncoder()
				.encodeToString(("bench:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException("trigger answered " + response.statusCode() + ": " + response.body());
		}
	}

	void awaitCatalog(Connection db, UUID tenant) throws Exception {
		Instant deadline = Instant.now().plusSeconds(60);
		while (count(db, "SELECT count(*) FROM campaigns WHERE tenant_id = '" + tenant + "'") == 0) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("the new tenant got no catalog");
			}
			Thread.sleep(200);
		}
	}

	Process startServer(String jdbcUrl, int smtpPort) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx" + heap));
		for (String arg : jvmArgs.split("\\s+")) {
			if (!arg.isBlank()) {
				command.add(arg);
			}
		}
		command.addAll(List.of("-jar", appJar.toString(), "--server.port=" + port,
				"--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres",
				"--spring.datasource.password=postgres", "--fibonacco.demo-data=false",
				"--fibonacco.admin.email=" + ADMIN_EMAIL, "--fibonacco.admin.password=" + ADMIN_PASSWORD,
				"--fibonacco.email.transport=smtp", "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort,
				"--fibonacco.email.rate-per-second=0", "--fibonacco.campaign.public-base-url=http://localhost:" + port,
				"--fibonacco.campaign.sender.poll-interval=1s",
				"--fibonacco.campaign.sender.concurrency=" + concurrency,
				"--fibonacco.campaign.sender.batch-size=" + batchSize, "--jobrunr.dashboard.enabled=true",
				"--jobrunr.dashboard.port=" + dashboardPort, "--jobrunr.dashboard.username=bench",
				"--jobrunr.dashboard.password=" + ADMIN_PASSWORD, "--jobrunr.background-job-server.poll-interval-in-seconds=5",
				"--logging.level.root=warn", "--logging.level.com.fibonacco.campaign=info"));
		for (String arg : serverArgs.split("\\s+")) {
			if (!arg.isBlank()) {
				command.add(arg);
			}
		}
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(out.resolve("campaign-server.log").toFile())
			.start();
	}

	void waitHealthy(Process server) throws Exception {
		Instant deadline = Instant.now().plusSeconds(240);
		while (Instant.now().isBefore(deadline)) {
			if (!server.isAlive()) {
				throw new IllegalStateException("the server stopped; see " + out.resolve("campaign-server.log"));
			}
			try {
				HttpResponse<String> health = http.send(
						HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// still starting
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("the server did not start in time");
	}

	String token(String email, String password) throws Exception {
		String body = JSON.writeValueAsString(Map.of("email", email, "password", password, "name", "bench"));
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/tokens"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 201) {
			throw new IllegalStateException("login answered " + response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body()).at("/data/token").asString();
	}

	UUID createTenant() throws Exception {
		String body = JSON.writeValueAsString(Map.of("name", "Bench Marketing", "admin_email", "send@fibonacco.local",
				"admin_name", "Bench Sender", "admin_password", ADMIN_PASSWORD));
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/tenants"))
					.header("Authorization", "Bearer " + token)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 201) {
			throw new IllegalStateException("tenant answered " + response.statusCode() + ": " + response.body());
		}
		return UUID.fromString(JSON.readTree(response.body()).at("/data/tenant/id").asString());
	}

	void sampleLoad() {
		String load = loadAverage();
		loads.add(load.substring(0, Math.min(load.length(), 14)).strip());
	}

	/**
	 * The statements that took the database's time since the last call (top 25 by total
	 * execution time), into {@code file} under the output directory; then resets.
	 */
	void statements(Connection db, String file) throws Exception {
		StringBuilder report = new StringBuilder(
				String.format("%10s %10s %9s %8s  %s%n", "total_ms", "calls", "mean_ms", "rows", "query"));
		try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery("""
				SELECT round(total_exec_time) AS total_ms, calls, round(mean_exec_time::numeric, 3) AS mean_ms, rows,
				       regexp_replace(query, '\\s+', ' ', 'g') AS query
				  FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25
				""")) {
			while (rs.next()) {
				String query = rs.getString("query");
				report.append(String.format("%10d %10d %9s %8d  %s%n", rs.getLong("total_ms"), rs.getLong("calls"),
						rs.getBigDecimal("mean_ms"), rs.getLong("rows"),
						query.length() > 300 ? query.substring(0, 300) + " …" : query));
			}
		}
		Files.writeString(out.resolve(file), report);
		execute(db, "SELECT pg_stat_statements_reset()");
	}

	static String single(Connection db, String sql) throws Exception {
		try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			return rs.next() ? rs.getString(1) : null;
		}
	}

	static long count(Connection db, String sql) throws Exception {
		try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	static void execute(Connection db, String sql) throws Exception {
		try (Statement statement = db.createStatement()) {
			statement.execute(sql);
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).strip();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

	static void log(String message) {
		System.err.println("[" + Instant.now() + "] " + message);
	}

}

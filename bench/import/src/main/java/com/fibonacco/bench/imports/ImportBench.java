package com.fibonacco.bench.imports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.ServerSocket;
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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 4's workloads, in one run against a throw-away embedded PostgreSQL and the
 * Fibonacco server (the main project's jar, as a child process with a 512 MB heap):
 * <ol>
 * <li>a generated CSV of {@code bench.size} rows (~250 bytes each) imported end to end —
 * multipart upload to status completed — into a tenant that already holds
 * {@code bench.existing} SMBs;</li>
 * <li>the hand-written minimum for the same work on a twin tenant of the same size: a bare
 * {@code COPY} of the same file into a staging table and one
 * {@code INSERT … SELECT … ON CONFLICT} into {@code smbs} with all its indexes;</li>
 * <li>an export of the {@code bench.existing} seeded SMBs as CSV over HTTP.</li>
 * </ol>
 * The server's peak heap comes from its GC log (heap in use before each collection).
 * Prints one JSON line per workload on stdout; progress goes to stderr.
 */
public final class ImportBench {

	static final String ADMIN_EMAIL = "bench@fibonacco.local";

	static final String ADMIN_PASSWORD = "bench-Password-2026";

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern GC_LINE = Pattern
		.compile("^\\[([^\\]]+)\\].*?(\\d+)M->(\\d+)M\\((\\d+)M\\)");

	private final int size = Integer.getInteger("bench.size", 1_000_000);

	private final int existing = Integer.getInteger("bench.existing", 1_000_000);

	private final String heap = System.getProperty("bench.heap", "512m");

	private final Path appJar = Path.of(System.getProperty("bench.app-jar", "target/fibonacco-0.1.0-SNAPSHOT.jar"))
		.toAbsolutePath()
		.normalize();

	private final Path out = Path.of(System.getProperty("bench.out", "bench/import/target")).toAbsolutePath().normalize();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private int port;

	private String token = "";

	public static void main(String[] args) {
		try {
			new ImportBench().run();
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
		Path csv = out.resolve("import-" + size + ".csv");
		log("generating " + csv);
		long fileBytes = generate(csv);
		log(String.format("%,d rows, %.1f MB", size, fileBytes / 1e6));
		String loadBefore = loadAverage();
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setServerConfig("max_connections", "200")
			.setServerConfig("timezone", "UTC")
			.setServerConfig("shared_buffers", "1GB")
			.setServerConfig("max_wal_size", "4GB")
			.setServerConfig("checkpoint_timeout", "30min")
			.start()) {
			String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
			port = freePort();
			Path gcLog = out.resolve("import-server-gc.log");
			Process server = startServer(jdbcUrl, gcLog);
			Runtime.getRuntime().addShutdownHook(new Thread(server::destroy));
			try (Connection db = DriverManager.getConnection(jdbcUrl)) {
				waitHealthy(server);
				token = token(ADMIN_EMAIL, ADMIN_PASSWORD);
				UUID tenantA = UUID.fromString(single(db, "SELECT id::text FROM tenants ORDER BY created_at LIMIT 1"));
				UUID tenantB = createTenant();
				UUID communityA = community(db, tenantA);
				UUID communityB = community(db, tenantB);
				log("seeding " + existing + " SMBs in each of two tenants");
				seed(db, tenantA, communityA);
				seed(db, tenantB, communityB);
				execute(db, "VACUUM ANALYZE smbs");
				execute(db, "CHECKPOINT");
				String pg = single(db, "SHOW server_version");

				log("import over HTTP");
				Instant importStart = Instant.now();
				long t0 = System.nanoTime();
				String importId = upload(csv, communityA);
				double accepted = (System.nanoTime() - t0) / 1e9;
				JsonNode done = await(importId);
				double importSeconds = (System.nanoTime() - t0) / 1e9;
				Instant importEnd = Instant.now();
				log("import: " + done);
				Map<String, Double> phases = phases(db, importId);

				execute(db, "CHECKPOINT");
				log("hand-written minimum");
				double[] baseline = baseline(db, csv, tenantB, communityB);
				double baselineSeconds = baseline[0] + baseline[1];

				log("export over HTTP");
				Instant exportStart = Instant.now();
				long[] exported = export(importStart.minus(Duration.ofHours(1)));
				Instant exportEnd = Instant.now();
				double exportSeconds = exported[1] / 1e9;

				Map<String, Object> env = new LinkedHashMap<>();
				env.put("cores", Runtime.getRuntime().availableProcessors());
				env.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
				env.put("postgresql", pg);
				env.put("server_heap_max", heap);
				env.put("loadavg_before", loadBefore);
				env.put("loadavg_after", loadAverage());

				Map<String, Object> line = new LinkedHashMap<>();
				line.put("workload", "smb_import_csv");
				line.put("rows", size);
				line.put("file_mb", round(fileBytes / 1e6));
				line.put("existing_smbs", existing);
				line.put("seconds", round(importSeconds));
				line.put("rows_per_s", Math.round(size / importSeconds));
				line.put("upload_accepted_seconds", round(accepted));
				line.put("phases_seconds", phases);
				line.put("created", done.at("/created").asLong());
				line.put("skipped", done.at("/skipped").asLong());
				line.put("failed", done.at("/failed").asLong());
				line.put("peak_heap_mb", peakHeap(gcLog, importStart, importEnd));
				line.put("baseline", "COPY into a staging table + one INSERT … SELECT … ON CONFLICT into smbs");
				line.put("baseline_seconds", round(baselineSeconds));
				line.put("baseline_copy_seconds", round(baseline[0]));
				line.put("baseline_insert_seconds", round(baseline[1]));
				line.put("ratio", round(importSeconds / baselineSeconds));
				line.put("target", "< 60 s and <= 1.5x the baseline");
				line.put("meets_target", importSeconds < 60 && importSeconds <= 1.5 * baselineSeconds);
				line.put("env", env);
				System.out.println(JSON.writeValueAsString(line));

				Map<String, Object> exportLine = new LinkedHashMap<>();
				exportLine.put("workload", "smb_export_csv");
				exportLine.put("rows", exported[0]);
				exportLine.put("mb", round(exported[2] / 1e6));
				exportLine.put("seconds", round(exportSeconds));
				exportLine.put("rows_per_s", Math.round(exported[0] / exportSeconds));
				exportLine.put("peak_heap_mb", peakHeap(gcLog, exportStart, exportEnd));
				exportLine.put("env", env);
				System.out.println(JSON.writeValueAsString(exportLine));
			}
			finally {
				server.destroy();
				server.waitFor();
			}
		}
	}

	// ------------------------------------------------------------------ the file

	private static final String[] TRADES = { "Bakery", "Plumbing & Heating", "Family Dental", "Auto Repair",
			"Nail Studio", "Hardware", "Coffee House", "Florist", "Bookshop", "Taqueria", "Landscaping", "Pet Grooming",
			"Chiropractic", "Law Office", "Insurance Agency", "Yoga Studio", "Brewing Co.", "Barber Shop" };

	private static final String[] PLACES = { "Blue Ridge", "Main Street", "Laurel Park", "Pisgah", "French Broad",
			"Green River", "Apple Valley", "Mountain View", "Oak Hill", "Saluda", "Etowah", "Fletcher" };

	private static final String[] FIRST = { "Maria", "Luis", "Dana", "Sam", "Jen", "Kim", "Ravi", "Olga", "Tom",
			"Aisha" };

	private static final String[] LAST = { "Alvarez", "Rodriguez", "Whitfield", "Ortega", "Park", "Nguyen", "Patel",
			"Ivanova", "Baker", "Okafor" };

	private static final String[] AREA = { "828", "704", "919", "336", "252", "910", "980", "406", "303", "512" };

	/** Writes the CSV: Excel-style header, CRLF, quoted fields where needed; its size. */
	long generate(Path csv) throws IOException {
		Random random = new Random(20261122L);
		try (BufferedWriter writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
			writer.write("Business Name,First Name,Last Name,Email Address,Phone Number,Website,Street Address,"
					+ "Address 2,City,State,Zip,Industry,Description,Notes\r\n");
			for (int i = 0; i < size; i++) {
				String place = PLACES[random.nextInt(PLACES.length)];
				String trade = TRADES[random.nextInt(TRADES.length)];
				String name = place + " " + trade + " " + i;
				String domain = (place + trade).toLowerCase().replaceAll("[^a-z]", "") + i + ".example";
				String first = FIRST[random.nextInt(FIRST.length)];
				String last = LAST[random.nextInt(LAST.length)];
				String email = i % 200 == 13 ? "not-an-email-" + i : first.toLowerCase() + "@" + domain;
				String phone = "(" + AREA[random.nextInt(AREA.length)] + ") " + (200 + random.nextInt(700)) + "-"
						+ String.format("%04d", random.nextInt(10_000));
				writer.write(quote(name) + "," + first + "," + last + "," + email + "," + phone + ",https://www."
						+ domain + "," + (1 + random.nextInt(9999)) + " N Main St,Suite " + (100 + random.nextInt(400))
						+ ",Hendersonville,NC," + (28700 + random.nextInt(99)) + "," + quote(trade)
						+ ",\"Family-owned " + trade.toLowerCase() + ", serving " + place + " since "
						+ (1950 + random.nextInt(70)) + ".\",Chamber list " + (i % 50) + "\r\n");
			}
		}
		return Files.size(csv);
	}

	private static String quote(String value) {
		return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
	}

	// ------------------------------------------------------------------ the workloads

	String upload(Path csv, UUID community) throws Exception {
		String boundary = "----bench" + UUID.randomUUID().toString().replace("-", "");
		String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"community_id\"\r\n\r\n" + community
				+ "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
				+ csv.getFileName() + "\"\r\nContent-Type: text/csv\r\n\r\n";
		String tail = "\r\n--" + boundary + "--\r\n";
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/smbs/import"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.timeout(Duration.ofMinutes(10))
			.POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head),
					HttpRequest.BodyPublishers.ofFile(csv), HttpRequest.BodyPublishers.ofString(tail)))
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 202) {
			throw new IllegalStateException("upload answered " + response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body()).at("/data/id").asString();
	}

	JsonNode await(String id) throws Exception {
		String last = "";
		while (true) {
			JsonNode data = get("/api/v1/smbs/import/" + id).at("/data");
			String status = data.at("/status").asString();
			if (!status.equals("queued") && !status.equals("running")) {
				if (!status.equals("completed")) {
					throw new IllegalStateException("import ended " + status + ": " + data);
				}
				return data;
			}
			String progress = status + " " + data.at("/progress").asInt() + "%";
			if (!progress.equals(last)) {
				log(progress);
				last = progress;
			}
			Thread.sleep(200);
		}
	}

	/** When each step of the job ended, from the import row's timestamps. */
	Map<String, Double> phases(Connection db, String id) throws Exception {
		Map<String, Double> phases = new LinkedHashMap<>();
		try (PreparedStatement statement = db.prepareStatement(
				"SELECT extract(epoch FROM started_at - created_at), extract(epoch FROM finished_at - started_at) "
						+ "FROM smb_imports WHERE id = ?")) {
			statement.setObject(1, UUID.fromString(id));
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				phases.put("queued_until_picked_up", round(rs.getDouble(1)));
				phases.put("job", round(rs.getDouble(2)));
			}
		}
		return phases;
	}

	/** The minimum: COPY the same file, then one INSERT … SELECT … ON CONFLICT. */
	double[] baseline(Connection db, Path csv, UUID tenant, UUID community) throws Exception {
		execute(db, "CREATE UNLOGGED TABLE bench_stage (business_name text, first_name text, last_name text, "
				+ "email text, phone text, website text, address text, address2 text, city text, state text, "
				+ "zip text, industry text, description text, notes text)");
		long t0 = System.nanoTime();
		try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
			db.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("COPY bench_stage FROM STDIN (FORMAT csv, HEADER true)", reader, 1 << 20);
		}
		double copy = (System.nanoTime() - t0) / 1e9;
		t0 = System.nanoTime();
		try (PreparedStatement insert = db.prepareStatement("""
				INSERT INTO smbs (tenant_id, id, community_id, slug, business_name, primary_contact_name, primary_email,
				  primary_phone, website, address, city, state, zip, category, business_description, source, metadata)
				SELECT ?, gen_random_uuid(), ?, trim(both '-' from lower(regexp_replace(business_name, '[^a-zA-Z0-9]+', '-', 'g'))),
				  business_name, first_name || ' ' || last_name, CASE WHEN email LIKE '%@%' THEN lower(email) END,
				  '+1' || regexp_replace(phone, '\\D', '', 'g'), website, address || ', ' || address2, city, state, zip,
				  industry, description, 'import', jsonb_build_object('Notes', notes)
				FROM bench_stage
				ON CONFLICT (tenant_id, slug) WHERE deleted_at IS NULL DO NOTHING
				""")) {
			insert.setObject(1, tenant);
			insert.setObject(2, community);
			insert.executeUpdate();
		}
		double merge = (System.nanoTime() - t0) / 1e9;
		execute(db, "DROP TABLE bench_stage");
		return new double[] { copy, merge };
	}

	/** Streams the export, counting rows and bytes: rows, nanoseconds, bytes. */
	long[] export(Instant createdBefore) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/api/v1/smbs/export?created_before=" + createdBefore))
			.header("Authorization", "Bearer " + token)
			.timeout(Duration.ofMinutes(30))
			.build();
		long t0 = System.nanoTime();
		HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("export answered " + response.statusCode());
		}
		long lines = 0;
		long bytes = 0;
		byte[] buffer = new byte[1 << 16];
		try (InputStream in = response.body()) {
			int n;
			while ((n = in.read(buffer)) > 0) {
				bytes += n;
				for (int i = 0; i < n; i++) {
					if (buffer[i] == '\n') {
						lines++;
					}
				}
			}
		}
		// the header is a line; a cell with a line break adds one (the generated data has none)
		return new long[] { lines - 1, System.nanoTime() - t0, bytes };
	}

	/** The largest heap in use before a collection within the window, from the GC log. */
	static long peakHeap(Path gcLog, Instant from, Instant to) throws IOException {
		long peak = 0;
		for (String line : Files.readAllLines(gcLog)) {
			Matcher m = GC_LINE.matcher(line);
			if (!m.find()) {
				continue;
			}
			Instant at;
			try {
				at = OffsetDateTime.parse(m.group(1).replaceAll("([+-]\\d{2})(\\d{2})$", "$1:$2")).toInstant();
			}
			catch (RuntimeException ex) {
				continue;
			}
			if (!at.isBefore(from) && !at.isAfter(to)) {
				peak = Math.max(peak, Long.parseLong(m.group(2)));
			}
		}
		return peak;
	}

	// ------------------------------------------------------------------ set-up

	Process startServer(String jdbcUrl, Path gcLog) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx" + heap, "-Xlog:gc:file=" + gcLog + ":time", "-jar", appJar.toString(),
				"--server.port=" + port, "--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres",
				"--spring.datasource.password=postgres", "--fibonacco.demo-data=false",
				"--fibonacco.admin.email=" + ADMIN_EMAIL, "--fibonacco.admin.password=" + ADMIN_PASSWORD,
				"--jobrunr.background-job-server.poll-interval-in-seconds=5", "--logging.level.root=warn",
				"--logging.level.com.fibonacco.smb.importing=info"));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(out.resolve("import-server.log").toFile())
			.start();
	}

	void waitHealthy(Process server) throws Exception {
		Instant deadline = Instant.now().plusSeconds(180);
		while (Instant.now().isBefore(deadline)) {
			if (!server.isAlive()) {
				throw new IllegalStateException("the server stopped; see " + out.resolve("import-server.log"));
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
		String body = JSON.writeValueAsString(Map.of("name", "Baseline Twin", "admin_email", "twin@fibonacco.local",
				"admin_name", "Baseline Twin", "admin_password", ADMIN_PASSWORD));
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

	static UUID community(Connection db, UUID tenant) throws Exception {
		UUID id = UUID.randomUUID();
		try (PreparedStatement insert = db.prepareStatement(
				"INSERT INTO communities (tenant_id, id, name, slug, state, timezone) VALUES (?, ?, 'Hendersonville', "
						+ "'hendersonville', 'NC', 'America/New_York')")) {
			insert.setObject(1, tenant);
			insert.setObject(2, id);
			insert.executeUpdate();
		}
		return id;
	}

	void seed(Connection db, UUID tenant, UUID community) throws Exception {
		try (PreparedStatement insert = db.prepareStatement("""
				INSERT INTO smbs (tenant_id, id, community_id, slug, business_name, primary_contact_name, primary_email,
				  primary_phone, address, city, state, zip, category, business_description, source, created_at, updated_at)
				SELECT ?, gen_random_uuid(), ?, 'seeded-business-' || i, 'Seeded Business ' || i, 'Owner ' || i,
				  'owner' || i || '@seeded' || i || '.example', '+1828' || (2000000 + i), i || ' Church St',
				  'Hendersonville', 'NC', '28792', 'Retail', 'A local business on the chamber list, number ' || i,
				  'seed', now() - interval '1 day', now() - interval '1 day'
				FROM generate_series(1, ?) AS i
				""")) {
			insert.setObject(1, tenant);
			insert.setObject(2, community);
			insert.setInt(3, existing);
			insert.executeUpdate();
		}
	}

	JsonNode get(String path) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", "Bearer " + token)
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body());
	}

	static String single(Connection db, String sql) throws Exception {
		try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getString(1);
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

package com.fibonacco.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 3's workload: the SMB list with a filter and a text search at 1,000,000 SMBs,
 * page 1 and deep in the list (keyset cursor), over HTTP against the real server, and
 * the same search SQL with its index and as a sequential scan, all in one run.
 *
 * <p>
 * Starts a throw-away embedded PostgreSQL and the Fibonacco server (the main project's
 * jar) as a child process, loads the SMBs with {@link SmbGenerator}, measures, prints one
 * JSON line per workload on stdout (progress goes to stderr), and stops the server and
 * the database even when something fails.
 *
 * <p>
 * System properties: {@code bench.size} (SMBs, default 1,000,000), {@code bench.requests}
 * (timed requests per workload, 1,000), {@code bench.seed}, {@code bench.app-jar},
 * {@code bench.heap} (the server's -Xmx, 1g), {@code bench.out} (where the server log and
 * the EXPLAIN output go), {@code bench.deep-pages} (how deep the cursor workload pages,
 * 1,000), {@code bench.seqscan-runs} (20), {@code bench.indexed-runs} (50).
 */
public final class ListSearchBench {

	/**
	 * Words people type into the search box: trades and surnames, each in roughly
	 * 0.1-1% of the SMBs (the run prints each word's share).
	 */
	static final List<String> SEARCH_WORDS = List.of("roofing", "tavern", "chiropractic", "upholstery", "veterinary",
			"landscaping", "optometry", "taqueria", "orthodontics", "excavating", "laundromat", "montessori", "creamery",
			"pediatrics", "pendleton", "carmichael", "drummond", "hutchins", "kingsley", "prescott");

	/** The same words with a letter missing, as people mistype them ("rooing", "tavrn"). */
	static final List<String> TYPO_WORDS = SEARCH_WORDS.stream()
		.map(word -> word.substring(0, word.length() / 2) + word.substring(word.length() / 2 + 1))
		.toList();

	static final String ADMIN_EMAIL = "bench@fibonacco.local";

	static final String ADMIN_PASSWORD = "bench-Password-2026";

	/** The list's SELECT, copied from SmbRecords.COLUMNS + Eligibility.columns(). */
	static final String LIST_COLUMNS = """
			s.id, s.community_id, s.slug, s.business_name, s.dba_name, s.business_type, s.category,
			s.primary_contact_name, s.primary_email, s.primary_phone, s.secondary_contacts::text AS secondary_contacts,
			s.website, s.address, s.city, s.state, s.zip, s.latitude, s.longitude, s.business_description,
			s.brand_voice::text AS brand_voice, s.products_services::text AS products_services,
			s.content_preferences::text AS content_preferences, s.faqs::text AS faqs, s.service_model,
			s.subscription_tier, s.email_opted_in, s.sms_opted_in, s.rvm_opted_in, s.phone_opted_in, s.do_not_contact,
			s.source, s.metadata::text AS metadata, s.engagement_tier, s.engagement_score, s.last_email_open,
			s.last_email_click, s.last_content_view, s.last_approval, s.total_approvals, s.total_meetings,
			s.campaign_status, s.current_campaign_id, s.manifest_destiny_day, s.manifest_destiny_start_date,
			s.next_scheduled_send, s.data_quality_score, s.version, s.created_at, s.updated_at, s.deleted_at
			""" + eligibility("email", "s.email_opted_in", "s.primary_email")
			+ eligibility("sms", "s.sms_opted_in", "s.primary_phone")
			+ eligibility("rvm", "s.rvm_opted_in", "s.primary_phone")
			+ eligibility("phone", "s.phone_opted_in", "s.primary_phone");

	/**
	 * SmbListQuery.search's predicate; its parameter is the tsquery SmbSearch makes of the
	 * typed word ({@link #prefix}, or {@link #resolve} when nothing matches by prefix).
	 */
	static final String SEARCH_PREDICATE = "s.search_vector @@ CAST(? AS tsquery)";

	/**
	 * The statement SmbService.list runs for
	 * {@code engagement_tier=2&search=word&sort=business_name&per_page=50} (filter from
	 * SmbListQuery.buildFilter/search; parameters in the same order).
	 */
	static final String SEARCH_SQL = "SELECT " + LIST_COLUMNS + " FROM (SELECT m.tenant_id, m.id, m.sort_value FROM"
			+ " (SELECT s.tenant_id, s.id, lower(s.business_name) AS sort_value FROM smbs s WHERE s.tenant_id = ?"
			+ " AND s.deleted_at IS NULL AND s.engagement_tier IN (?) AND " + SEARCH_PREDICATE + " OFFSET 0) m"
			+ " ORDER BY m.sort_value, m.id LIMIT ? OFFSET ?) m JOIN smbs s ON s.tenant_id = m.tenant_id AND s.id = m.id ORDER BY m.sort_value, m.id";

	/**
	 * The baseline: the same page as one pass over the table and a top-50 sort, the best
	 * plan a sequential scan has (SEARCH_SQL's read-back by id would cost it a second scan
	 * with index scans off).
	 */
	static final String SEQSCAN_SQL = "SELECT " + LIST_COLUMNS + " FROM smbs s WHERE s.tenant_id = ?"
			+ " AND s.deleted_at IS NULL AND s.engagement_tier IN (?) AND " + SEARCH_PREDICATE
			+ " ORDER BY lower(s.business_name), s.id LIMIT ? OFFSET ?";

	/** SmbSearch's look-up of the lexicon words containing a typed term. */
	static final String CONTAINING_SQL = "SELECT word FROM smb_search_words WHERE tenant_id = ? AND word LIKE ?"
			+ " ORDER BY word LIMIT 257";

	/** SmbSearch's look-up of the words similar to a term no word contains. */
	static final String SIMILAR_SQL = "SELECT word FROM smb_search_words WHERE tenant_id = ? AND word % ?"
			+ " ORDER BY similarity(word, ?) DESC, word LIMIT 16";

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final int size = Integer.getInteger("bench.size", 1_000_000);

	private final int requests = Integer.getInteger("bench.requests", 1000);

	private final long seed = Long.getLong("bench.seed", 20261122L);

	private final int deepPages = Integer.getInteger("bench.deep-pages", 1000);

	private final int typoRequests = Integer.getInteger("bench.typo-requests", 200);

	private final int seqscanRuns = Integer.getInteger("bench.seqscan-runs", 20);

	private final int indexedRuns = Integer.getInteger("bench.indexed-runs", 50);

	private final Path appJar = Path.of(System.getProperty("bench.app-jar", "target/fibonacco-0.1.0-SNAPSHOT.jar"))
		.toAbsolutePath()
		.normalize();

	private final Path out = Path.of(System.getProperty("bench.out", "bench/target")).toAbsolutePath().normalize();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private int port;

	private String token = "";

	public static void main(String[] args) throws Exception {
		try {
			new ListSearchBench().run();
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
		String loadStart = loadAverage();
		log("starting PostgreSQL");
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setRegisterShutdownHook(false)
			.setServerConfig("max_connections", "200")
			.setServerConfig("timezone", "UTC")
			.setServerConfig("shared_buffers", "1GB")
			.setServerConfig("max_wal_size", "4GB")
			.setServerConfig("checkpoint_timeout", "30min")
			.start();
		Process[] server = new Process[1];
		// the server first, then the database: on success, on failure and on Ctrl-C
		Runnable cleanUp = new Runnable() {

			private boolean done;

			@Override
			public synchronized void run() {
				if (!done) {
					done = true;
					if (server[0] != null) {
						stop(server[0]);
					}
					try {
						postgres.close();
					}
					catch (IOException | RuntimeException ex) {
						log("stopping PostgreSQL: " + ex);
					}
				}
			}

		};
		Runtime.getRuntime().addShutdownHook(new Thread(cleanUp));
		try {
			String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
			port = freePort();
			server[0] = startServer(jdbcUrl);
			try (Connection db = DriverManager.getConnection(jdbcUrl)) {
				waitHealthy(server[0]);
				String pgVersion = single(db, "SHOW server_version");
				UUID tenant = UUID.fromString(single(db, "SELECT id::text FROM tenants ORDER BY created_at LIMIT 1"));
				List<SmbGenerator.Community> communities = SmbGenerator.ensureCommunities(db, tenant);
				log("generating " + size + " SMBs over " + communities.size() + " communities");
				long start = System.nanoTime();
				Map<String, Double> phases = new SmbGenerator(seed).generate(db, tenant, communities, size);
				double loadSeconds = (System.nanoTime() - start) / 1e9;
				log(String.format("loaded in %.1f s %s; table %s", loadSeconds, phases,
						single(db, "SELECT pg_size_pretty(pg_total_relation_size('smbs'))")));
				token = login();
				hold(jdbcUrl);

				Map<String, Object> env = new LinkedHashMap<>();
				env.put("cores", Runtime.getRuntime().availableProcessors());
				env.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
				env.put("postgresql", pgVersion);
				env.put("load_seconds", round(loadSeconds));
				env.put("load_phases_seconds", phases);
				env.put("loadavg_before", loadStart);

				List<ObjectNode> lines = new ArrayList<>();
				Map<String, Object> shares = wordShares(db, tenant);
				Stats page1 = page1(SEARCH_WORDS, false, requests);
				Stats page1Total = page1(SEARCH_WORDS, true, requests);
				Stats typos = page1(TYPO_WORDS, false, typoRequests);
				DeepResult deep = deep();
				Baseline baseline = baseline(db, tenant);
				explain(db, tenant, deep);
				env.put("loadavg_after", loadAverage());

				String page1Query = "engagement_tier=2&search=<word>&sort=business_name&per_page=50&include_total=false";
				ObjectNode first = line("smb_list_search_page1", page1Query, page1, env);
				first.put("search_words", SEARCH_WORDS.size());
				first.set("search_word_share_pct", JSON.valueToTree(shares));
				first.put("target", "p95 < 50 ms");
				first.put("meets_target", page1.percentile(95) < 50);
				first.set("baseline", baseline.seqscan.json("the same search SQL as a sequential scan (JDBC, "
						+ "enable_indexscan/bitmapscan off), " + baseline.seqscan.count() + " runs"));
				first.put("ratio", round(baseline.seqscan.percentile(50) / page1.percentile(50)));
				first.put("ratio_means", "seq-scan SQL p50 / HTTP page-1 p50");
				lines.add(first);

				ObjectNode deepLine = line("smb_list_deep_cursor",
						"engagement_tier=3&sort=business_name&per_page=50&include_total=false&cursor=<next_cursor at page "
								+ deep.fromPage + "-" + deep.toPage + ">",
						deep.cursor, env);
				deepLine.put("list_rows", deep.listRows);
				deepLine.put("target", "p95 < 50 ms");
				deepLine.put("meets_target", deep.cursor.percentile(95) < 50);
				deepLine.set("baseline", deep.offset.json("the same pages by offset (page=" + deep.fromPage + "-"
						+ deep.toPage + "), " + deep.offset.count() + " requests"));
				deepLine.put("ratio", round(deep.offset.percentile(50) / deep.cursor.percentile(50)));
				deepLine.put("ratio_means", "offset p50 / cursor p50");
				lines.add(deepLine);

				ObjectNode totalLine = line("smb_list_search_page1_with_total",
						"engagement_tier=2&search=<word>&sort=business_name&per_page=50", page1Total, env);
				totalLine.set("baseline", page1.json("page 1 without the total (include_total=false)"));
				totalLine.put("ratio", round(page1Total.percentile(50) / page1.percentile(50)));
				totalLine.put("ratio_means", "with total p50 / without total p50");
				lines.add(totalLine);

				ObjectNode typoLine = line("smb_list_search_typo_page1",
						"engagement_tier=2&search=<word with a letter missing>&sort=business_name&per_page=50"
								+ "&include_total=false",
						typos, env);
				typoLine.set("typo_words", JSON.valueToTree(TYPO_WORDS));
				typoLine.set("baseline", page1.json("page 1 with the words spelled right"));
				typoLine.put("ratio", round(typos.percentile(50) / page1.percentile(50)));
				typoLine.put("ratio_means", "typo p50 / spelled-right p50");
				lines.add(typoLine);

				ObjectNode sqlLine = line("smb_search_sql_index_vs_seqscan",
						"SmbService.list's statement for engagement_tier=2&search=<word>&sort=business_name&per_page=50 "
								+ "over JDBC, default planner",
						baseline.indexed, env);
				sqlLine.set("baseline", baseline.seqscan.json("the same statement as a sequential scan "
						+ "(enable_indexscan=off, enable_bitmapscan=off, enable_indexonlyscan=off)"));
				sqlLine.put("target", "indexed >= 50x faster than the sequential scan");
				double ratio = baseline.seqscan.percentile(50) / baseline.indexed.percentile(50);
				sqlLine.put("ratio", round(ratio));
				sqlLine.put("ratio_means", "seq scan p50 / indexed p50");
				sqlLine.put("meets_target", ratio >= 50);
				lines.add(sqlLine);

				for (ObjectNode line : lines) {
					System.out.println(JSON.writeValueAsString(line));
				}
				System.out.flush();
			}
		}
		finally {
			cleanUp.run();
		}
		log("done");
	}

	// ---- workloads ----

	/** (a) and (c): page 1 of a filter + text search, without or with the total. */
	Stats page1(List<String> words, boolean withTotal, int requests) throws Exception {
		IntFunction<String> query = i -> "/api/v1/smbs?engagement_tier=2&search="
				+ enc(words.get(Math.floorMod(i, words.size()))) + "&sort=business_name&per_page=50"
				+ (withTotal ? "" : "&include_total=false");
		String what = "page 1" + (words == TYPO_WORDS ? " (typos)" : "") + ", " + (withTotal ? "with" : "without")
				+ " total";
		log(what + ": warm-up");
		for (int i = 0; i < Math.min(200, requests / 5); i++) {
			get(query.apply(i));
		}
		log(what + ": " + requests + " requests");
		Stats stats = new Stats(requests);
		for (int i = 0; i < requests; i++) {
			String path = query.apply(i);
			long start = System.nanoTime();
			byte[] body = get(path);
			stats.add(System.nanoTime() - start);
			if (i < words.size()) {
				check(JSON.readTree(body), path);
			}
		}
		log("  " + stats.summary());
		return stats;
	}

	record DeepResult(Stats cursor, Stats offset, int fromPage, int toPage, long listRows) {
	}

	/** (b): a filter-only list paged with the cursor; timed deep in the list. */
	DeepResult deep() throws Exception {
		String base = "/api/v1/smbs?engagement_tier=3&sort=business_name&per_page=50";
		JsonNode first = JSON.readTree(get(base));
		long listRows = first.get("meta").get("total").asLong();
		int from = Math.max(2, deepPages / 2);
		log("deep list: " + listRows + " rows; following next_cursor to page " + deepPages);
		List<String> cursors = new ArrayList<>();
		String cursor = first.get("meta").get("next_cursor").asString();
		for (int page = 2; page <= deepPages; page++) {
			if (page >= from) {
				cursors.add(cursor);
			}
			JsonNode next = JSON.readTree(get(base + "&include_total=false&cursor=" + enc(cursor)));
			check(next, "page " + page);
			JsonNode nextCursor = next.get("meta").get("next_cursor");
			if (nextCursor == null || nextCursor.isNull()) {
				throw new IllegalStateException("the list ended at page " + page + "; lower bench.deep-pages");
			}
			cursor = nextCursor.asString();
		}
		log("deep list: " + requests + " cursor requests at pages " + from + "-" + deepPages);
		Stats stats = new Stats(requests);
		for (int i = 0; i < requests; i++) {
			String path = base + "&include_total=false&cursor=" + enc(cursors.get(i % cursors.size()));
			long start = System.nanoTime();
			get(path);
			stats.add(System.nanoTime() - start);
		}
		log("  " + stats.summary());
		int offsetRequests = Math.max(10, requests / 10);
		log("deep list: " + offsetRequests + " offset requests at pages " + from + "-" + deepPages);
		Stats offset = new Stats(offsetRequests);
		for (int i = 0; i < offsetRequests; i++) {
			int page = from + (int) ((long) i * (deepPages - from) / offsetRequests);
			String path = base + "&include_total=false&page=" + page;
			long start = System.nanoTime();
			get(path);
			offset.add(System.nanoTime() - start);
		}
		log("  " + offset.summary());
		return new DeepResult(stats, offset, from, deepPages, listRows);
	}

	record Baseline(Stats indexed, Stats seqscan) {
	}

	/** The search SQL over JDBC: default planner, then with index scans off. */
	Baseline baseline(Connection db, UUID tenant) throws SQLException {
		log("SQL baseline: indexed, " + indexedRuns + " runs");
		Stats indexed = timeSql(db, tenant, indexedRuns, false);
		log("  " + indexed.summary());
		log("SQL baseline: sequential scan, " + seqscanRuns + " runs");
		Stats seqscan = timeSql(db, tenant, seqscanRuns, true);
		log("  " + seqscan.summary());
		return new Baseline(indexed, seqscan);
	}

	private Stats timeSql(Connection db, UUID tenant, int runs, boolean seqscan) throws SQLException {
		try (Statement st = db.createStatement()) {
			// a plan per execution: a plan cached under other enable_* settings would be reused
			st.execute("SET plan_cache_mode = force_custom_plan");
			scanSettings(st, seqscan);
			Stats stats = new Stats(runs);
			try (PreparedStatement ps = db.prepareStatement(seqscan ? SEQSCAN_SQL : SEARCH_SQL)) {
				for (int i = -2; i < runs; i++) { // two warm-up runs
					long start = System.nanoTime();
					// a word SMBs contain is found by prefix straight from the index (SmbSearch.byPrefix)
					bindSearch(ps, tenant, prefix(word(i)));
					int rows = 0;
					try (ResultSet rs = ps.executeQuery()) {
						while (rs.next()) {
							rs.getString("business_name");
							rows++;
						}
					}
					if (i >= 0) {
						stats.add(System.nanoTime() - start);
					}
					if (rows == 0) {
						throw new IllegalStateException("no rows for " + word(i));
					}
				}
			}
			finally {
				scanSettings(st, false);
			}
			return stats;
		}
	}

	private static void scanSettings(Statement st, boolean seqscan) throws SQLException {
		String value = seqscan ? "off" : "on";
		st.execute("SET enable_indexscan = " + value);
		st.execute("SET enable_bitmapscan = " + value);
		st.execute("SET enable_indexonlyscan = " + value);
	}

	/** SmbSearch.byPrefix for one typed word: the tsquery that runs first, straight on the index. */
	static String prefix(String word) {
		return "'" + word + "':*";
	}

	/**
	 * SmbSearch's widening of one typed word that no SMB matches by prefix: the lexicon words
	 * containing it, or else those similar to it, as a tsquery.
	 */
	static String resolve(Connection db, UUID tenant, String word) throws SQLException {
		List<String> words = new ArrayList<>();
		try (PreparedStatement ps = db.prepareStatement(CONTAINING_SQL)) {
			ps.setObject(1, tenant);
			ps.setString(2, "%" + word + "%");
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					words.add(rs.getString(1));
				}
			}
		}
		if (words.size() > 256) {
			return "'" + word + "':*";
		}
		if (words.isEmpty()) {
			try (Statement st = db.createStatement()) {
				st.execute("SELECT set_config('pg_trgm.similarity_threshold', '0.4', false)");
			}
			try (PreparedStatement ps = db.prepareStatement(SIMILAR_SQL)) {
				ps.setObject(1, tenant);
				ps.setString(2, word);
				ps.setString(3, word);
				try (ResultSet rs = ps.executeQuery()) {
					while (rs.next()) {
						words.add(rs.getString(1));
					}
				}
			}
		}
		if (words.isEmpty()) {
			return "'" + word + "'";
		}
		return "(" + String.join(" | ", words.stream().map(w -> "'" + w + "'").toList()) + ")";
	}

	private static void bindSearch(PreparedStatement ps, UUID tenant, String query) throws SQLException {
		ps.setObject(1, tenant);
		ps.setShort(2, (short) 2); // SmbListQuery binds tiers as smallint
		ps.setString(3, query);
		ps.setInt(4, 51);
		ps.setInt(5, 0);
	}

	/**
	 * EXPLAIN (ANALYZE, BUFFERS) of the statements measured, for the record (the list's
	 * column list, SmbRecords.COLUMNS, is shortened to "s.id, s.business_name" here).
	 */
	void explain(Connection db, UUID tenant, DeepResult deep) throws SQLException, IOException {
		StringBuilder text = new StringBuilder();
		String word = SEARCH_WORDS.get(0);
		String from = " FROM smbs s WHERE s.tenant_id = ? AND s.deleted_at IS NULL AND s.engagement_tier IN (?) AND ";
		String page = "SELECT s.id, s.business_name FROM (SELECT m.tenant_id, m.id, m.sort_value FROM"
				+ " (SELECT s.tenant_id, s.id, lower(s.business_name) AS sort_value" + from + SEARCH_PREDICATE
				+ " OFFSET 0) m ORDER BY m.sort_value, m.id LIMIT 51 OFFSET 0) m JOIN smbs s ON s.tenant_id = m.tenant_id AND s.id = m.id"
				+ " ORDER BY m.sort_value, m.id";
		String onePass = "SELECT s.id, s.business_name" + from + SEARCH_PREDICATE
				+ " ORDER BY lower(s.business_name), s.id LIMIT 51 OFFSET 0";
		try (Statement st = db.createStatement()) {
			String query = prefix(word);
			for (boolean seqscan : new boolean[] { false, true }) {
				scanSettings(st, seqscan);
				plan(db, text,
						"search page 1, " + (seqscan ? "sequential scan" : "default planner")
								+ " (engagement_tier=2, search=" + word + " → " + query + ")",
						seqscan ? onePass : page, tenant, (short) 2, query);
			}
			scanSettings(st, false);
			plan(db, text, "the total (meta.total) of the same search", "SELECT count(*)" + from + SEARCH_PREDICATE,
					tenant, (short) 2, query);
			String typo = TYPO_WORDS.get(0);
			plan(db, text, "a typo (search=" + typo + "): no SMB matches by prefix, so the lexicon's words containing it",
					CONTAINING_SQL, tenant, "%" + typo + "%");
			plan(db, text, "and as no word contains it either, the lexicon's similar words", SIMILAR_SQL, tenant, typo,
					typo);
			String similar = resolve(db, tenant, typo);
			plan(db, text, "search page 1 for the typo (" + typo + " → " + similar + ")", page, tenant, (short) 2,
					similar);
		}
		String position = "SELECT lower(s.business_name), s.id FROM smbs s WHERE s.tenant_id = ? AND s.deleted_at IS NULL"
				+ " AND s.engagement_tier IN (3) ORDER BY lower(s.business_name), s.id OFFSET ? LIMIT 1";
		String lowerName;
		UUID id;
		try (PreparedStatement ps = db.prepareStatement(position)) {
			ps.setObject(1, tenant);
			ps.setInt(2, deep.toPage * 50);
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				lowerName = rs.getString(1);
				id = rs.getObject(2, UUID.class);
			}
		}
		plan(db, text, "deep page by cursor (engagement_tier=3, after row " + deep.toPage * 50 + ")",
				"SELECT s.id, s.business_name FROM smbs s WHERE s.tenant_id = ? AND s.deleted_at IS NULL"
						+ " AND s.engagement_tier IN (?) AND (lower(s.business_name), s.id) > (?, ?)"
						+ " ORDER BY lower(s.business_name), s.id LIMIT 51",
				tenant, (short) 3, lowerName, id);
		Path file = out.resolve("list-search-explain.txt");
		Files.writeString(file, text.toString());
		log("plans written to " + file);
	}

	private static void plan(Connection db, StringBuilder text, String title, String sql, Object... params)
			throws SQLException {
		text.append("== ").append(title).append('\n').append(sql).append('\n');
		try (PreparedStatement ps = db.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
			for (int i = 0; i < params.length; i++) {
				ps.setObject(i + 1, params[i]);
			}
			appendPlan(ps, text);
		}
	}

	private static void appendPlan(PreparedStatement ps, StringBuilder text) throws SQLException {
		try (ResultSet rs = ps.executeQuery()) {
			while (rs.next()) {
				text.append(rs.getString(1)).append('\n');
			}
		}
		text.append('\n');
	}

	/** Per search word: the share of the live SMBs the search finds, in %. */
	Map<String, Object> wordShares(Connection db, UUID tenant) throws SQLException {
		Map<String, Object> shares = new LinkedHashMap<>();
		long live;
		try (PreparedStatement ps = db
			.prepareStatement("SELECT count(*) FROM smbs WHERE tenant_id = ? AND deleted_at IS NULL")) {
			ps.setObject(1, tenant);
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				live = rs.getLong(1);
			}
		}
		try (PreparedStatement ps = db.prepareStatement("SELECT count(*) FROM smbs s WHERE s.tenant_id = ?"
				+ " AND s.deleted_at IS NULL AND " + SEARCH_PREDICATE)) {
			for (String word : SEARCH_WORDS) {
				ps.setObject(1, tenant);
				ps.setString(2, prefix(word));
				try (ResultSet rs = ps.executeQuery()) {
					rs.next();
					shares.put(word, round(100.0 * rs.getLong(1) / live));
				}
			}
		}
		log("search word shares (%): " + shares);
		return shares;
	}

	/**
	 * With {@code -Dbench.hold=true}: after the load, write the JDBC URL, port and token to
	 * bench/target/hold.txt and wait until that file is deleted (to look at plans by hand).
	 */
	private void hold(String jdbcUrl) throws Exception {
		if (!Boolean.getBoolean("bench.hold")) {
			return;
		}
		Path file = out.resolve("hold.txt");
		Files.writeString(file, "jdbc=" + jdbcUrl + "\nport=" + port + "\ntoken=" + token + "\n");
		log("holding: delete " + file + " to continue");
		while (Files.exists(file)) {
			Thread.sleep(1000);
		}
	}

	// ---- server and HTTP ----

	private Process startServer(String jdbcUrl) throws IOException {
		String java = ProcessHandle.current().info().command().orElse("java");
		Path workDir = Files.createTempDirectory("fibonacco-bench-server");
		Path log = out.resolve("list-search-server.log");
		ProcessBuilder builder = new ProcessBuilder(java, "-Xmx" + System.getProperty("bench.heap", "1g"), "-jar",
				appJar.toString())
			.directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		Map<String, String> env = builder.environment();
		env.put("DATABASE_URL", jdbcUrl);
		env.put("SPRING_DATASOURCE_USERNAME", "postgres");
		env.put("FIBONACCO_DEMO_DATA", "false");
		env.put("FIBONACCO_ADMIN_EMAIL", ADMIN_EMAIL);
		env.put("FIBONACCO_ADMIN_PASSWORD", ADMIN_PASSWORD);
		env.put("SERVER_PORT", Integer.toString(port));
		env.put("JOBRUNR_BACKGROUND_JOB_SERVER_ENABLED", "false");
		log("starting the server on port " + port + " (log: " + log + ")");
		return builder.start();
	}

	private void waitHealthy(Process server) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
		while (System.nanoTime() < deadline) {
			if (!server.isAlive()) {
				throw new IllegalStateException("the server exited with " + server.exitValue() + "; see "
						+ out.resolve("list-search-server.log"));
			}
			try {
				HttpResponse<String> response = http.send(HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
					.timeout(Duration.ofSeconds(5))
					.build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().contains("UP")) {
					log("server up");
					return;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("the server was not healthy within 5 minutes");
	}

	private static void stop(Process server) {
		if (server.isAlive()) {
			server.destroy();
			try {
				if (!server.waitFor(60, TimeUnit.SECONDS)) {
					server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				server.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
	}

	private String login() throws Exception {
		ObjectNode body = JSON.createObjectNode()
			.put("email", ADMIN_EMAIL)
			.put("password", ADMIN_PASSWORD)
			.put("name", "list-search bench");
		HttpResponse<byte[]> response = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/tokens"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
					.build(),
				HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException("token: HTTP " + response.statusCode() + " "
					+ new String(response.body(), StandardCharsets.UTF_8));
		}
		return JSON.readTree(response.body()).get("data").get("token").asString();
	}

	private byte[] get(String path) throws Exception {
		HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json")
			.timeout(Duration.ofSeconds(120))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(path + ": HTTP " + response.statusCode() + " "
					+ new String(response.body(), StandardCharsets.UTF_8));
		}
		return response.body();
	}

	private static void check(JsonNode page, String what) {
		if (page.get("data").isEmpty()) {
			throw new IllegalStateException(what + " returned no SMBs");
		}
	}

	// ---- helpers ----

	static String word(int i) {
		return SEARCH_WORDS.get(Math.floorMod(i, SEARCH_WORDS.size()));
	}

	private static String eligibility(String channel, String optIn, String address) {
		return ", (" + optIn + " AND NOT s.do_not_contact AND " + address + " IS NOT NULL AND NOT EXISTS "
				+ "(SELECT 1 FROM suppressions x WHERE x.tenant_id = s.tenant_id AND x.channel = '" + channel
				+ "' AND x.address = lower(" + address + "))) AS can_contact_" + channel;
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String single(Connection db, String sql) throws SQLException {
		try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
			rs.next();
			return rs.getString(1);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	private ObjectNode line(String workload, String query, Stats stats, Map<String, Object> env) {
		ObjectNode line = JSON.createObjectNode();
		line.put("workload", workload);
		line.put("size", size);
		line.put("query", query);
		line.setAll((ObjectNode) stats.json(null));
		line.set("env", JSON.valueToTree(env));
		return line;
	}

	static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

	private static void log(String message) {
		System.err.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + message);
	}

	/** Latencies of one workload, in nanoseconds. */
	static final class Stats {

		private final long[] nanos;

		private int count;

		Stats(int capacity) {
			this.nanos = new long[capacity];
		}

		void add(long value) {
			nanos[count++] = value;
		}

		int count() {
			return count;
		}

		/** Nearest-rank percentile, in milliseconds. */
		double percentile(double p) {
			long[] sorted = Arrays.copyOf(nanos, count);
			Arrays.sort(sorted);
			int rank = (int) Math.ceil(p / 100.0 * count);
			return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
		}

		double mean() {
			return Arrays.stream(nanos, 0, count).average().orElse(0) / 1e6;
		}

		String summary() {
			return String.format("n=%d p50=%.2f p95=%.2f p99=%.2f mean=%.2f max=%.2f ms", count, percentile(50),
					percentile(95), percentile(99), mean(), percentile(100));
		}

		JsonNode json(String what) {
			ObjectNode node = JSON.createObjectNode();
			if (what != null) {
				node.put("what", what);
			}
			node.put("n", count);
			node.put("p50_ms", round(percentile(50)));
			node.put("p95_ms", round(percentile(95)));
			node.put("p99_ms", round(percentile(99)));
			node.put("mean_ms", round(mean()));
			node.put("max_ms", round(percentile(100)));
			return node;
		}

	}

}

package com.fibonacco.platform.internal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Chooses the database before anything else starts: the server named by
 * {@code spring.datasource.url} or {@code DATABASE_URL}, else an embedded PostgreSQL
 * whose data lives under {@code fibonacco.embedded-postgres.data-dir} (default
 * {@code ./data/postgres}). An empty data dir means a throw-away database, which tests
 * use: one instance per JVM, shared by every application context of the JVM.
 */
public class EmbeddedPostgresEnvironment implements EnvironmentPostProcessor, Ordered {

	static final String DATA_DIR_PROPERTY = "fibonacco.embedded-postgres.data-dir";

	/** Set for a context that uses an embedded server: the key of its {@link Lease}. */
	static final String RUNNING_PROPERTY = "fibonacco.embedded-postgres.running";

	private static final Map<String, Lease> LEASES = new HashMap<>();

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
			return;
		}
		String databaseUrl = environment.getProperty("DATABASE_URL");
		Map<String, Object> datasource = new HashMap<>();
		if (StringUtils.hasText(databaseUrl)) {
			datasource.putAll(fromDatabaseUrl(databaseUrl));
		}
		else {
			String dataDir = environment.getProperty(DATA_DIR_PROPERTY, "./data/postgres");
			EmbeddedPostgres postgres = acquire(dataDir);
			datasource.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
			datasource.put("spring.datasource.username", "postgres");
			datasource.put("spring.datasource.password", "");
			datasource.put(RUNNING_PROPERTY, dataDir.isEmpty() ? "(throw-away)" : dataDir);
		}
		environment.getPropertySources().addFirst(new MapPropertySource("fibonaccoDatabase", datasource));
	}

	/**
	 * Accepts a JDBC URL or the common {@code postgres://user:password@host:port/db}
	 * form.
	 */
	static Map<String, Object> fromDatabaseUrl(String databaseUrl) {
		if (databaseUrl.startsWith("jdbc:")) {
			return Map.of("spring.datasource.url", databaseUrl);
		}
		URI uri = URI.create(databaseUrl);
		if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
			throw new IllegalArgumentException(
					"DATABASE_URL must be a jdbc:postgresql:// or postgres:// URL, was scheme '" + uri.getScheme()
							+ "'");
		}
		int port = uri.getPort() == -1 ? 5432 : uri.getPort();
		String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
		Map<String, Object> properties = new HashMap<>();
		properties.put("spring.datasource.url",
				"jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getPath() + query);
		String userInfo = uri.getUserInfo();
		if (userInfo != null) {
			int colon = userInfo.indexOf(':');
			properties.put("spring.datasource.username", colon < 0 ? userInfo : userInfo.substring(0, colon));
			if (colon >= 0) {
				properties.put("spring.datasource.password", userInfo.substring(colon + 1));
			}
		}
		return properties;
	}

	private static synchronized EmbeddedPostgres acquire(String dataDir) {
		Lease lease = LEASES.computeIfAbsent(key(dataDir), key -> new Lease(start(dataDir), new AtomicInteger()));
		lease.holders().incrementAndGet();
		return lease.postgres();
	}

	/** Called when a context's data source is gone; the last one out stops the server. */
	static synchronized void release(String dataDir) {
		String key = key(dataDir);
		Lease lease = LEASES.get(key);
		if (lease != null && lease.holders().decrementAndGet() <= 0) {
			LEASES.remove(key);
			closeQuietly(lease.postgres());
		}
	}

	private static String key(String dataDir) {
		return "(throw-away)".equals(dataDir) ? "" : dataDir;
	}

	private static EmbeddedPostgres start(String dataDir) {
		if (runningAsRoot()) {
			// PostgreSQL's initdb and postgres refuse root; say what to do instead of a
			// stack trace.
			System.err.println("Fibonacco: the embedded PostgreSQL cannot run as root - run as a normal user "
					+ "(e.g. 'runuser -u <user> -- ./mvnw spring-boot:run') or set DATABASE_URL to a PostgreSQL server.");
			System.exit(78);
		}
		try {
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setRegisterShutdownHook(false)
				.setServerConfig("max_connections", "200")
				.setServerConfig("timezone", "UTC")
				.setServerConfig("shared_buffers", sharedBuffers(physicalMemory()))
				// bulk work (an import, the nightly recompute) is not interrupted by
				// checkpoints every gigabyte of WAL
				.setServerConfig("max_wal_size", "4GB")
				.setServerConfig("checkpoint_timeout", "15min");
			if (StringUtils.hasText(dataDir)) {
				Path dir = Path.of(dataDir).toAbsolutePath().normalize();
				Files.createDirectories(dir);
				// the embedded default trades durability for speed (fsync off); data
				// meant to last gets it back
				builder.setDataDirectory(dir)
					.setCleanDataDirectory(false)
					.setServerConfig("fsync", "on")
					.setServerConfig("synchronous_commit", "on")
					.setServerConfig("full_page_writes", "on");
			}
			EmbeddedPostgres postgres = builder.start();
			Runtime.getRuntime()
				.addShutdownHook(new Thread(() -> stopAfterContexts(dataDir, postgres), "embedded-postgres-stop"));
			return postgres;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL in '" + dataDir + "'", ex);
		}
	}

	/**
	 * PostgreSQL's own default of 128 MB is sized to start anywhere, not to hold a
	 * tenant's million-row tables and their indexes: an eighth of the machine's memory,
	 * between 128 MB and 2 GB (the embedded server shares the machine with the JVM).
	 */
	static String sharedBuffers(long physicalMemoryBytes) {
		long megabytes = Math.clamp(physicalMemoryBytes / 8 / (1024 * 1024), 128, 2048);
		return megabytes + "MB";
	}

	private static long physicalMemory() {
		if (java.lang.management.ManagementFactory
			.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getTotalMemorySize();
		}
		return 0;
	}

	/**
	 * On JVM exit, Spring's own shutdown hook closes the contexts concurrently with this
	 * one: wait for them to let go of the database before stopping it, so nothing breaks
	 * mid-close.
	 */
	private static void stopAfterContexts(String dataDir, EmbeddedPostgres postgres) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (held(dataDir) && System.nanoTime() < deadline) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		closeQuietly(postgres);
	}

	private static synchronized boolean held(String dataDir) {
		Lease lease = LEASES.get(key(dataDir));
		return lease != null && lease.holders().get() > 0;
	}

	private static void closeQuietly(EmbeddedPostgres postgres) {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			// the JVM is going away; PostgreSQL recovers its data directory on the next
			// start
		}
	}

	static boolean runningAsRoot() {
		if (File.separatorChar != '/') {
			return false;
		}
		try {
			return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
		}
		catch (RuntimeException | LinkageError ex) {
			return "root".equals(System.getProperty("user.name"));
		}
	}

	@Override
	public int getOrder() {
		// after the config files are read (ConfigDataEnvironmentPostProcessor), so they
		// can name a URL
		return Ordered.LOWEST_PRECEDENCE;
	}

	private record Lease(EmbeddedPostgres postgres, AtomicInteger holders) {
	}

}

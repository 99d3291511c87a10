package com.fibonacco.platform.internal;

import java.util.Map;

/** Opens the package-private URL parsing to the tests of another package. */
public final class EmbeddedPostgresEnvironmentAccess {

	private EmbeddedPostgresEnvironmentAccess() {
	}

	public static Map<String, Object> fromDatabaseUrl(String url) {
		return EmbeddedPostgresEnvironment.fromDatabaseUrl(url);
	}

}

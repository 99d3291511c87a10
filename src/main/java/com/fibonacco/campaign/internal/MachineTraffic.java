package com.fibonacco.campaign.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Opens and clicks no person made: mailbox privacy proxies that fetch every image (Apple
 * Mail Privacy Protection, Gmail's and Yahoo's image proxies), security gateways and link
 * scanners that follow every link, HTTP libraries, and clicks within seconds of the send.
 * They are recorded, flagged, and not counted as engagement.
 */
final class MachineTraffic {

	private static final List<String> AGENTS = List.of("googleimageproxy", "ggpht.com", "yahoomailproxy", "bot",
			"crawler", "spider", "scanner", "preview", "barracuda", "mimecast", "proofpoint", "safelinks", "symantec",
			"messagelabs", "forcepoint", "trendmicro", "sophos", "fireeye", "cisco", "ironport", "python-requests",
			"python-urllib", "curl/", "wget", "go-http-client", "java/", "okhttp", "apache-httpclient", "libwww",
			"headlesschrome", "phantomjs");

	private MachineTraffic() {
	}

	static boolean agent(@Nullable String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return true;
		}
		String ua = userAgent.strip().toLowerCase(Locale.ROOT);
		// Apple's Mail Privacy Protection proxy sends a bare "Mozilla/5.0"
		if (ua.equals("mozilla/5.0")) {
			return true;
		}
		return AGENTS.stream().anyMatch(ua::contains);
	}

	static boolean click(@Nullable String userAgent, @Nullable Instant sentAt, Instant now, Duration window) {
		return agent(userAgent) || (sentAt != null && now.isBefore(sentAt.plus(window)));
	}

}

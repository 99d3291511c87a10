package com.fibonacco.platform.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * Serves the web console (built from {@code web/} into {@code static/}) at {@code /}. The
 * console routes in the browser, so a reload of {@code /smbs/…} must answer its
 * {@code index.html}; paths of the server's own (API, tracking, webhooks, actuator, API
 * docs) and missing files are never answered with it. Registered before Spring Boot's
 * default static mapping, which then stands aside.
 */
@Configuration(proxyBeanMethods = false)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleWebConfiguration implements WebMvcConfigurer {

	private static final String LOCATION = "classpath:/static/";

	/** First path segments that belong to the server, not to the console. */
	private static final Set<String> SERVER_PATHS = Set.of("api", "t", "webhooks", "actuator", "swagger-ui", "v3",
			"assets", "error");

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		// file names carry a content hash: cache them for good
		registry.addResourceHandler("/assets/**")
			.addResourceLocations(LOCATION + "assets/")
			.setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
		registry.addResourceHandler("/**")
			.addResourceLocations(LOCATION)
			.setCacheControl(CacheControl.noCache())
			.resourceChain(true)
			.addResolver(new ConsoleResolver());
	}

	/** A path the console routes itself: not the server's, and not a file name. */
	static boolean isConsoleRoute(String path) {
		String trimmed = path.startsWith("/") ? path.substring(1) : path;
		int slash = trimmed.indexOf('/');
		String first = slash < 0 ? trimmed : trimmed.substring(0, slash);
		if (SERVER_PATHS.contains(first)) {
			return false;
		}
		String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
		return !last.contains(".");
	}

	private static final class ConsoleResolver extends PathResourceResolver {

		@Override
		protected @Nullable Resource getResource(String resourcePath, Resource location) throws IOException {
			Resource resource = super.getResource(resourcePath, location);
			if (resource != null || !isConsoleRoute(resourcePath)) {
				return resource;
			}
			return super.getResource("index.html", location);
		}

	}

}

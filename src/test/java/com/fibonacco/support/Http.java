package com.fibonacco.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client for tests, speaking to the server on its random port like any API
 * client would. Keeps cookies, so it can hold a console session.
 */
public final class Http {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String baseUrl;

	private final HttpClient client;

	private final Map<String, String> defaultHeaders = new LinkedHashMap<>();

	public Http(int port) {
		this(port, HttpClient.newBuilder().cookieHandler(new CookieManager()).build());
	}

	private Http(int port, HttpClient client) {
		this.baseUrl = "http://localhost:" + port;
		this.client = client;
	}

	/** The same client, cookies and all, talking to another server process. */
	public Http onPort(int otherPort) {
		Http other = new Http(otherPort, client);
		other.defaultHeaders.putAll(defaultHeaders);
		return other;
	}

	public Http bearer(String token) {
		defaultHeaders.put("Authorization", "Bearer " + token);
		return this;
	}

	public Http header(String name, String value) {
		defaultHeaders.put(name, value);
		return this;
	}

	public Response get(String path) {
		return send("GET", path, null, Map.of());
	}

	public Response delete(String path) {
		return send("DELETE", path, null, Map.of());
	}

	public Response post(String path, @Nullable Object body) {
		return send("POST", path, body, Map.of());
	}

	public Response put(String path, @Nullable Object body) {
		return send("PUT", path, body, Map.of());
	}

	public Response send(String method, String path, @Nullable Object body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
		defaultHeaders.forEach(request::header);
		headers.forEach(request::header);
		if (body == null) {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		else {
			String text = body instanceof String raw ? raw : JSON.writeValueAsString(body);
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(text));
		}
		try {
			HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body(), response);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** What came back: status, content type and the body, parsed as JSON when it is. */
	public record Response(int status, String contentType, String body, HttpResponse<String> raw) {

		public JsonNode json() {
			return JSON.readTree(body);
		}

		public String text(String pointer) {
			return json().at(pointer).asString();
		}

	}

}

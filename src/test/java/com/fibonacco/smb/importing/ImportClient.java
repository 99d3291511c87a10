package com.fibonacco.smb.importing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import com.fibonacco.support.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads files to the import API as a browser form would (multipart/form-data, built by
 * hand over java.net.http) and follows the import until it ends.
 */
final class ImportClient {

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final int port;

	private final String token;

	private final Http http;

	ImportClient(int port, String token) {
		this.port = port;
		this.token = token;
		this.http = new Http(port).bearer(token);
	}

	Http http() {
		return http;
	}

	static byte[] fixture(String name) {
		try (InputStream in = ImportClient.class.getResourceAsStream("/fixtures/imports/" + name)) {
			assertThat(in).as(name).isNotNull();
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Http.Response uploadFixture(String name, Map<String, String> fields) {
		return upload(name, contentType(name), fixture(name), fields);
	}

	Http.Response upload(String fileName, String contentType, byte[] content, Map<String, String> fields) {
		String boundary = "----fibonacco" + UUID.randomUUID().toString().replace("-", "");
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		fields.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
				+ name + "\"\r\n\r\n" + value + "\r\n"));
		if (fileName != null) {
			write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
					+ "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
			body.writeBytes(content);
			write(body, "\r\n");
		}
		write(body, "--" + boundary + "--\r\n");
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/smbs/import"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build());
	}

	/** Follows the import until it has ended; its last state. */
	JsonNode awaitEnd(String id) {
		Instant deadline = Instant.now().plusSeconds(90);
		while (true) {
			Http.Response status = http.get("/api/v1/smbs/import/" + id);
			assertThat(status.status()).as(status.body()).isEqualTo(200);
			JsonNode data = status.json().at("/data");
			String state = data.at("/status").asString();
			if (state.equals("completed") || state.equals("failed") || state.equals("cancelled")) {
				return data;
			}
			assertThat(Instant.now()).as("import %s still %s", id, state).isBefore(deadline);
			sleep(250);
		}
	}

	/** Uploads and waits: the ended import. */
	JsonNode run(String fixture, Map<String, String> fields) {
		Http.Response accepted = uploadFixture(fixture, fields);
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		return awaitEnd(accepted.text("/data/id"));
	}

	JsonNode run(String fileName, byte[] content, Map<String, String> fields) {
		Http.Response accepted = upload(fileName, contentType(fileName), content, fields);
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		return awaitEnd(accepted.text("/data/id"));
	}

	String errorsCsv(String id) {
		Http.Response errors = http.get("/api/v1/smbs/import/" + id + "/errors.csv");
		assertThat(errors.status()).as(errors.body()).isEqualTo(200);
		assertThat(errors.contentType()).startsWith("text/csv");
		return errors.body();
	}

	static Map<String, String> fields(String... pairs) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			fields.put(pairs[i], pairs[i + 1]);
		}
		return fields;
	}

	static String contentType(String name) {
		if (name.endsWith(".json")) {
			return "application/json";
		}
		if (name.endsWith(".jsonl")) {
			return "application/x-ndjson";
		}
		if (name.endsWith(".xlsx")) {
			return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		}
		if (name.endsWith(".pdf")) {
			return "application/pdf";
		}
		return "text/csv";
	}

	private static Http.Response send(HttpRequest request) {
		try {
			HttpResponse<String> response = CLIENT.send(request,
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Http.Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body(), response);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void write(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}

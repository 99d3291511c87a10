package com.fibonacco.smb.exporting;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.fibonacco.community.Communities;
import com.fibonacco.community.NewCommunity;
import com.fibonacco.shared.TenantId;
import com.fibonacco.support.Http;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;
import com.fibonacco.support.Tenancy.TestTenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Exporting SMBs as CSV and JSON lines with the list's filters. */
@ServerTest
class SmbExportTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	Communities communities;

	Tenancy tenancy;

	TestTenant tenant;

	UUID hendersonville;

	UUID bozeman;

	@BeforeEach
	void setUp() {
		tenancy = new Tenancy(port);
		tenant = tenancy.newTenant("Blue Ridge Outreach");
		hendersonville = community(tenant, "Hendersonville", "hendersonville");
		bozeman = community(tenant, "Bozeman", "bozeman");
		create(smb(hendersonville, "Main Street Bakery", "maria@mainstreetbakery.com", "(828) 692-4417"));
		Map<String, Object> evil = smb(hendersonville, "=HYPERLINK(\"http://evil.example\",\"Click\")",
				"office@rodriguezdental.com", "8286921100");
		evil.put("primary_contact_name", "  @SUM(A1:A9)");
		evil.put("business_description", "-1+1, the best, \"quoted\"\nand a new line");
		evil.put("metadata", Map.of("note", "=cmd|' /C calc'!A0"));
		create(evil);
		create(smb(bozeman, "Gallatin Valley Bikes", "ride@gallatinbikes.com", "4065870101"));
	}

	@Test
	void csvFollowsTheListFiltersAndNeutralisesFormulaCells() throws IOException {
		Http.Response export = tenant.admin().get("/api/v1/smbs/export?community_id=" + hendersonville);

		assertThat(export.status()).as(export.body()).isEqualTo(200);
		assertThat(export.contentType()).startsWith("text/csv");
		assertThat(export.raw().headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;")
			.contains(".csv");
		List<Map<String, String>> rows = csv(export.body());
		assertThat(rows).extracting(row -> row.get("business_name"))
			.containsExactlyInAnyOrder("Main Street Bakery", "'=HYPERLINK(\"http://evil.example\",\"Click\")");
		Map<String, String> evil = rows.stream()
			.filter(row -> row.get("primary_email").equals("office@rodriguezdental.com"))
			.findFirst()
			.orElseThrow();
		assertThat(evil.get("primary_contact_name")).isEqualTo("'@SUM(A1:A9)");
		assertThat(evil.get("business_description")).isEqualTo("'-1+1, the best, \"quoted\"\nand a new line");
		assertThat(evil.get("primary_phone")).isEqualTo("'+18286921100");
		assertThat(evil.get("community_slug")).isEqualTo("hendersonville");
		assertThat(evil.get("email_opted_in")).isEqualTo("true");
		// metadata is one JSON cell; it does not start with a formula character
		assertThat(JSON.readTree(evil.get("metadata")).at("/note").asString()).isEqualTo("=cmd|' /C calc'!A0");
		for (Map<String, String> row : rows) {
			row.values()
				.forEach(cell -> assertThat(cell).doesNotStartWith("=")
					.doesNotStartWith("+")
					.doesNotStartWith("@")
					.doesNotStartWith("-")
					.doesNotStartWith("\t")
					.doesNotStartWith("\r"));
		}

		assertThat(csv(tenant.admin().get("/api/v1/smbs/export?search=gallatin").body()))
			.extracting(row -> row.get("business_name"))
			.containsExactly("Gallatin Valley Bikes");
		assertThat(csv(tenant.admin().get("/api/v1/smbs/export?state=MT").body())).isEmpty();
	}

	@Test
	void jsonLinesCarryEveryColumnWithItsType() {
		Http.Response export = tenant.admin().get("/api/v1/smbs/export?format=jsonl");

		assertThat(export.status()).as(export.body()).isEqualTo(200);
		assertThat(export.contentType()).startsWith("application/x-ndjson");
		List<JsonNode> lines = export.body().lines().filter(line -> !line.isBlank()).map(JSON::readTree).toList();
		assertThat(lines).hasSize(3);
		JsonNode bikes = lines.stream()
			.filter(line -> line.at("/business_name").asString().equals("Gallatin Valley Bikes"))
			.findFirst()
			.orElseThrow();
		assertThat(bikes.at("/primary_phone").asString()).isEqualTo("+14065870101");
		assertThat(bikes.at("/email_opted_in").isBoolean()).isTrue();
		assertThat(bikes.at("/engagement_tier").asInt()).isEqualTo(4);
		assertThat(bikes.at("/metadata").isObject()).isTrue();
		assertThat(bikes.at("/community_id").asString()).isEqualTo(bozeman.toString());
		assertThat(lines.get(0).propertyNames()).containsExactlyElementsOf(ExportController.COLUMNS);
	}

	@Test
	void anExportImportsBackAsTheSameSmbs() {
		Http.Response export = tenant.admin().get("/api/v1/smbs/export");
		String token = tenancy.token(tenant.adminEmail(), Tenancy.PASSWORD);
		var client = new com.fibonacco.smb.importing.ExportRoundTrip(port, token);

		JsonNode done = client.reimport(export.body(), hendersonville);

		assertThat(done.at("/status").asString()).isEqualTo("completed");
		assertThat(done.at("/created").asInt()).isZero();
		assertThat(done.at("/updated").asInt()).isEqualTo(3);
		Http.Response again = tenant.admin().get("/api/v1/smbs/export");
		assertThat(csvIgnoring(again.body(), "updated_at")).isEqualTo(csvIgnoring(export.body(), "updated_at"));
	}

	@Test
	void anotherTenantsSmbsNeverAppear() throws IOException {
		TestTenant other = tenancy.newTenant("Globex Marketing");
		UUID theirs = community(other, "Bozeman", "bozeman");
		Http.Response created = other.admin()
			.post("/api/v1/smbs", smb(theirs, "Their Shop", "shop@theirs.example", "4065870999"));
		assertThat(created.status()).isEqualTo(201);

		assertThat(csv(tenant.admin().get("/api/v1/smbs/export").body())).extracting(row -> row.get("business_name"))
			.doesNotContain("Their Shop")
			.hasSize(3);
		assertThat(csv(tenant.admin().get("/api/v1/smbs/export?community_id=" + theirs).body())).isEmpty();
	}

	@Test
	void aViewerOrAgentCannotExport() {
		for (String role : List.of("viewer", "agent")) {
			Http.Response response = tenancy.newUser(tenant, role).http().get("/api/v1/smbs/export");
			assertThat(response.status()).as(role).isEqualTo(403);
			assertThat(response.contentType()).startsWith("application/problem+json");
		}
		assertThat(tenancy.newUser(tenant, "manager").http().get("/api/v1/smbs/export").status()).isEqualTo(200);
	}

	@Test
	void badParametersAreNamed() {
		Http.Response format = tenant.admin().get("/api/v1/smbs/export?format=xlsx");
		assertThat(format.status()).isEqualTo(422);
		assertThat(format.text("/errors/0/field")).isEqualTo("format");
		Http.Response filter = tenant.admin().get("/api/v1/smbs/export?engagement_tier=9");
		assertThat(filter.status()).isEqualTo(422);
		assertThat(filter.text("/errors/0/field")).isEqualTo("engagement_tier");
		Http.Response unknown = tenant.admin().get("/api/v1/smbs/export?color=blue");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.text("/errors/0/field")).isEqualTo("color");
	}

	@Test
	void anExportOfASelectionHoldsOnlyTheSmbsItNames() throws IOException {
		Map<String, String> ids = new LinkedHashMap<>();
		for (Map<String, String> row : csv(tenant.admin().get("/api/v1/smbs/export").body())) {
			ids.put(row.get("business_name"), row.get("id"));
		}
		String bakery = ids.get("Main Street Bakery");
		String bikes = ids.get("Gallatin Valley Bikes");

		Http.Response selection = tenant.admin().get("/api/v1/smbs/export?ids=" + bakery + "," + bikes);

		assertThat(selection.status()).as(selection.body()).isEqualTo(200);
		assertThat(csv(selection.body())).extracting(row -> row.get("business_name"))
			.containsExactlyInAnyOrder("Main Street Bakery", "Gallatin Valley Bikes");
		// the ids narrow the list filters, they don't replace them
		assertThat(csv(tenant.admin()
			.get("/api/v1/smbs/export?ids=" + bakery + "," + bikes + "&community_id=" + bozeman)
			.body())).extracting(row -> row.get("business_name")).containsExactly("Gallatin Valley Bikes");
		List<String> lines = tenant.admin()
			.get("/api/v1/smbs/export?format=jsonl&ids=" + bikes)
			.body()
			.lines()
			.filter(line -> !line.isBlank())
			.toList();
		assertThat(lines).hasSize(1).allSatisfy(line -> assertThat(line).contains("Gallatin Valley Bikes"));
	}

	@Test
	void anExportOfASelectionNeverReachesAnotherTenantsSmbs() throws IOException {
		TestTenant other = tenancy.newTenant("Globex Marketing");
		UUID theirs = community(other, "Bozeman", "bozeman");
		Http.Response created = other.admin()
			.post("/api/v1/smbs", smb(theirs, "Their Shop", "shop@theirs.example", "4065870999"));
		String theirId = created.text("/data/id");

		Http.Response export = tenant.admin().get("/api/v1/smbs/export?ids=" + theirId);

		assertThat(export.status()).isEqualTo(200);
		assertThat(csv(export.body())).isEmpty();
	}

	@Test
	void badSelectionsAreNamed() {
		Http.Response notAnId = tenant.admin().get("/api/v1/smbs/export?ids=42");
		assertThat(notAnId.status()).isEqualTo(422);
		assertThat(notAnId.text("/errors/0/field")).isEqualTo("ids");
		Http.Response empty = tenant.admin().get("/api/v1/smbs/export?ids=,");
		assertThat(empty.status()).isEqualTo(422);
		assertThat(empty.text("/errors/0/field")).isEqualTo("ids");
		String tooMany = String.join(",",
				java.util.stream.Stream.generate(() -> UUID.randomUUID().toString())
					.limit(ExportController.MAX_IDS + 1)
					.toList());
		// more ids than a request line holds safely: refused before any query
		assertThatThrownBy(() -> ExportController
			.onlyIds(new com.fibonacco.smb.internal.SmbRules.Filter("s.tenant_id = :tenant", Map.of()), tooMany))
			.isInstanceOf(com.fibonacco.shared.web.ApiException.class)
			.hasMessageContaining("at most " + ExportController.MAX_IDS);
	}

	// ------------------------------------------------------------------ helpers

	private UUID community(TestTenant owner, String name, String slug) {
		return communities
			.create(new TenantId(owner.id()),
					new NewCommunity(name, slug, "NC", "Henderson", 15_000, "America/New_York", Map.of()))
			.value();
	}

	private static Map<String, Object> smb(UUID community, String name, String email, String phone) {
		Map<String, Object> smb = new LinkedHashMap<>();
		smb.put("community_id", community.toString());
		smb.put("business_name", name);
		smb.put("primary_email", email);
		smb.put("primary_phone", phone);
		smb.put("city", "Hendersonville");
		smb.put("state", "NC");
		return smb;
	}

	private void create(Map<String, Object> smb) {
		Http.Response response = tenant.admin().post("/api/v1/smbs", smb);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
	}

	/** Parses the export with the import's own CSV reader: header row, then rows. */
	static List<Map<String, String>> csv(String body) throws IOException {
		return com.fibonacco.smb.importing.ExportRoundTrip.parse(body);
	}

	private static List<String> csvIgnoring(String body, String column) {
		try {
			List<String> rows = new ArrayList<>();
			for (Map<String, String> row : csv(body)) {
				Map<String, String> copy = new LinkedHashMap<>(row);
				copy.remove(column);
				copy.remove("data_quality_score");
				rows.add(copy.toString());
			}
			rows.sort(String::compareTo);
			return rows;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

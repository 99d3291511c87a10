package com.fibonacco.smb.importing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.fibonacco.community.Communities;
import com.fibonacco.community.NewCommunity;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbsImported;
import com.fibonacco.support.Http;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;
import com.fibonacco.support.Tenancy.TestTenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.fibonacco.smb.importing.ImportClient.fields;
import static org.assertj.core.api.Assertions.assertThat;

/** Bulk import of SMBs through the API, files and all, against the real database. */
@ServerTest
class SmbImportTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	Communities communities;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SmbImportJob job;

	@Autowired
	ConfigurableApplicationContext context;

	Tenancy tenancy;

	TestTenant tenant;

	ImportClient imports;

	UUID hendersonville;

	final List<SmbsImported> published = new CopyOnWriteArrayList<>();

	final ApplicationListener<ApplicationEvent> listener = event -> {
		if (event instanceof PayloadApplicationEvent<?> payload
				&& payload.getPayload() instanceof SmbsImported imported) {
			published.add(imported);
		}
	};

	@BeforeEach
	void setUp() {
		tenancy = new Tenancy(port);
		tenant = tenancy.newTenant("Blue Ridge Outreach");
		imports = new ImportClient(port, tenancy.token(tenant.adminEmail(), Tenancy.PASSWORD));
		hendersonville = community(tenant.id(), "Hendersonville", "hendersonville-nc");
		context.addApplicationListener(listener);
	}

	@AfterEach
	void tearDown() {
		context.removeApplicationListener(listener);
		job.afterBatch = null;
	}

	@Test
	void spreadsheetAndCrmExportsLandWithTheirValuesNormalised() {
		String community = hendersonville.toString();
		List<String> files = List.of("excel-utf8-bom-crlf.csv", "excel-windows-1252.csv", "semicolon.csv",
				"tab-separated.tsv", "hubspot-contacts-export.csv", "mautic-contacts-export.csv", "smbs.json",
				"smbs.jsonl");
		List<String> ids = new ArrayList<>();
		for (String file : files) {
			Http.Response accepted = imports.uploadFixture(file, fields("community_id", community));
			assertThat(accepted.status()).as(file + ": " + accepted.body()).isEqualTo(202);
			assertThat(accepted.text("/data/status")).isEqualTo("queued");
			assertThat(accepted.raw().headers().firstValue("Location"))
				.contains("/api/v1/smbs/import/" + accepted.text("/data/id"));
			ids.add(accepted.text("/data/id"));
		}
		int[] created = { 3, 3, 2, 2, 2, 2, 2, 3 };
		int[] failed = { 0, 0, 0, 0, 0, 0, 1, 0 };
		for (int i = 0; i < ids.size(); i++) {
			JsonNode done = imports.awaitEnd(ids.get(i));
			assertThat(done.at("/status").asString()).as(files.get(i) + " " + done).isEqualTo("completed");
			assertThat(done.at("/created").asInt()).as(files.get(i) + " " + done).isEqualTo(created[i]);
			assertThat(done.at("/failed").asInt()).as(files.get(i) + " " + done).isEqualTo(failed[i]);
			assertThat(done.at("/progress").asInt()).isEqualTo(100);
			assertThat(done.at("/rows_processed").asInt()).isEqualTo(done.at("/rows_total").asInt());
		}

		Map<String, Object> cafe = smb("Café Crème, LLC");
		assertThat(cafe).containsEntry("primary_email", "hello@cafecreme.com")
			.containsEntry("primary_phone", "+18286924417")
			.containsEntry("address", "412 N Main St\nSuite 2")
			.containsEntry("state", "NC")
			.containsEntry("source", "import")
			.containsEntry("community_id", hendersonville);
		assertThat(metadata(cafe)).containsEntry("Notes", "Known as \"the French place\"");
		assertThat(smb("Blue Ridge Plumbing & Heating")).containsEntry("primary_email", "jobs@blueridgeplumb.com")
			.containsEntry("state", "NC")
			.containsEntry("slug", "blue-ridge-plumbing-and-heating");
		assertThat(smb("Mountain Brews")).containsEntry("zip", "02801").containsEntry("primary_phone", "+18282530100");
		assertThat(metadata(smb("Mountain Brews"))).containsEntry("Notes", "semicolon; inside, and comma");

		assertThat(smb("Señor Taco’s")).containsEntry("primary_email", "hola@senortaco.com");
		assertThat(smb("Crêperie Zoë")).containsEntry("city", "Brevard");
		assertThat(smb("Müller’s Deli – Since 1962")).containsEntry("primary_phone", "+18286920003");

		assertThat(smb("Kim's Nail Studio; Spa").get("latitude").toString()).isEqualTo("45.679600");
		assertThat(smb("Montana Ale Works")).containsEntry("primary_phone", "+14065877700");

		Map<String, Object> bakery = smb("Main Street Bakery");
		assertThat(bakery).containsEntry("primary_contact_name", "Maria Alvarez")
			.containsEntry("primary_phone", "+18286924417")
			.containsEntry("website", "https://mainstreetbakery.com")
			.containsEntry("category", "Food & Beverages")
			.containsEntry("state", "NC")
			.containsEntry("zip", "28792")
			.containsEntry("source", "Offline Sources");
		assertThat(metadata(bakery)).containsEntry("Record ID", "51")
			.containsEntry("Mobile Phone Number", "(828) 555-0199")
			.containsEntry("Contact owner", "Dana Whitfield");

		assertThat(smb("Ortega Auto Repair")).containsEntry("address", "200 Spartanburg Hwy, Unit B")
			.containsEntry("primary_contact_name", "Sam Ortega")
			.containsEntry("website", "https://ortegaauto.com");
		assertThat(metadata(smb("Park Florist"))).containsEntry("mobile", "(828) 693-4400")
			.containsEntry("position", "Owner");

		Map<String, Object> outfitters = smb("Pisgah Outfitters");
		assertThat(outfitters).containsEntry("primary_phone", "+18288840000");
		assertThat(metadata(outfitters)).containsEntry("tags", List.of("outdoor", "retail"))
			.containsEntry("owner", Map.of("name", "Ann"));
		assertThat(smb("Looking Glass Coffee")).containsEntry("email_opted_in", false);
		assertThat(smb("Transylvania Books")).containsEntry("zip", "28712");
		assertThat(count()).isEqualTo(19);
	}

	@Test
	void eachRowFindsItsCommunityByIdSlugOrName() {
		UUID brevard = community(tenant.id(), "Brevard", "brevard");
		UUID asheville = community(tenant.id(), "Asheville", "asheville");
		byte[] file = new String(ImportClient.fixture("community-per-row.csv"), StandardCharsets.UTF_8)
			.replace("{{BREVARD_ID}}", brevard.toString())
			.getBytes(StandardCharsets.UTF_8);

		JsonNode done = imports.run("community-per-row.csv", file, fields("community_id", asheville.toString()));

		assertThat(done.at("/created").asInt()).isEqualTo(4);
		assertThat(done.at("/failed").asInt()).isEqualTo(1);
		assertThat(smb("By Slug Bakery")).containsEntry("community_id", hendersonville);
		assertThat(smb("By Name Bakery")).containsEntry("community_id", hendersonville);
		assertThat(smb("By Id Bakery")).containsEntry("community_id", brevard);
		assertThat(smb("Defaulted Bakery")).containsEntry("community_id", asheville);
		assertThat(imports.errorsCsv(done.at("/id").asString()))
			.contains("5,Community,atlantis,\"is not a community of yours (by id, slug or name)\"");
	}

	@Test
	void aRowWithABadValueIsRejectedWithItsReasonsWhileTheOthersLand() {
		JsonNode done = imports.run("bad-values.csv", fields("community_id", hendersonville.toString()));

		assertThat(done.at("/status").asString()).isEqualTo("completed");
		assertThat(done.at("/created").asInt()).isEqualTo(2);
		assertThat(done.at("/failed").asInt()).isEqualTo(9);
		assertThat(done.at("/rows_total").asInt()).isEqualTo(11);
		assertThat(names()).containsExactlyInAnyOrder("Good Bakery", "Another Good One");
		assertThat(smb("Another Good One")).containsEntry("zip", "28792-1234")
			.containsEntry("subscription_tier", "basic")
			.containsEntry("email_opted_in", false);
		List<String> lines = imports.errorsCsv(done.at("/id").asString()).lines().toList();
		assertThat(lines.get(0)).isEqualTo("row,column,value,reason");
		assertThat(lines).contains("3,business_name,,is required (the business name)",
				"4,primary_email,not-an-email,is not an email address",
				"5,primary_phone,12345,is not a valid phone number (e.g. (828) 692-4417 or +44 20 7946 0958)",
				"6,state,Ontario,\"is not a US state (a two-letter code like NC, or its name)\"",
				"7,zip,ABCDE,is not a US ZIP code like 28792 or 28792-1234",
				"8,latitude,,needs its counterpart (latitude and longitude)",
				"9,subscription_tier,platinum,\"must be one of basic, enterprise, free, premium, standard\"",
				"10,email_opted_in,maybe,\"must be true or false (yes/no, 1/0)\"");
		assertThat(lines.stream().filter(line -> line.startsWith("11,"))).hasSize(4);
	}

	@Test
	void aStrayQuoteRejectsItsRowAndUnmappedColumnsLandInMetadata() {
		JsonNode done = imports.run("stray-quote.csv", fields("community_id", hendersonville.toString()));

		assertThat(done.at("/created").asInt()).isEqualTo(2);
		assertThat(done.at("/failed").asInt()).isEqualTo(1);
		assertThat(metadata(smb("Sunrise Diner"))).containsEntry("Favorite Color", "blue")
			.containsEntry("Employees", "12");
		assertThat(imports.errorsCsv(done.at("/id").asString())).contains("4,*,,\"a quoted value is not closed");
	}

	@Test
	void badFilesAreRefusedWithAClearProblemAndNothingIsStored() {
		String community = hendersonville.toString();
		assertProblem(imports.uploadFixture("empty.csv", fields("community_id", community)), 422, "file", "is empty");
		assertProblem(imports.uploadFixture("blank-lines.csv", fields("community_id", community)), 422, "file",
				"is empty");
		assertProblem(imports.uploadFixture("header-only.csv", fields("community_id", community)), 422, "file",
				"has a header row but no data rows");
		assertProblem(imports.uploadFixture("garbage.csv", fields("community_id", community)), 415, "file",
				"must be a CSV or JSON file");
		Http.Response workbook = imports.uploadFixture("workbook.xlsx", fields("community_id", community));
		assertProblem(workbook, 415, "file", "must be a CSV or JSON file");
		assertThat(workbook.text("/detail")).contains("Excel");
		assertProblem(imports.uploadFixture("brochure.pdf", fields("community_id", community)), 415, "file",
				"must be a CSV or JSON file");
		assertProblem(imports.uploadFixture("no-business-name.csv", fields("community_id", community)), 422, "file",
				"has no column for the business name");
		assertProblem(imports.uploadFixture("smbs.json", fields()), 200, null, null);
		assertProblem(imports.uploadFixture("semicolon.csv", fields()), 422, "community_id", "is required");
		byte[] big = ("Business Name,Email\n" + "Acme Widgets,hello@acme.example\n".repeat(70_000))
			.getBytes(StandardCharsets.UTF_8);
		Http.Response tooBig = imports.upload("big.csv", "text/csv", big, fields("community_id", community));
		assertThat(tooBig.status()).as(tooBig.body()).isEqualTo(413);
		assertThat(tooBig.text("/code")).isEqualTo("file_too_large");
		assertThat(tooBig.text("/detail")).contains("2 MB");

		assertProblem(imports.upload(null, null, null, fields("community_id", community)), 422, "file", "is required");
		assertProblem(
				imports.uploadFixture("semicolon.csv", fields("community_id", community, "on_duplicate", "sometimes")),
				422, "on_duplicate", "must be one of create, skip, update");
		assertProblem(imports.uploadFixture("semicolon.csv", fields("community_id", community, "match_on", "name")),
				422, "match_on", "must be one of");
		assertProblem(imports.uploadFixture("semicolon.csv", fields("community_id", "not-a-uuid")), 422, "community_id",
				"must be a community id");
		assertProblem(imports.uploadFixture("semicolon.csv", fields("community_id", community, "mapping", "[1")), 422,
				"mapping", "must be a JSON object");
		assertProblem(
				imports.uploadFixture("semicolon.csv",
						fields("community_id", community, "mapping", "{\"Fax\": \"business_name\"}")),
				422, "mapping.Fax", "is not a column of the file");
		assertProblem(
				imports.uploadFixture("semicolon.csv",
						fields("community_id", community, "mapping", "{\"City\": \"favourite_colour\"}")),
				422, "mapping.City", "is not a field you can import");
		assertProblem(imports.uploadFixture("semicolon.csv", fields("community_id", community, "dry_run", "perhaps")),
				422, "dry_run", "must be true or false");
		Http.Response unknown = imports.uploadFixture("semicolon.csv",
				fields("community_id", community, "tenant_id", UUID.randomUUID().toString()));
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.text("/errors/0/field")).isEqualTo("tenant_id");
		Http.Response json = imports.http().post("/api/v1/smbs/import", Map.of("file", "x"));
		assertThat(json.status()).isEqualTo(415);
		assertThat(json.contentType()).startsWith("application/problem+json");

		// the only import stored is the JSON one that was accepted above
		assertThat(jdbc.sql("SELECT count(*) FROM smb_imports WHERE tenant_id = :t")
			.param("t", tenant.id())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void malformedJsonFailsTheJobWithItsReasonAndMergesNothing() {
		JsonNode done = imports.run("malformed.json", fields("community_id", hendersonville.toString()));

		assertThat(done.at("/status").asString()).isEqualTo("failed");
		assertThat(done.at("/failure_reason").asString()).startsWith("The file is not valid JSON at line 1");
		assertThat(count()).isZero();
		assertThat(done.at("/created").asInt()).isZero();
	}

	@Test
	void anotherTenantsCommunityIsRefusedAndNothingIsStored() {
		TestTenant other = tenancy.newTenant("Globex Marketing");
		UUID theirs = community(other.id(), "Bozeman", "bozeman");

		assertProblem(imports.uploadFixture("semicolon.csv", fields("community_id", theirs.toString())), 422,
				"community_id", "is not a community of yours");
		assertThat(jdbc.sql("SELECT count(*) FROM smb_imports WHERE tenant_id = :t")
			.param("t", tenant.id())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void reimportingWithUpdateChangesValuesAndCreatesNoDuplicates() {
		String community = hendersonville.toString();
		String first = """
				Business Name,Email,Phone,City
				Main Street Bakery,maria@mainstreetbakery.com,8286924417,Hendersonville
				Rodriguez Family Dental,office@rodriguezdental.com,8286921100,Hendersonville
				Blue Ridge Plumbing,jobs@blueridgeplumb.com,8286925500,Hendersonville
				""";
		String second = """
				Business Name,Email,Phone,City,Category
				Main Street Bakery,MARIA@mainstreetbakery.com,8286924417,Flat Rock,Bakery
				Rodriguez Family Dental,office@rodriguezdental.com,8286921100,,Dentist
				Blue Ridge Plumbing,jobs@blueridgeplumb.com,8286925500,Hendersonville,
				Kim's Nail Studio,kim@kimsnails.com,4065870202,Brevard,Salon
				""";
		assertThat(imports.run("first.csv", bytes(first), fields("community_id", community)).at("/created").asInt())
			.isEqualTo(3);
		long bakeryVersion = (Long) smb("Main Street Bakery").get("version");
		long plumbingVersion = (Long) smb("Blue Ridge Plumbing").get("version");

		JsonNode update = imports.run("second.csv", bytes(second),
				fields("community_id", community, "on_duplicate", "update"));

		assertThat(update.at("/created").asInt()).isEqualTo(1);
		assertThat(update.at("/updated").asInt()).isEqualTo(3);
		assertThat(count()).isEqualTo(4);
		assertThat(smb("Main Street Bakery")).containsEntry("city", "Flat Rock").containsEntry("category", "Bakery");
		assertThat(smb("Rodriguez Family Dental")).containsEntry("city", "Hendersonville")
			.containsEntry("category", "Dentist");
		assertThat((Long) smb("Main Street Bakery").get("version")).isEqualTo(bakeryVersion + 1);
		assertThat((Long) smb("Blue Ridge Plumbing").get("version")).as("unchanged rows are not written")
			.isEqualTo(plumbingVersion);

		JsonNode again = imports.run("second.csv", bytes(second),
				fields("community_id", community, "on_duplicate", "update"));
		assertThat(again.at("/created").asInt()).isZero();
		assertThat(again.at("/updated").asInt()).isEqualTo(4);
		JsonNode skip = imports.run("second.csv", bytes(second), fields("community_id", community));
		assertThat(skip.at("/skipped").asInt()).isEqualTo(4);
		assertThat(count()).isEqualTo(4);

		JsonNode byPhone = imports.run("phones.csv", bytes("Business Name,Phone\nMain St Bakery,(828) 692-4417\n"),
				fields("community_id", community, "on_duplicate", "update", "match_on", "phone"));
		assertThat(byPhone.at("/updated").asInt()).isEqualTo(1);
		assertThat(names()).contains("Main St Bakery").doesNotContain("Main Street Bakery");

		JsonNode create = imports.run("second.csv", bytes(second),
				fields("community_id", community, "on_duplicate", "create"));
		assertThat(create.at("/created").asInt()).isEqualTo(4);
		assertThat(count()).isEqualTo(8);
		assertThat(jdbc.sql("SELECT count(DISTINCT slug) FROM smbs WHERE tenant_id = :t")
			.param("t", tenant.id())
			.query(Long.class)
			.single()).as("every SMB has its own slug").isEqualTo(8);
	}

	@Test
	void rowsOfOneBusinessInOneFileBecomeOneSmb() {
		String file = """
				Business Name,Email,Phone,City
				Main Street Bakery,maria@mainstreetbakery.com,8286924417,Hendersonville
				Main Street Bakery & Cafe,maria@mainstreetbakery.com,,Flat Rock
				Bakery Annex,annex@mainstreetbakery.com,8286924417,Brevard
				""";

		JsonNode update = imports.run("dupes.csv", bytes(file), fields("community_id", hendersonville.toString(),
				"on_duplicate", "update", "match_on", "email_or_phone"));

		assertThat(update.at("/created").asInt()).isEqualTo(1);
		assertThat(update.at("/skipped").asInt()).isEqualTo(2);
		assertThat(names()).containsExactly("Bakery Annex");
	}

	@Test
	void twoOverlappingImportsAtOnceCreateNoDuplicates() {
		String community = hendersonville.toString();
		byte[] left = generated(0, 400);
		byte[] right = generated(200, 600);

		CompletableFuture<JsonNode> a = CompletableFuture
			.supplyAsync(() -> imports.run("left.csv", left, fields("community_id", community)));
		CompletableFuture<JsonNode> b = CompletableFuture
			.supplyAsync(() -> imports.run("right.csv", right, fields("community_id", community)));
		JsonNode first = a.join();
		JsonNode second = b.join();

		assertThat(first.at("/created").asInt() + second.at("/created").asInt()).isEqualTo(600);
		assertThat(first.at("/skipped").asInt() + second.at("/skipped").asInt()).isEqualTo(200);
		assertThat(count()).isEqualTo(600);
		assertThat(jdbc.sql("SELECT count(DISTINCT primary_email) FROM smbs WHERE tenant_id = :t")
			.param("t", tenant.id())
			.query(Long.class)
			.single()).isEqualTo(600);
	}

	@Test
	void anImportStoppedMidwayResumesWithoutDuplicatingOrLosingRows() {
		StringBuilder file = new StringBuilder("Business Name,Email,Phone\n");
		for (int i = 0; i < 230; i++) {
			file.append("Shop ").append(i).append(',');
			file.append(i % 50 == 7 ? "broken-email" : "owner" + i + "@shop" + i + ".example").append(",\n");
		}
		AtomicBoolean crashed = new AtomicBoolean();
		job.afterBatch = (importId, through) -> {
			if (through > 100 && crashed.compareAndSet(false, true)) {
				throw new IllegalStateException("simulated crash after a committed batch");
			}
		};

		JsonNode done = imports.run("crash.csv", bytes(file.toString()),
				fields("community_id", hendersonville.toString()));

		assertThat(crashed).isTrue();
		assertThat(done.at("/status").asString()).isEqualTo("completed");
		assertThat(done.at("/created").asInt()).isEqualTo(225);
		assertThat(done.at("/failed").asInt()).isEqualTo(5);
		assertThat(done.at("/rows_processed").asInt()).isEqualTo(230);
		assertThat(count()).isEqualTo(225);
		assertThat(jdbc.sql("SELECT count(DISTINCT primary_email) FROM smbs WHERE tenant_id = :t")
			.param("t", tenant.id())
			.query(Long.class)
			.single()).isEqualTo(225);
		assertThat(imports.errorsCsv(done.at("/id").asString()).lines().skip(1)).hasSize(5);
		assertThat(jdbc.sql("SELECT attempts FROM smb_imports WHERE id = :id")
			.param("id", UUID.fromString(done.at("/id").asString()))
			.query(Integer.class)
			.single()).isEqualTo(2);
		assertThat(published).filteredOn(event -> event.importId().toString().equals(done.at("/id").asString()))
			.singleElement()
			.satisfies(event -> assertThat(event.created()).isEqualTo(225));
	}

	@Test
	void batchesMergedAtOnceThatClaimTheSameSlugsAllLand() {
		// batches of 50 merged two at a time (the test settings), every batch naming the
		// same few businesses in a different order: each claims slugs the other holds
		String[] names = { "Main Street Diner", "Blue Ridge Pizza", "Oak Hardware", "Sunrise Bakery", "Corner Pharmacy" };
		StringBuilder file = new StringBuilder("Business Name,Email\n");
		for (int i = 0; i < 400; i++) {
			int batch = i / 50;
			String name = names[(batch % 2 == 0 ? i : names.length * 1000 - i) % names.length];
			file.append(name).append(",owner").append(i).append("@shop").append(i).append(".example\n");
		}

		JsonNode done = imports.run("same-names.csv", bytes(file.toString()),
				fields("community_id", hendersonville.toString()));

		assertThat(done.at("/status").asString()).isEqualTo("completed");
		assertThat(done.at("/created").asInt()).isEqualTo(400);
		assertThat(count()).isEqualTo(400);
		assertThat(jdbc.sql("SELECT count(DISTINCT slug) FROM smbs WHERE tenant_id = :t")
			.param("t", tenant.id())
			.query(Long.class)
			.single()).isEqualTo(400);
	}

	@Test
	void oneSmbsImportedEventPerJobNotOnePerRow() {
		JsonNode done = imports.run("many.csv", generated(0, 120), fields("community_id", hendersonville.toString()));

		assertThat(published).filteredOn(event -> event.importId().toString().equals(done.at("/id").asString()))
			.singleElement()
			.satisfies(event -> {
				assertThat(event.tenantId()).isEqualTo(new TenantId(tenant.id()));
				assertThat(event.created()).isEqualTo(120);
				assertThat(event.updated()).isZero();
			});
	}

	@Test
	void aDryRunReportsWhatWouldHappenAndWritesNoSmb() {
		JsonNode done = imports.run("bad-values.csv",
				fields("community_id", hendersonville.toString(), "dry_run", "true"));

		assertThat(done.at("/status").asString()).isEqualTo("completed");
		assertThat(done.at("/dry_run").asBoolean()).isTrue();
		assertThat(done.at("/created").asInt()).isEqualTo(2);
		assertThat(done.at("/failed").asInt()).isEqualTo(9);
		assertThat(count()).isZero();
		assertThat(imports.errorsCsv(done.at("/id").asString())).contains("4,primary_email,not-an-email");
		assertThat(published).noneMatch(event -> event.importId().toString().equals(done.at("/id").asString()));
	}

	@Test
	void aQueuedOrRunningImportCanBeCancelledOnce() {
		Http.Response accepted = imports.upload("many.csv", "text/csv", generated(0, 300),
				fields("community_id", hendersonville.toString()));
		String id = accepted.text("/data/id");

		Http.Response cancelled = imports.http().post("/api/v1/smbs/import/" + id + "/cancel", null);
		assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
		assertThat(cancelled.text("/data/status")).isEqualTo("cancelled");
		Http.Response again = imports.http().post("/api/v1/smbs/import/" + id + "/cancel", null);
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.text("/code")).isEqualTo("import_ended");

		// nothing is written after the cancel answered
		long merged = count();
		ImportClient.sleep(6_000);
		JsonNode after = imports.awaitEnd(id);
		assertThat(after.at("/status").asString()).isEqualTo("cancelled");
		assertThat(count()).isEqualTo(merged).isEqualTo(after.at("/created").asLong());
		assertThat(jdbc.sql("SELECT file_oid IS NULL FROM smb_imports WHERE id = :id")
			.param("id", UUID.fromString(id))
			.query(Boolean.class)
			.single()).as("the stored file is removed").isTrue();

		JsonNode finished = imports.run("semicolon.csv", fields("community_id", hendersonville.toString()));
		Http.Response late = imports.http()
			.post("/api/v1/smbs/import/" + finished.at("/id").asString() + "/cancel", null);
		assertThat(late.status()).isEqualTo(409);
	}

	@Test
	void anotherTenantsImportAnswers404() {
		JsonNode done = imports.run("semicolon.csv", fields("community_id", hendersonville.toString()));
		String id = done.at("/id").asString();
		TestTenant other = tenancy.newTenant("Globex Marketing");

		for (Http.Response response : List.of(other.admin().get("/api/v1/smbs/import/" + id),
				other.admin().get("/api/v1/smbs/import/" + id + "/errors.csv"),
				other.admin().post("/api/v1/smbs/import/" + id + "/cancel", null),
				other.admin().get("/api/v1/smbs/import/" + UUID.randomUUID()))) {
			assertThat(response.status()).as(response.body()).isEqualTo(404);
			assertThat(response.contentType()).startsWith("application/problem+json");
		}
	}

	@Test
	void aViewerOrAnAgentCannotImportNorFollowImports() {
		JsonNode done = imports.run("semicolon.csv", fields("community_id", hendersonville.toString()));
		for (String role : List.of("viewer", "agent")) {
			var user = tenancy.newUser(tenant, role);
			ImportClient theirs = new ImportClient(port, tenancy.token(user.email(), Tenancy.PASSWORD));

			Http.Response upload = theirs.uploadFixture("tab-separated.tsv",
					fields("community_id", hendersonville.toString()));
			assertThat(upload.status()).as(role).isEqualTo(403);
			assertThat(upload.text("/code")).isEqualTo("forbidden");
			assertThat(user.http().get("/api/v1/smbs/import/" + done.at("/id").asString()).status()).isEqualTo(403);
			assertThat(user.http().post("/api/v1/smbs/import/" + done.at("/id").asString() + "/cancel", null).status())
				.isEqualTo(403);
		}
		assertThat(count()).isEqualTo(2);
		assertThat(jdbc.sql("SELECT count(*) FROM smb_imports WHERE tenant_id = :t")
			.param("t", tenant.id())
			.query(Long.class)
			.single()).isEqualTo(1);
		var manager = tenancy.newUser(tenant, "manager");
		assertThat(new ImportClient(port, tenancy.token(manager.email(), Tenancy.PASSWORD))
			.run("tab-separated.tsv", fields("community_id", hendersonville.toString()))
			.at("/status")
			.asString()).isEqualTo("completed");
	}

	// ------------------------------------------------------------------ helpers

	private UUID community(UUID tenantId, String name, String slug) {
		return communities
			.create(new TenantId(tenantId),
					new NewCommunity(name, slug, "NC", "Henderson", 15_000, "America/New_York", Map.of()))
			.value();
	}

	private static byte[] generated(int from, int to) {
		StringBuilder csv = new StringBuilder("Business Name,Email,Phone,City\n");
		for (int i = from; i < to; i++) {
			csv.append("Business ")
				.append(i)
				.append(",owner")
				.append(i)
				.append("@business")
				.append(i)
				.append(".example,,Hendersonville\n");
		}
		return bytes(csv.toString());
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private Map<String, Object> smb(String name) {
		return jdbc
			.sql("SELECT *, metadata::text AS metadata_json FROM smbs WHERE tenant_id = :t AND business_name = :n")
			.param("t", tenant.id())
			.param("n", name)
			.query()
			.singleRow();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> metadata(Map<String, Object> smb) {
		return JSON.readValue((String) smb.get("metadata_json"), Map.class);
	}

	private long count() {
		return jdbc.sql("SELECT count(*) FROM smbs WHERE tenant_id = :t")
			.param("t", tenant.id())
			.query(Long.class)
			.single();
	}

	private List<String> names() {
		return jdbc.sql("SELECT business_name FROM smbs WHERE tenant_id = :t ORDER BY business_name")
			.param("t", tenant.id())
			.query(String.class)
			.list();
	}

	private static void assertProblem(Http.Response response, int status, String field, String message) {
		if (status == 200) {
			assertThat(response.status()).as(response.body()).isEqualTo(202);
			return;
		}
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		JsonNode errors = response.json().at("/errors");
		assertThat(errors.findValuesAsString("field")).as(response.body()).contains(field);
		boolean found = false;
		for (JsonNode error : errors) {
			if (error.at("/field").asString().equals(field) && error.at("/message").asString().contains(message)) {
				found = true;
			}
		}
		assertThat(found).as(response.body()).isTrue();
	}

}

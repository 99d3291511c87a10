package com.fibonacco.community;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import com.fibonacco.support.Http;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;
import com.fibonacco.support.Tenancy.TestTenant;

import org.springframework.boot.test.web.server.LocalServerPort;

import static com.fibonacco.community.Towns.PATH;
import static com.fibonacco.community.Towns.bozeman;
import static com.fibonacco.community.Towns.create;
import static com.fibonacco.community.Towns.hendersonville;
import static com.fibonacco.community.Towns.stillwater;
import static com.fibonacco.community.Towns.total;
import static com.fibonacco.community.Towns.town;
import static com.fibonacco.community.Towns.with;
import static com.fibonacco.community.Towns.without;
import static org.assertj.core.api.Assertions.assertThat;

@ServerTest
class CommunityApiTests {

	@LocalServerPort
	int port;

	/**
	 * One tenant for the refused writes: it never gets a community, so "nothing written"
	 * is a total of zero. Shared because a fresh tenant per case costs two bcrypt hashes.
	 */
	static @Nullable Http refusedWrites;

	/** A tenant with one community that refused updates must leave as it was. */
	static @Nullable Http unchanged;

	static @Nullable UUID unchangedCommunity;

	/** The test's own tenant, made on first use. */
	@Nullable Http admin;

	private Http admin() {
		Http client = admin;
		if (client == null) {
			client = new Tenancy(port).newTenant("Blue Ridge Outreach").admin();
			admin = client;
		}
		return client;
	}

	private Http refusingTenant() {
		Http client = refusedWrites;
		if (client == null) {
			client = new Tenancy(port).newTenant("Refused Writes Agency").admin();
			refusedWrites = client;
		}
		return client;
	}

	// create and read

	@Test
	void aCreatedCommunityAnswers201WithAllItsFields() {
		Http.Response created = admin().post(PATH, with(with(hendersonville(), "slug", "hendersonville-nc"), "settings",
				Map.of("send_time_local", "09:00")));

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		JsonNode data = created.json().at("/data");
		assertThat(UUID.fromString(data.at("/id").asString()).version()).isEqualTo(7);
		assertThat(data.at("/name").asString()).isEqualTo("Hendersonville");
		assertThat(data.at("/slug").asString()).isEqualTo("hendersonville-nc");
		assertThat(data.at("/state").asString()).isEqualTo("NC");
		assertThat(data.at("/county").asString()).isEqualTo("Henderson County");
		assertThat(data.at("/population").asInt()).isEqualTo(15_137);
		assertThat(data.at("/timezone").asString()).isEqualTo("America/New_York");
		assertThat(data.at("/settings/send_time_local").asString()).isEqualTo("09:00");
		assertThat(Instant.parse(data.at("/created_at").asString()))
			.isEqualTo(Instant.parse(data.at("/updated_at").asString()));
		assertThat(data.propertyNames()).containsExactlyInAnyOrder("id", "name", "slug", "state", "county",
				"population", "timezone", "settings", "created_at", "updated_at");
	}

	@Test
	void aCommunityReadsBackAsItWasCreated() {
		Http.Response created = admin().post(PATH, stillwater());

		Http.Response read = admin().get(PATH + "/" + created.text("/data/id"));

		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json().at("/data")).isEqualTo(created.json().at("/data"));
	}

	@Test
	void aLowerCaseStateIsStoredUpperCase() {
		Http.Response created = admin().post(PATH, with(bozeman(), "state", "mt"));

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.text("/data/state")).isEqualTo("MT");
	}

	@Test
	void theDistrictAndTheTerritoriesAreStates() {
		for (String state : List.of("DC", "PR", "GU", "VI", "AS", "MP", "AK", "HI")) {
			Http.Response created = admin().post(PATH, town("Capital " + state, state, null, null, null));

			assertThat(created.status()).as(created.body()).isEqualTo(201);
			assertThat(created.text("/data/state")).isEqualTo(state);
		}
	}

	@Test
	void leftOutFieldsTakeTheirDefaults() {
		Http.Response created = admin().post(PATH, Map.of("name", "Brevard", "state", "NC"));

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.text("/data/timezone")).isEqualTo("America/New_York");
		assertThat(created.json().at("/data/settings").isObject()).isTrue();
		assertThat(created.json().at("/data/settings").isEmpty()).isTrue();
		assertThat(created.json().at("/data/county").isNull()).isTrue();
		assertThat(created.json().at("/data/population").isNull()).isTrue();
		assertThat(created.text("/data/slug")).isEqualTo("brevard");
	}

	@Test
	void anUnknownIdAnswers404() {
		Http.Response response = admin().get(PATH + "/" + UUID.randomUUID());

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.text("/code")).isEqualTo("not_found");
	}

	@Test
	void aMalformedIdAnswers400() {
		assertThat(admin().get(PATH + "/not-a-uuid").status()).isEqualTo(400);
	}

	// slugs

	@Test
	void aGeneratedSlugTakesTheNextFreeNumber() {
		List<String> slugs = Stream.of(1, 2, 3)
			.map(n -> admin().post(PATH, hendersonville()).text("/data/slug"))
			.toList();

		assertThat(slugs).containsExactly("hendersonville", "hendersonville-2", "hendersonville-3");
	}

	@Test
	void aGeneratedSlugDropsAccentsAndPunctuation() {
		Http.Response created = admin().post(PATH,
				town("Coeur d’Alène", "ID", "Kootenai County", 55_805, "America/Los_Angeles"));

		assertThat(created.text("/data/slug")).isEqualTo("coeur-d-alene");
	}

	@Test
	void aGeneratedSlugStepsAroundAGivenOne() {
		admin().post(PATH, with(hendersonville(), "slug", "hendersonville-2"));

		assertThat(admin().post(PATH, hendersonville()).text("/data/slug")).isEqualTo("hendersonville");
		assertThat(admin().post(PATH, hendersonville()).text("/data/slug")).isEqualTo("hendersonville-3");
	}

	@Test
	void aGivenSlugThatIsTakenIsAConflictAndNothingIsWritten() {
		create(admin(), with(hendersonville(), "slug", "hendersonville"));

		Http.Response again = admin().post(PATH,
				with(with(hendersonville(), "slug", "hendersonville"), "county", "Other"));

		assertThat(again.status()).isEqualTo(409);
		assertThat(again.contentType()).startsWith("application/problem+json");
		assertThat(again.text("/code")).isEqualTo("slug_taken");
		assertThat(total(admin())).isEqualTo(1);
	}

	@Test
	void twoTenantsMayUseTheSameSlug() {
		TestTenant other = new Tenancy(port).newTenant("Piedmont Marketing");

		Http.Response mine = admin().post(PATH, with(hendersonville(), "slug", "hendersonville"));
		Http.Response theirs = other.admin().post(PATH, with(hendersonville(), "slug", "hendersonville"));
		Http.Response generated = other.admin().post(PATH, stillwater());

		assertThat(mine.status()).isEqualTo(201);
		assertThat(theirs.status()).as(theirs.body()).isEqualTo(201);
		assertThat(generated.text("/data/slug")).isEqualTo("stillwater");
	}

	// invalid input

	static Stream<Arguments> invalidValues() {
		return Stream.of(Arguments.of("state", "XX"), Arguments.of("state", "North Carolina"),
				Arguments.of("state", ""), Arguments.of("state", null), Arguments.of("timezone", "Mars/Olympus"),
				Arguments.of("timezone", "+05:00"), Arguments.of("timezone", "UTC+05:00"),
				Arguments.of("timezone", "america/chicago"), Arguments.of("name", ""), Arguments.of("name", "   "),
				Arguments.of("name", null), Arguments.of("name", "H".repeat(201)),
				Arguments.of("county", "C".repeat(101)), Arguments.of("population", -1),
				Arguments.of("slug", "Hendersonville"), Arguments.of("slug", "hendersonville--nc"),
				Arguments.of("slug", "-hendersonville"), Arguments.of("slug", "hendersonville_nc"),
				Arguments.of("slug", ""), Arguments.of("slug", "h".repeat(101)));
	}

	@ParameterizedTest(name = "{0} = {1}")
	@MethodSource("invalidValues")
	void anInvalidValueAnswers422NamingTheFieldAndWritesNothing(String field, @Nullable Object value) {
		Http refused = refusingTenant();
		Http.Response response = refused.post(PATH, with(hendersonville(), field, value));

		assertThat(response.status()).as(response.body()).isEqualTo(422);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.text("/code")).isEqualTo("validation_failed");
		assertThat(response.json().at("/errors").findValuesAsString("field")).containsExactly(field);
		assertThat(total(refused)).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "name", "state" })
	void aMissingRequiredFieldAnswers422NamingIt(String field) {
		Http refused = refusingTenant();
		Http.Response response = refused.post(PATH, without(hendersonville(), field));

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.json().at("/errors").findValuesAsString("field")).containsExactly(field);
	}

	@Test
	void everyInvalidFieldIsNamedInOneAnswer() {
		Http refused = refusingTenant();
		Http.Response response = refused.post(PATH, Map.of("name", " ", "state", "ZZ", "timezone", "Mars/Olympus",
				"population", -5, "slug", "Not A Slug", "county", "C".repeat(101)));

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.json().at("/errors").findValuesAsString("field")).containsExactlyInAnyOrder("name", "state",
				"timezone", "population", "slug", "county");
		assertThat(total(refused)).isZero();
	}

	@Test
	void settingsThatAreNotAnObjectAnswer400NamingThem() {
		Http refused = refusingTenant();
		Http.Response response = refused.post(PATH, with(hendersonville(), "settings", List.of("09:00")));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("/errors/0/field")).isEqualTo("settings");
		assertThat(total(refused)).isZero();
	}

	@Test
	void oversizedSettingsAnswer422() {
		Http refused = refusingTenant();
		Http.Response response = refused.post(PATH,
				with(hendersonville(), "settings", Map.of("notes", "x".repeat(20_000))));

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.text("/errors/0/field")).isEqualTo("settings");
		assertThat(total(refused)).isZero();
	}

	@Test
	void anUnknownFieldAnswers400NamingIt() {
		Http refused = refusingTenant();
		Http.Response response = refused.post(PATH, with(hendersonville(), "tenant_id", UUID.randomUUID().toString()));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("/errors/0/field")).isEqualTo("tenant_id");
		assertThat(total(refused)).isZero();
	}

	// list

	@Test
	void theListIsSortedByNameAndPaged() {
		create(admin(), stillwater());
		create(admin(), bozeman());
		create(admin(), hendersonville());

		Http.Response first = admin().get(PATH + "?per_page=2");
		Http.Response second = admin().get(PATH + "?per_page=2&page=2");

		assertThat(first.status()).isEqualTo(200);
		assertThat(names(first)).containsExactly("Bozeman", "Hendersonville");
		assertThat(names(second)).containsExactly("Stillwater");
		assertThat(first.json().at("/meta/total").asLong()).isEqualTo(3);
		assertThat(first.json().at("/meta/per_page").asInt()).isEqualTo(2);
		assertThat(first.json().at("/meta/last_page").asInt()).isEqualTo(2);
	}

	@Test
	void theListSortsByTheAllowedKeys() {
		create(admin(), stillwater());
		create(admin(), bozeman());
		create(admin(), hendersonville());

		assertThat(names(admin().get(PATH + "?sort=-name"))).containsExactly("Stillwater", "Hendersonville", "Bozeman");
		assertThat(names(admin().get(PATH + "?sort=state"))).containsExactly("Bozeman", "Hendersonville", "Stillwater");
		assertThat(names(admin().get(PATH + "?sort=created_at"))).containsExactly("Stillwater", "Bozeman",
				"Hendersonville");
		assertThat(names(admin().get(PATH + "?sort=-created_at"))).containsExactly("Hendersonville", "Bozeman",
				"Stillwater");
	}

	@ParameterizedTest
	@ValueSource(strings = { "population", "name;DROP TABLE communities", "-state,name", "NAME" })
	void anUnlistedSortAnswers422NamingSort(String sort) {
		Http.Response response = refusingTenant()
			.get(PATH + "?sort=" + URLEncoder.encode(sort, StandardCharsets.UTF_8));

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.text("/errors/0/field")).isEqualTo("sort");
	}

	@Test
	void theListFiltersByStateInAnyCase() {
		create(admin(), hendersonville());
		create(admin(), town("Asheville", "NC", "Buncombe County", 94_589, "America/New_York"));
		create(admin(), stillwater());

		Http.Response response = admin().get(PATH + "?state=nc");

		assertThat(names(response)).containsExactly("Asheville", "Hendersonville");
		assertThat(response.json().at("/meta/total").asLong()).isEqualTo(2);
	}

	@Test
	void anUnknownStateFilterAnswers422() {
		Http.Response response = admin().get(PATH + "?state=ZZ");

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.text("/errors/0/field")).isEqualTo("state");
	}

	@Test
	void theListSearchesNamesIgnoringCase() {
		create(admin(), hendersonville());
		create(admin(), town("Henderson", "KY", "Henderson County", 28_757, "America/Chicago"));
		create(admin(), stillwater());

		Http.Response response = admin().get(PATH + "?search=HENDERSON");

		assertThat(names(response)).containsExactly("Henderson", "Hendersonville");
		assertThat(response.json().at("/meta/total").asLong()).isEqualTo(2);
	}

	@Test
	void searchWildcardsAreTakenLiterally() {
		create(admin(), hendersonville());
		create(admin(), town("100% Town", "NC", null, null, null));

		assertThat(names(admin().get(PATH + "?search=%25"))).containsExactly("100% Town");
		assertThat(names(admin().get(PATH + "?search=_"))).isEmpty();
	}

	@Test
	void stateSearchAndSortCombine() {
		create(admin(), hendersonville());
		create(admin(), town("Henderson", "KY", null, null, "America/Chicago"));
		create(admin(), town("Hendersonville", "TN", "Sumner County", 61_753, "America/Chicago"));

		Http.Response response = admin().get(PATH + "?state=TN&search=hender&sort=-name");

		assertThat(response.json().at("/meta/total").asLong()).isEqualTo(1);
		assertThat(response.text("/data/0/state")).isEqualTo("TN");
	}

	@Test
	void perPageAbove200IsRefused() {
		Http.Response response = admin().get(PATH + "?per_page=201");

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.text("/errors/0/field")).isEqualTo("per_page");
	}

	// update

	@Test
	void anUpdateChangesOnlyTheFieldsSent() {
		Http.Response created = admin().post(PATH,
				with(hendersonville(), "settings", Map.of("send_time_local", "09:00")));
		String id = created.text("/data/id");

		Http.Response updated = admin().put(PATH + "/" + id, Map.of("population", 15_500, "state", "nc"));

		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		JsonNode data = updated.json().at("/data");
		assertThat(data.at("/population").asInt()).isEqualTo(15_500);
		assertThat(data.at("/name").asString()).isEqualTo("Hendersonville");
		assertThat(data.at("/slug").asString()).isEqualTo("hendersonville");
		assertThat(data.at("/county").asString()).isEqualTo("Henderson County");
		assertThat(data.at("/timezone").asString()).isEqualTo("America/New_York");
		assertThat(data.at("/settings/send_time_local").asString()).isEqualTo("09:00");
		assertThat(data.at("/created_at")).isEqualTo(created.json().at("/data/created_at"));
		assertThat(Instant.parse(data.at("/updated_at").asString()))
			.isAfterOrEqualTo(Instant.parse(data.at("/created_at").asString()));
		assertThat(admin().get(PATH + "/" + id).json().at("/data")).isEqualTo(data);
	}

	@Test
	void anUpdateChangesEveryField() {
		String id = create(admin(), hendersonville()).toString();

		Http.Response updated = admin().put(PATH + "/" + id,
				Map.of("name", "Hendersonville, NC", "slug", "hvl", "state", "NC", "county", "Henderson", "population",
						15_200, "timezone", "America/Kentucky/Louisville", "settings",
						Map.of("send_time_local", "10:30")));

		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		JsonNode data = admin().get(PATH + "/" + id).json().at("/data");
		assertThat(data.at("/name").asString()).isEqualTo("Hendersonville, NC");
		assertThat(data.at("/slug").asString()).isEqualTo("hvl");
		assertThat(data.at("/county").asString()).isEqualTo("Henderson");
		assertThat(data.at("/population").asInt()).isEqualTo(15_200);
		assertThat(data.at("/timezone").asString()).isEqualTo("America/Kentucky/Louisville");
		assertThat(data.at("/settings/send_time_local").asString()).isEqualTo("10:30");
	}

	@Test
	void nullClearsTheOptionalFields() {
		String id = create(admin(), with(hendersonville(), "settings", Map.of("send_time_local", "09:00"))).toString();

		Http.Response updated = admin().put(PATH + "/" + id,
				"{\"county\": null, \"population\": null, \"settings\": null}");

		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		assertThat(updated.json().at("/data/county").isNull()).isTrue();
		assertThat(updated.json().at("/data/population").isNull()).isTrue();
		assertThat(updated.json().at("/data/settings").isEmpty()).isTrue();
	}

	@Test
	void requiredFieldsCannotBeClearedWithNull() {
		String id = create(admin(), hendersonville()).toString();

		Http.Response response = admin().put(PATH + "/" + id,
				"{\"name\": null, \"state\": null, \"timezone\": null, \"slug\": null}");

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.json().at("/errors").findValuesAsString("field")).containsExactlyInAnyOrder("name", "state",
				"timezone", "slug");
		assertThat(admin().get(PATH + "/" + id).text("/data/name")).isEqualTo("Hendersonville");
	}

	static Stream<Arguments> invalidUpdates() {
		return Stream.of(Arguments.of("state", "XX"), Arguments.of("timezone", "Mars/Olympus"),
				Arguments.of("timezone", "+05:00"), Arguments.of("name", " "), Arguments.of("name", "H".repeat(201)),
				Arguments.of("population", -1), Arguments.of("slug", "Bad Slug"),
				Arguments.of("county", "C".repeat(101)));
	}

	@ParameterizedTest(name = "{0} = {1}")
	@MethodSource("invalidUpdates")
	void anInvalidUpdateAnswers422NamingTheFieldAndChangesNothing(String field, Object value) {
		Http client = unchanged;
		UUID community = unchangedCommunity;
		if (client == null || community == null) {
			client = new Tenancy(port).newTenant("Unchanged Records Agency").admin();
			community = create(client, hendersonville());
			unchanged = client;
			unchangedCommunity = community;
		}
		JsonNode before = client.get(PATH + "/" + community).json().at("/data");

		Http.Response response = client.put(PATH + "/" + community, Map.of(field, value));

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.json().at("/errors").findValuesAsString("field")).containsExactly(field);
		assertThat(client.get(PATH + "/" + community).json().at("/data")).isEqualTo(before);
	}

	@Test
	void changingTheSlugToATakenOneIsAConflict() {
		create(admin(), stillwater());
		String id = create(admin(), hendersonville()).toString();

		Http.Response response = admin().put(PATH + "/" + id, Map.of("slug", "stillwater", "population", 1));

		assertThat(response.status()).isEqualTo(409);
		assertThat(response.text("/code")).isEqualTo("slug_taken");
		JsonNode after = admin().get(PATH + "/" + id).json().at("/data");
		assertThat(after.at("/slug").asString()).isEqualTo("hendersonville");
		assertThat(after.at("/population").asInt()).isEqualTo(15_137);
	}

	@Test
	void keepingItsOwnSlugIsNoConflict() {
		String id = create(admin(), hendersonville()).toString();

		Http.Response response = admin().put(PATH + "/" + id,
				Map.of("slug", "hendersonville", "name", "Hendersonville"));

		assertThat(response.status()).as(response.body()).isEqualTo(200);
	}

	@Test
	void updatingAnUnknownCommunityAnswers404() {
		assertThat(admin().put(PATH + "/" + UUID.randomUUID(), Map.of("population", 1)).status()).isEqualTo(404);
	}

	// delete

	@Test
	void aDeletedCommunityIsGone() {
		String id = create(admin(), hendersonville()).toString();

		Http.Response deleted = admin().delete(PATH + "/" + id);

		assertThat(deleted.status()).isEqualTo(204);
		assertThat(admin().get(PATH + "/" + id).status()).isEqualTo(404);
		assertThat(admin().delete(PATH + "/" + id).status()).isEqualTo(404);
		assertThat(total(admin())).isZero();
		assertThat(admin().post(PATH, hendersonville()).text("/data/slug")).isEqualTo("hendersonville");
	}

	private static List<String> names(Http.Response list) {
		assertThat(list.status()).as(list.body()).isEqualTo(200);
		return list.json().at("/data").findValuesAsString("name");
	}

}

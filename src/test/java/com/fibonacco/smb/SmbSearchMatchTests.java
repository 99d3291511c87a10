package com.fibonacco.smb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.fibonacco.community.Communities;
import com.fibonacco.support.Http;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;
import com.fibonacco.support.Tenancy.TestTenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list's search finds the SMBs containing the term, and similar words (typos) only
 * when no SMB contains it: the list, its cursor, its total and bulk update agree.
 */
@ServerTest
class SmbSearchMatchTests {

	@LocalServerPort
	int port;

	@Autowired
	Communities communities;

	TestTenant tenant;

	UUID community;

	@BeforeEach
	void setUp() {
		tenant = new Tenancy(port).newTenant("Blue Ridge Outreach");
		UUID hendersonville = SmbFixtures.community(communities, tenant.id(), "Hendersonville", "America/New_York");
		community = hendersonville;
		SmbFixtures.create(tenant.admin(), SmbFixtures.bakery(hendersonville));
		SmbFixtures.create(tenant.admin(),
				SmbFixtures.smb(hendersonville, "Baker Law Offices", "kevin@bakerlaw.com", "8286921200"));
		SmbFixtures.create(tenant.admin(), SmbFixtures.smb(hendersonville, "Blue Ridge Plumbing & Heating",
				"jobs@blueridgeplumb.com", "8286925500"));
		SmbFixtures.create(tenant.admin(),
				SmbFixtures.smb(hendersonville, "Sunrise Bakery Cafe", "hello@sunrisecafe.com", "8286927700"));
	}

	@Test
	void aTermSomeSmbContainsFindsOnlyTheSmbsContainingIt() {
		Http.Response response = list("search=bakery&sort=business_name");

		assertThat(names(response)).containsExactly("Main Street Bakery", "Sunrise Bakery Cafe");
		assertThat(response.text("/meta/search_match")).isEqualTo("contains");
		assertThat(response.json().at("/meta/total").asLong()).isEqualTo(2);
		// "bak" is inside bakery, baker and bakerlaw
		assertThat(names(list("search=bak&sort=business_name"))).containsExactly("Baker Law Offices",
				"Main Street Bakery", "Sunrise Bakery Cafe");
		// inside a word, when no word starts with it
		Http.Response inside = list("search=akery&sort=business_name");
		assertThat(names(inside)).containsExactly("Main Street Bakery", "Sunrise Bakery Cafe");
		assertThat(inside.text("/meta/search_match")).isEqualTo("contains");
		// every term must match
		assertThat(names(list("search=bakery%20sunrise"))).containsExactly("Sunrise Bakery Cafe");
	}

	@Test
	void aTermNoSmbContainsFindsSimilarWords() {
		Http.Response response = list("search=bakry&sort=business_name");

		assertThat(names(response)).containsExactly("Main Street Bakery", "Sunrise Bakery Cafe");
		assertThat(response.text("/meta/search_match")).isEqualTo("similar");
		assertThat(response.json().at("/meta/total").asLong()).isEqualTo(2);
		assertThat(names(list("search=bakry&sort=business_name&include_total=false")))
			.containsExactly("Main Street Bakery", "Sunrise Bakery Cafe");
		assertThat(names(list("search=sunrise%20bakry"))).containsExactly("Sunrise Bakery Cafe");
	}

	@Test
	void theCursorKeepsPagingThroughSimilarWords() {
		List<String> walked = new ArrayList<>();
		String cursor = null;
		do {
			Http.Response page = list("search=bakry&sort=business_name&per_page=1&include_total=false"
					+ (cursor == null ? "" : "&cursor=" + cursor));
			assertThat(page.text("/meta/search_match")).isEqualTo("similar");
			walked.addAll(names(page));
			JsonNode next = page.json().at("/meta/next_cursor");
			cursor = next.isNull() || next.isMissingNode() ? null : next.asString();
		}
		while (cursor != null);

		assertThat(walked).containsExactly("Main Street Bakery", "Sunrise Bakery Cafe");
		assertThat(names(list("search=bakry&sort=business_name&per_page=1&page=2&include_total=false")))
			.containsExactly("Sunrise Bakery Cafe");
	}

	@Test
	void aSearchSortedDescendingPagesThroughEveryMatchInReverse() {
		assertThat(names(list("search=bak&sort=-business_name"))).containsExactly("Sunrise Bakery Cafe",
				"Main Street Bakery", "Baker Law Offices");
		List<String> walked = new ArrayList<>();
		String cursor = null;
		do {
			Http.Response page = list("search=bak&sort=-business_name&per_page=2&include_total=false"
					+ (cursor == null ? "" : "&cursor=" + cursor));
			walked.addAll(names(page));
			JsonNode next = page.json().at("/meta/next_cursor");
			cursor = next.isNull() || next.isMissingNode() ? null : next.asString();
		}
		while (cursor != null);
		assertThat(walked).containsExactly("Sunrise Bakery Cafe", "Main Street Bakery", "Baker Law Offices");
		// without a sort, relevance: the exact words first
		assertThat(names(list("search=bakery%20cafe"))).containsExactly("Sunrise Bakery Cafe");
	}

	@Test
	void aBulkUpdateSelectsTheSmbsTheListShows() {
		Http.Response contains = tenant.admin()
			.post("/api/v1/smbs/bulk-update",
					Map.of("filters", Map.of("search", "law"), "updates", Map.of("subscription_tier", "basic")));
		Http.Response similar = tenant.admin()
			.post("/api/v1/smbs/bulk-update",
					Map.of("filters", Map.of("search", "bakry"), "updates", Map.of("subscription_tier", "premium")));

		assertThat(contains.json().at("/data/updated_count").asInt()).as(contains.body()).isEqualTo(1);
		assertThat(similar.json().at("/data/updated_count").asInt()).as(similar.body()).isEqualTo(2);
		assertThat(names(list("subscription_tier=premium&sort=business_name"))).containsExactly("Main Street Bakery",
				"Sunrise Bakery Cafe");
		assertThat(names(list("subscription_tier=basic"))).containsExactly("Baker Law Offices");
	}

	@Test
	void aPhoneNumberIsFoundHoweverMuchOfItIsTyped() {
		for (String typed : List.of("(828) 692-1200", "828-692-1200", "+1 828 692 1200", "692-1200", "6921200",
				"1200")) {
			assertThat(names(list("search=" + typed.replace(" ", "%20").replace("+", "%2B")))).as(typed)
				.containsExactly("Baker Law Offices");
		}
		assertThat(names(list("search=692-1201"))).isEmpty();
	}

	@Test
	void anEmailFindsItsSmbWholeOrByItsParts() {
		assertThat(names(list("search=kevin@bakerlaw.com"))).containsExactly("Baker Law Offices");
		assertThat(names(list("search=blueridgeplumb"))).containsExactly("Blue Ridge Plumbing & Heating");
	}

	@Test
	void anEditedSmbIsFoundByItsNewWordsAtOnce() {
		Http.Response created = SmbFixtures.create(tenant.admin(),
				SmbFixtures.smb(community, "Corner Shop", "corner@example.com", "8286920000"));
		String id = created.text("/data/id");
		Http.Response renamed = SmbFixtures.patch(tenant.admin(), id,
				created.raw().headers().firstValue("ETag").orElseThrow(), Map.of("business_name", "Quixotic Quilts"));
		assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);

		assertThat(names(list("search=quixot"))).containsExactly("Quixotic Quilts");
		assertThat(names(list("search=quixotc%20quil"))).containsExactly("Quixotic Quilts");
	}

	@Test
	void anotherTenantsWordsAreNeitherFoundNorSuggested() {
		TestTenant other = new Tenancy(port).newTenant("Other Outreach");
		UUID community = SmbFixtures.community(communities, other.id(), "Zanesville", "America/New_York");
		SmbFixtures.create(other.admin(),
				SmbFixtures.smb(community, "Xylophone Repair", "xylo@example.com", "7405550100"));

		Http.Response response = list("search=xylophone");
		assertThat(names(response)).isEmpty();
		assertThat(response.text("/meta/search_match")).isEqualTo("contains");
		assertThat(names(list("search=xylophon"))).isEmpty();
	}

	private Http.Response list(String query) {
		Http.Response response = tenant.admin().get("/api/v1/smbs?" + query);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response;
	}

	private static List<String> names(Http.Response response) {
		return response.json().at("/data").findValuesAsString("business_name");
	}

}

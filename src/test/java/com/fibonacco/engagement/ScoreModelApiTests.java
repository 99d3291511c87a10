package com.fibonacco.engagement;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.fibonacco.community.Communities;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;
import com.fibonacco.smb.Smbs;
import com.fibonacco.support.Http;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;
import com.fibonacco.support.Tenancy.TestTenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static com.fibonacco.engagement.EngagementFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /api/v1/score-models}: reading the default models, editing them (managers and
 * admins), the rescoring an edit starts, and validation naming each field.
 */
@ServerTest
class ScoreModelApiTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	Communities communities;

	@Autowired
	Smbs smbs;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	Tenancy tenancy;

	TestTenant tenant;

	TenantId tenantId;

	EngagementFixtures fixtures;

	@BeforeEach
	void setUp() {
		tenancy = new Tenancy(port);
		tenant = tenancy.newTenant("Harbor Light Marketing");
		tenantId = new TenantId(tenant.id());
		fixtures = new EngagementFixtures(communities, smbs, events, transactions, jdbc);
	}

	@Test
	void everyTenantStartsWithTheDefaultModels() {
		Http viewer = tenancy.newUser(tenant, "viewer").http();

		Http.Response response = viewer.get("/api/v1/score-models");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode engagement = response.json().at("/data/0");
		assertThat(engagement.at("/key").asString()).isEqualTo("engagement");
		assertThat(engagement.at("/is_default").asBoolean()).isTrue();
		assertThat(engagement.at("/model/bands/0/name").asString()).isEqualTo("Premium");
		assertThat(engagement.at("/model/bands/0/min_score").asInt()).isEqualTo(80);
		assertThat(engagement.at("/model/rules/0/signal_type").asString()).isEqualTo("email_open");
		assertThat(engagement.at("/model/rules/0/points").asInt()).isEqualTo(5);
		assertThat(engagement.at("/model/rules/0/window_days").asInt()).isEqualTo(30);
		JsonNode lead = viewer.get("/api/v1/score-models/lead").json().at("/data");
		assertThat(lead.at("/model/bands/0/key").asString()).isEqualTo("qualified");
		assertThat(lead.at("/model/rules/8/inactive_days").asInt()).isEqualTo(14);
		assertThat(viewer.get("/api/v1/score-models/vibes").status()).isEqualTo(404);
	}

	@Test
	void aManagerDoublesTheOpenWeightAndEverySmbIsRescoredInTheBackground() {
		SmbId smb = fixtures.smb(tenantId);
		fixtures.publish(open(tenantId, smb, clock.instant()), open(tenantId, smb, clock.instant()));
		await().atMost(Duration.ofSeconds(5)).until(() -> fixtures.score(smb) == 10);
		Http manager = tenancy.newUser(tenant, "manager").http();
		Map<String, Object> model = editable(manager, "engagement");
		rule(model, "email_open").put("points", 10);

		Http.Response saved = manager.put("/api/v1/score-models/engagement", model);

		assertThat(saved.status()).as(saved.body()).isEqualTo(200);
		assertThat(saved.json().at("/data/model/is_default").asBoolean()).isFalse();
		assertThat(saved.json().at("/data/model/version").asInt()).isEqualTo(1);
		String rescore = saved.json().at("/data/rescore/id").asString();
		assertThat(saved.json().at("/data/rescore/total").asInt()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> manager.get("/api/v1/score-models/rescores/" + rescore)
				.json()
				.at("/data/status")
				.asString()
				.equals("completed"));
		JsonNode run = manager.get("/api/v1/score-models/rescores/" + rescore).json().at("/data");
		assertThat(run.at("/done").asInt()).isEqualTo(1);
		assertThat(run.at("/changed").asInt()).isPositive();
		assertThat(fixtures.score(smb)).isEqualTo(20);
		assertThat(
				manager.get("/api/v1/smbs/" + smb + "/engagement").json().at("/data/engagement/rules/0/points").asInt())
			.isEqualTo(20);

		// new signals score under the edited model at once
		fixtures.publish(open(tenantId, smb, clock.instant()));
		await().atMost(Duration.ofSeconds(5)).until(() -> fixtures.score(smb) == 25);

		Http.Response reset = manager.delete("/api/v1/score-models/engagement");
		assertThat(reset.status()).isEqualTo(200);
		assertThat(reset.json().at("/data/model/is_default").asBoolean()).isTrue();
		await().atMost(Duration.ofSeconds(30)).until(() -> fixtures.score(smb) == 15);
	}

	@Test
	void anotherTenantsRescoreIsNotFound() {
		Map<String, Object> model = editable(tenant.admin(), "lead");
		String rescore = tenant.admin()
			.put("/api/v1/score-models/lead", model)
			.json()
			.at("/data/rescore/id")
			.asString();
		TestTenant other = tenancy.newTenant("Other Agency");

		assertThat(other.admin().get("/api/v1/score-models/rescores/" + rescore).status()).isEqualTo(404);
		assertThat(other.admin().get("/api/v1/score-models/lead").json().at("/data/is_default").asBoolean()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "viewer", "agent" })
	void onlyManagersAndAdminsEditModels(String role) {
		Http user = tenancy.newUser(tenant, role).http();
		Map<String, Object> model = editable(user, "engagement");

		assertThat(user.put("/api/v1/score-models/engagement", model).status()).isEqualTo(403);
		assertThat(user.delete("/api/v1/score-models/engagement").status()).isEqualTo(403);
		assertThat(stored()).isZero();
	}

	@Test
	void invalidModelsAreRefusedNamingEachField() {
		assertInvalid("engagement", model -> model.put("max_score", 120), "max_score");
		assertInvalid("engagement", model -> bands(model).remove(3), "bands");
		assertInvalid("lead", model -> bands(model).get(1).put("min_score", 500), "bands[1].min_score");
		assertInvalid("lead", model -> model.put("name", " "), "name");
		assertInvalid("engagement", model -> rule(model, "email_open").put("signal_type", "fax_received"),
				"rules[0].signal_type");
		assertInvalid("engagement", model -> rule(model, "email_open").put("window_days", 0), "rules[0].window_days");
		assertInvalid("engagement", model -> rule(model, "email_click").put("category", "nowhere"),
				"rules[1].category");
		assertInvalid("engagement", model -> rule(model, "approval").put("decay_points_per_week", 99),
				"rules[4].decay_points_per_week");
		assertInvalid("engagement", model -> rule(model, "callback").put("key", "email_open"), "rules[6].key");
		assertInvalid("lead", model -> rule(model, "inactive_14_days").put("points", 5), "rules[8].points");
		assertInvalid("lead", model -> rule(model, "opens_email").remove("points"), "rules[0].points");
		assertInvalid("engagement", model -> model.put("rules", List.of()), "rules");
		assertThat(tenant.admin()
			.put("/api/v1/score-models/engagement", Map.of("name", "x", "flavour", "vanilla"))
			.status()).isEqualTo(400);
		assertThat(tenant.admin().put("/api/v1/score-models/vibes", editable(tenant.admin(), "lead")).status())
			.isEqualTo(404);
		assertThat(stored()).isZero();
	}

	private void assertInvalid(String key, java.util.function.Consumer<Map<String, Object>> change, String field) {
		Map<String, Object> model = editable(tenant.admin(), key);
		change.accept(model);
		Http.Response response = tenant.admin().put("/api/v1/score-models/" + key, model);
		assertThat(response.status()).as(field + ": " + response.body()).isEqualTo(422);
		List<String> fields = new ArrayList<>();
		response.json().at("/errors").forEach(error -> fields.add(error.at("/field").asString()));
		assertThat(fields).as(response.body()).contains(field);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> editable(Http http, String key) {
		JsonNode model = http.get("/api/v1/score-models/" + key).json().at("/data/model");
		return JSON.convertValue(model, LinkedHashMap.class);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> rule(Map<String, Object> model, String key) {
		return ((List<Map<String, Object>>) model.get("rules")).stream()
			.filter(rule -> key.equals(rule.get("key")))
			.findFirst()
			.orElseThrow();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> bands(Map<String, Object> model) {
		return (List<Map<String, Object>>) model.get("bands");
	}

	private long stored() {
		return jdbc.sql("SELECT count(*) FROM score_models WHERE tenant_id = :tenant")
			.param("tenant", tenantId.value())
			.query(Long.class)
			.single();
	}

}

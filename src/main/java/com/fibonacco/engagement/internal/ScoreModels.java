package com.fibonacco.engagement.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import com.fibonacco.engagement.EngagementProperties;
import com.fibonacco.engagement.internal.ModelDtos.ModelBody;
import com.fibonacco.shared.TenantId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import static com.fibonacco.engagement.internal.Ledger.utc;

/**
 * The score models in force for a tenant: its own from {@code score_models}, else the
 * defaults. Parsed models are kept by version, so a signal costs one primary-key look-up,
 * and every server process sees an edit at once.
 */
@Service
class ScoreModels {

	private static final int MAX_CACHED = 10_000;

	private final ScoreModel engagement;

	private final ScoreModel lead;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final Map<String, ScoreModel> parsed = new ConcurrentHashMap<>();

	ScoreModels(EngagementProperties properties, JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.engagement = DefaultModels.engagement(properties);
		this.lead = DefaultModels.lead();
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	ScoreModel engagement(TenantId tenant) {
		return find(tenant, ScoreModel.ENGAGEMENT).map(Stored::model).orElse(engagement);
	}

	ScoreModel lead(TenantId tenant) {
		return find(tenant, ScoreModel.LEAD).map(Stored::model).orElse(lead);
	}

	/** Both models in one look-up: the real-time path needs both for every signal. */
	Both both(TenantId tenant) {
		ScoreModel[] found = { engagement, lead };
		jdbc.sql("""
				SELECT model_key, definition::text AS definition, version FROM score_models WHERE tenant_id = :tenant
				""").param("tenant", tenant.value()).query((rs, row) -> {
			String key = rs.getString("model_key");
			int version = rs.getInt("version");
			String definition = rs.getString("definition");
			ScoreModel model = parsed.computeIfAbsent(tenant + "/" + key + "/" + version,
					cacheKey -> ModelDtos.validate(key, json.readValue(definition, ModelBody.class)));
			found[key.equals(ScoreModel.ENGAGEMENT) ? 0 : 1] = model;
			return key;
		}).list();
		return new Both(found[0], found[1]);
	}

	ScoreModel defaults(String key) {
		return key.equals(ScoreModel.ENGAGEMENT) ? engagement : lead;
	}

	static boolean known(String key) {
		return key.equals(ScoreModel.ENGAGEMENT) || key.equals(ScoreModel.LEAD);
	}

	/** The tenant's own version of the model, if it edited it. */
	Optional<Stored> find(TenantId tenant, String key) {
		return jdbc.sql("""
				SELECT definition::text AS definition, version, updated_by, updated_at FROM score_models
				 WHERE tenant_id = :tenant AND model_key = :key
				""").param("tenant", tenant.value()).param("key", key).query((rs, row) -> {
			int version = rs.getInt("version");
			String definition = rs.getString("definition");
			ScoreModel model = parsed.computeIfAbsent(tenant + "/" + key + "/" + version,
					cacheKey -> ModelDtos.validate(key, json.readValue(definition, ModelBody.class)));
			return new Stored(model, version, rs.getObject("updated_by", UUID.class),
					rs.getObject("updated_at", OffsetDateTime.class).toInstant());
		}).optional();
	}

	Stored save(TenantId tenant, ScoreModel model, UUID user) {
		if (parsed.size() > MAX_CACHED) {
			parsed.clear();
		}
		Instant now = clock.instant();
		int version = jdbc.sql("""
				INSERT INTO score_models (tenant_id, model_key, definition, version, updated_by, updated_at)
				VALUES (:tenant, :key, CAST(:definition AS jsonb), 1, :user, :now)
				ON CONFLICT (tenant_id, model_key) DO UPDATE SET definition = EXCLUDED.definition,
				  version = score_models.version + 1, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
				RETURNING version
				""")
			.param("tenant", tenant.value())
			.param("key", model.key())
			.param("definition", json.writeValueAsString(ModelBody.of(model)))
			.param("user", user)
			.param("now", utc(now))
			.query(Integer.class)
			.single();
		return new Stored(model, version, user, now);
	}

	/** Back to the default model; whether the tenant had its own. */
	boolean reset(TenantId tenant, String key) {
		return jdbc.sql("DELETE FROM score_models WHERE tenant_id = :tenant AND model_key = :key")
			.param("tenant", tenant.value())
			.param("key", key)
			.update() == 1;
	}

	record Both(ScoreModel engagement, ScoreModel lead) {
	}

	record Stored(ScoreModel model, int version, @Nullable UUID updatedBy, Instant updatedAt) {
	}

}

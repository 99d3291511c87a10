package com.fibonacco.engagement.internal;

import java.util.UUID;

import com.fibonacco.engagement.internal.ModelDtos.ModelBody;
import com.fibonacco.engagement.internal.ModelDtos.ModelResponse;
import com.fibonacco.engagement.internal.ModelDtos.RescoreResponse;
import com.fibonacco.engagement.internal.ModelDtos.Saved;
import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.web.ApiException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads, edits and resets score models; an edit starts a rescoring. */
@Service
class ScoreModelService {

	private final ScoreModels models;

	private final ModelRescoring rescoring;

	ScoreModelService(ScoreModels models, ModelRescoring rescoring) {
		this.models = models;
		this.rescoring = rescoring;
	}

	@Transactional(readOnly = true)
	ModelResponse model(TenantId tenant, String key) {
		requireKnown(key);
		return models.find(tenant, key)
			.map(stored -> new ModelResponse(key, false, stored.version(), stored.updatedAt(), stored.updatedBy(),
					ModelBody.of(stored.model()), ModelDtos.signalTypes()))
			.orElseGet(() -> new ModelResponse(key, true, 0, null, null, ModelBody.of(models.defaults(key)),
					ModelDtos.signalTypes()));
	}

	@Transactional
	Saved save(TenantId tenant, String key, ModelBody body, UUID user) {
		requireKnown(key);
		ScoreModel model = ModelDtos.validate(key, body);
		models.save(tenant, model, user);
		RescoreResponse rescore = rescoring.start(tenant, key, user);
		return new Saved(model(tenant, key), rescore);
	}

	@Transactional
	Saved reset(TenantId tenant, String key, UUID user) {
		requireKnown(key);
		models.reset(tenant, key);
		RescoreResponse rescore = rescoring.start(tenant, key, user);
		return new Saved(model(tenant, key), rescore);
	}

	@Transactional(readOnly = true)
	RescoreResponse rescore(TenantId tenant, UUID id) {
		return rescoring.find(tenant, id).orElseThrow(() -> ApiException.notFound("rescore", id));
	}

	private static void requireKnown(String key) {
		if (!ScoreModels.known(key)) {
			throw ApiException.notFound("score model", key);
		}
	}

}

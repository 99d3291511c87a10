package com.fibonacco.engagement.internal;

import com.fibonacco.engagement.EngagementProperties;
import com.fibonacco.shared.TenantId;

import org.springframework.stereotype.Service;

/** The score models in force for a tenant. */
@Service
class ScoreModels {

	private final ScoreModel engagement;

	private final ScoreModel lead;

	ScoreModels(EngagementProperties properties) {
		this.engagement = DefaultModels.engagement(properties);
		this.lead = DefaultModels.lead();
	}

	ScoreModel engagement(TenantId tenant) {
		return engagement;
	}

	ScoreModel lead(TenantId tenant) {
		return lead;
	}

}

package com.fibonacco.engagement.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.fibonacco.engagement.internal.ScoreModel.Band;
import com.fibonacco.engagement.internal.ScoreModel.Category;
import com.fibonacco.engagement.internal.ScoreModel.Rule;
import com.fibonacco.shared.web.ApiException;
import com.fibonacco.shared.web.FieldError;

/**
 * A score model on the wire (and as stored in {@code score_models.definition}), and its
 * validation: every problem is reported with its field path ({@code rules[2].points}).
 */
final class ModelDtos {

	static final Pattern KEY = Pattern.compile("^[a-z][a-z0-9_]{0,49}$");

	static final int MAX_RULES = 50;

	static final int MAX_BANDS = 10;

	static final int MAX_CATEGORIES = 20;

	static final int MAX_WINDOW_DAYS = 365;

	static final int MAX_POINTS = 1000;

	private ModelDtos() {
	}

	/** The editable part of a model: everything but its key. */
	record ModelBody(@Nullable String name, @Nullable Integer minScore, @Nullable Integer maxScore,
			@Nullable List<BandBody> bands, @Nullable List<CategoryBody> categories, @Nullable List<RuleBody> rules) {

		static ModelBody of(ScoreModel model) {
			return new ModelBody(model.name(), model.minScore(), model.maxScore(),
					model.bands().stream().map(b -> new BandBody(b.key(), b.name(), b.minScore())).toList(),
					model.categories().stream().map(c -> new CategoryBody(c.key(), c.name(), c.cap())).toList(),
					model.rules().stream().map(RuleBody::of).toList());
		}

	}

	record BandBody(@Nullable String key, @Nullable String name, @Nullable Integer minScore) {
	}

	record CategoryBody(@Nullable String key, @Nullable String name, @Nullable Integer cap) {
	}

	/**
	 * A signal rule names a {@code signal_type} and a {@code window_days}; an inactivity
	 * rule names {@code inactive_days} instead.
	 */
	record RuleBody(@Nullable String key, @Nullable String name, @Nullable String signalType,
			@Nullable Map<String, String> conditions, @Nullable Integer points, @Nullable Integer windowDays,
			@Nullable Integer decayPointsPerWeek, @Nullable String category, @Nullable Integer maxOccurrences,
			@Nullable Integer inactiveDays) {

		static RuleBody of(Rule rule) {
			boolean inactivity = rule.inactiveDays() != null;
			return new RuleBody(rule.key(), rule.name(), rule.signalType() == null ? null : rule.signalType().apiName(),
					rule.conditions(), rule.points(), inactivity ? null : rule.windowDays(), rule.decayPointsPerWeek(),
					rule.category(), rule.maxOccurrences(), rule.inactiveDays());
		}

	}

	/** A model as the API shows it. */
	record ModelResponse(String key, boolean isDefault, int version, @Nullable Instant updatedAt,
			@Nullable UUID updatedBy, ModelBody model, List<String> signalTypes) {
	}

	/** A rescoring run and how far it got. */
	record RescoreResponse(UUID id, String model, String status, int total, int done, int changed,
			@Nullable String error, Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt) {
	}

	record Saved(ModelResponse model, RescoreResponse rescore) {
	}

	/** The model the body describes, or 422 listing every invalid field. */
	static ScoreModel validate(String key, ModelBody body) {
		List<FieldError> errors = new ArrayList<>();
		boolean engagement = key.equals(ScoreModel.ENGAGEMENT);
		String name = text(body.name(), "name", 100, errors);
		Integer min = body.minScore();
		Integer max = body.maxScore();
		if (min == null) {
			errors.add(new FieldError("min_score", "is required"));
		}
		if (max == null) {
			errors.add(new FieldError("max_score", "is required"));
		}
		if (engagement && min != null && min != 0) {
			errors.add(new FieldError("min_score", "must be 0 for the engagement model"));
		}
		if (engagement && max != null && max != 100) {
			errors.add(new FieldError("max_score", "must be 100 for the engagement model"));
		}
		if (min != null && max != null && (min < -MAX_POINTS || max > MAX_POINTS || min >= max)) {
			errors.add(new FieldError("max_score", "must be above min_score, both within ±" + MAX_POINTS));
		}

		List<Band> bands = new ArrayList<>();
		List<BandBody> bandBodies = body.bands() == null ? List.of() : body.bands();
		if (bandBodies.isEmpty() || bandBodies.size() > MAX_BANDS) {
			errors.add(new FieldError("bands", "must have 1 to " + MAX_BANDS + " bands"));
		}
		if (engagement && bandBodies.size() != 4) {
			errors.add(new FieldError("bands", "must have exactly 4 bands, the tiers 1 to 4"));
		}
		Set<String> bandKeys = new HashSet<>();
		Set<Integer> bandMinimums = new HashSet<>();
		for (int i = 0; i < bandBodies.size(); i++) {
			BandBody band = bandBodies.get(i);
			String field = "bands[" + i + "]";
			String bandKey = key(band.key(), field + ".key", bandKeys, errors);
			String bandName = text(band.name(), field + ".name", 100, errors);
			Integer bandMin = band.minScore();
			if (bandMin == null) {
				errors.add(new FieldError(field + ".min_score", "is required"));
			}
			else if (min != null && max != null && (bandMin < min || bandMin > max)) {
				errors.add(new FieldError(field + ".min_score", "must be within min_score and max_score"));
			}
			else if (!bandMinimums.add(bandMin)) {
				errors.add(new FieldError(field + ".min_score", "is the minimum of another band"));
			}
			if (bandKey != null && bandName != null && bandMin != null) {
				bands.add(new Band(bandKey, bandName, bandMin));
			}
		}
		if (min != null && !bandBodies.isEmpty() && !bandMinimums.contains(min)) {
			errors.add(new FieldError("bands", "one band must start at min_score so every score has a band"));
		}

		List<Category> categories = new ArrayList<>();
		List<CategoryBody> categoryBodies = body.categories() == null ? List.of() : body.categories();
		if (categoryBodies.size() > MAX_CATEGORIES) {
			errors.add(new FieldError("categories", "must have at most " + MAX_CATEGORIES + " categories"));
		}
		Set<String> categoryKeys = new HashSet<>();
		for (int i = 0; i < categoryBodies.size(); i++) {
			CategoryBody category = categoryBodies.get(i);
			String field = "categories[" + i + "]";
			String categoryKey = key(category.key(), field + ".key", categoryKeys, errors);
			String categoryName = text(category.name(), field + ".name", 100, errors);
			Integer cap = category.cap();
			if (cap == null || cap < 1 || cap > MAX_POINTS) {
				errors.add(new FieldError(field + ".cap", "must be between 1 and " + MAX_POINTS));
			}
			if (categoryKey != null && categoryName != null && cap != null) {
				categories.add(new Category(categoryKey, categoryName, cap));
			}
		}

		List<Rule> rules = new ArrayList<>();
		List<RuleBody> ruleBodies = body.rules() == null ? List.of() : body.rules();
		if (ruleBodies.isEmpty() || ruleBodies.size() > MAX_RULES) {
			errors.add(new FieldError("rules", "must have 1 to " + MAX_RULES + " rules"));
		}
		Set<String> ruleKeys = new HashSet<>();
		for (int i = 0; i < ruleBodies.size(); i++) {
			Rule rule = rule(ruleBodies.get(i), "rules[" + i + "]", ruleKeys, categoryKeys, errors);
			if (rule != null) {
				rules.add(rule);
			}
		}
		if (!errors.isEmpty()) {
			throw ApiException.invalid(errors);
		}
		return new ScoreModel(key, name, min, max, bands, categories, rules);
	}

	private static @Nullable Rule rule(RuleBody body, String field, Set<String> ruleKeys, Set<String> categoryKeys,
			List<FieldError> errors) {
		int before = errors.size();
		String ruleKey = key(body.key(), field + ".key", ruleKeys, errors);
		String name = text(body.name(), field + ".name", 200, errors);
		Integer points = body.points();
		if (points == null || Math.abs(points) > MAX_POINTS) {
			errors.add(new FieldError(field + ".points", "must be between -" + MAX_POINTS + " and " + MAX_POINTS));
		}
		SignalType type = null;
		if ((body.signalType() == null) == (body.inactiveDays() == null)) {
			errors.add(new FieldError(field + ".signal_type", "give either signal_type or inactive_days"));
		}
		else if (body.signalType() != null) {
			type = SignalType.fromApiName(body.signalType()).orElse(null);
			if (type == null) {
				errors.add(new FieldError(field + ".signal_type", "must be one of " + signalTypes()));
			}
			if (body.windowDays() == null || body.windowDays() < 1 || body.windowDays() > MAX_WINDOW_DAYS) {
				errors.add(new FieldError(field + ".window_days", "must be between 1 and " + MAX_WINDOW_DAYS));
			}
		}
		else {
			if (body.inactiveDays() < 1 || body.inactiveDays() > MAX_WINDOW_DAYS) {
				errors.add(new FieldError(field + ".inactive_days", "must be between 1 and " + MAX_WINDOW_DAYS));
			}
			if (points != null && points > 0) {
				errors.add(new FieldError(field + ".points", "must not be positive for an inactivity rule"));
			}
			if (body.windowDays() != null || body.decayPointsPerWeek() != null || body.maxOccurrences() != null
					|| body.category() != null || (body.conditions() != null && !body.conditions().isEmpty())) {
				errors.add(new FieldError(field + ".inactive_days",
						"an inactivity rule takes no window_days, decay, max_occurrences, category or conditions"));
			}
		}
		Integer decay = body.decayPointsPerWeek();
		if (decay != null && (decay < 1 || points == null || points <= 0 || decay > points)) {
			errors.add(new FieldError(field + ".decay_points_per_week",
					"must be between 1 and the rule's points, on a rule of positive points"));
		}
		if (body.category() != null && !categoryKeys.contains(body.category())) {
			errors.add(new FieldError(field + ".category", "must be the key of one of the categories"));
		}
		if (body.maxOccurrences() != null && (body.maxOccurrences() < 1 || body.maxOccurrences() > MAX_POINTS)) {
			errors.add(new FieldError(field + ".max_occurrences", "must be between 1 and " + MAX_POINTS));
		}
		Map<String, String> conditions = body.conditions() == null ? Map.of() : body.conditions();
		if (conditions.size() > 5) {
			errors.add(new FieldError(field + ".conditions", "must have at most 5 attributes"));
		}
		for (var condition : conditions.entrySet()) {
			if (!KEY.matcher(condition.getKey()).matches() || condition.getValue() == null
					|| condition.getValue().length() > 200) {
				errors.add(new FieldError(field + ".conditions",
						"must map attribute names (snake_case) to values of at most 200 characters"));
				break;
			}
		}
		if (errors.size() > before) {
			return null;
		}
		int window = type != null ? body.windowDays() : body.inactiveDays();
		return new Rule(ruleKey, name, type, conditions, points, window, decay, body.category(), body.maxOccurrences(),
				type == null ? body.inactiveDays() : null);
	}

	static List<String> signalTypes() {
		return java.util.Arrays.stream(SignalType.values()).map(SignalType::apiName).toList();
	}

	private static @Nullable String key(@Nullable String value, String field, Set<String> seen,
			List<FieldError> errors) {
		if (value == null || !KEY.matcher(value).matches()) {
			errors.add(new FieldError(field, "must be snake_case: a lower-case letter, then letters, digits or _"));
			return null;
		}
		if (!seen.add(value)) {
			errors.add(new FieldError(field, "is used twice"));
			return null;
		}
		return value;
	}

	private static @Nullable String text(@Nullable String value, String field, int max, List<FieldError> errors) {
		if (value == null || value.isBlank()) {
			errors.add(new FieldError(field, "is required"));
			return null;
		}
		if (value.strip().length() > max) {
			errors.add(new FieldError(field, "must be at most " + max + " characters"));
			return null;
		}
		return value.strip();
	}

}

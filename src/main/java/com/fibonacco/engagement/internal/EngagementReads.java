package com.fibonacco.engagement.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.fibonacco.engagement.EngagementProperties;
import com.fibonacco.engagement.TierPolicy;
import com.fibonacco.engagement.internal.EngagementDtos.ChangeResponse;
import com.fibonacco.engagement.internal.EngagementDtos.Day;
import com.fibonacco.engagement.internal.EngagementDtos.EngagementResponse;
import com.fibonacco.engagement.internal.EngagementDtos.LastActivity;
import com.fibonacco.engagement.internal.EngagementDtos.PinResponse;
import com.fibonacco.engagement.internal.EngagementDtos.ScoreExplanation;
import com.fibonacco.engagement.internal.EngagementDtos.ScoreHistory;
import com.fibonacco.engagement.internal.EngagementDtos.SignalResponse;
import com.fibonacco.engagement.internal.EngagementDtos.TierChangeResponse;
import com.fibonacco.engagement.internal.Snapshots.Snapshot;
import com.fibonacco.engagement.internal.TierPins.Pin;
import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.web.ApiException;
import com.fibonacco.shared.web.FieldError;
import com.fibonacco.smb.SmbId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads an SMB's engagement for the API: its explanation and its history. */
@Service
class EngagementReads {

	static final int MAX_HISTORY_DAYS = 366;

	static final int RECENT = 20;

	private final JdbcClient jdbc;

	private final Ledger ledger;

	private final ScoreModels models;

	private final TierPins pins;

	private final TierChanges tierChanges;

	private final Snapshots snapshots;

	private final LeadScores leadScores;

	private final EngagementProperties properties;

	private final Clock clock;

	EngagementReads(JdbcClient jdbc, Ledger ledger, ScoreModels models, TierPins pins, TierChanges tierChanges,
			Snapshots snapshots, LeadScores leadScores, EngagementProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.models = models;
		this.pins = pins;
		this.tierChanges = tierChanges;
		this.snapshots = snapshots;
		this.leadScores = leadScores;
		this.properties = properties;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	EngagementResponse engagement(TenantId tenant, SmbId smb) {
		Stored stored = stored(tenant, smb);
		Instant now = clock.instant();
		ScoreModel model = models.engagement(tenant);
		ScoreModel leadModel = models.lead(tenant);
		int lookback = Math.max(model.lookbackDays(), leadModel.lookbackDays());
		List<Signal> signals = ledger.since(tenant, smb,
				Scorer.day(now).minusDays(lookback).atStartOfDay().toInstant(ZoneOffset.UTC));
		Scorer.Score score = Scorer.score(model, signals, now);
		Scorer.Score lead = Scorer.score(leadModel, signals, now);
		@Nullable Pin pin = pins.active(tenant, smb, now).orElse(null);
		String tierName = model.bands().get(stored.tier() - 1).name();
		return new EngagementResponse(smb.value(), stored.score(), stored.tier(), tierName,
				pin == null ? null : PinResponse.of(pin, model.bands().get(pin.tier() - 1).name()),
				explain(model, stored, score, pin), TierPolicy.of(properties, stored.tier()),
				ScoreExplanation.of(model, score), ScoreExplanation.of(leadModel, lead), stored.activity(),
				ledger.recent(tenant, smb, RECENT).stream().map(SignalResponse::of).toList(),
				tierChanges.recent(tenant, smb, RECENT).stream().map(TierChangeResponse::of).toList(), now);
	}

	/** "Tier 2 (Engaged): score 62 is at least 50 …", in words a manager can act on. */
	private static String explain(ScoreModel model, Stored stored, Scorer.Score score, @Nullable Pin pin) {
		String tierName = model.bands().get(stored.tier() - 1).name();
		if (pin != null) {
			return "Tier " + stored.tier() + " (" + tierName + ") is pinned by hand: " + pin.reason()
					+ (pin.expiresAt() == null ? "" : " (until " + pin.expiresAt() + ")") + "; the score of "
					+ score.total() + " alone would make it tier " + score.tier() + ".";
		}
		StringBuilder text = new StringBuilder("Tier ").append(stored.tier())
			.append(" (")
			.append(tierName)
			.append("): score ")
			.append(score.total())
			.append(" is at least ")
			.append(model.bands().get(score.tier() - 1).minScore());
		if (score.tier() > 1) {
			text.append(" and below ").append(model.bands().get(score.tier() - 2).minScore());
		}
		text.append(".");
		List<String> parts = new ArrayList<>();
		for (Scorer.CategoryTotal category : score.categories()) {
			if (category.raw() != 0) {
				parts.add(category.name() + " " + category.points()
						+ (category.raw() > category.points() ? " (capped from " + category.raw() + ")" : ""));
			}
		}
		if (!parts.isEmpty()) {
			text.append(" From: ").append(String.join(", ", parts)).append(".");
		}
		if (score.tier() != stored.tier()) {
			text.append(" The nightly evaluation will move it to tier ").append(score.tier()).append(".");
		}
		return text.toString();
	}

	@Transactional(readOnly = true)
	ScoreHistory history(TenantId tenant, SmbId smb, @Nullable String model, @Nullable String from,
			@Nullable String to) {
		stored(tenant, smb);
		String key = model == null ? ScoreModel.ENGAGEMENT : model;
		if (!key.equals(ScoreModel.ENGAGEMENT) && !key.equals(ScoreModel.LEAD)) {
			throw ApiException.invalid("model", "must be engagement or lead");
		}
		LocalDate today = Scorer.day(clock.instant());
		LocalDate end = to == null ? today : date("to", to);
		LocalDate start = from == null ? end.minusDays(29) : date("from", from);
		List<FieldError> errors = new ArrayList<>();
		if (start.isAfter(end)) {
			errors.add(new FieldError("from", "must not be after to"));
		}
		else if (ChronoUnit.DAYS.between(start, end) >= MAX_HISTORY_DAYS) {
			errors.add(new FieldError("from", "must be at most " + MAX_HISTORY_DAYS + " days before to"));
		}
		if (!errors.isEmpty()) {
			throw ApiException.invalid(errors);
		}
		List<Snapshot> rows = snapshots.between(tenant, smb, key, start, end);
		List<Day> days = new ArrayList<>();
		int next = 0;
		Snapshot carried = null;
		for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
			while (next < rows.size() && !rows.get(next).day().isAfter(day)) {
				carried = rows.get(next++);
			}
			days.add(carried == null ? new Day(day, null, null, null)
					: new Day(day, carried.score(), carried.band(), carried.tier()));
		}
		List<ChangeResponse> changes = leadScores
			.changes(tenant, smb, key, start.atStartOfDay().toInstant(ZoneOffset.UTC),
					end.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC))
			.stream()
			.map(change -> new ChangeResponse(change.occurredAt(), change.oldScore(), change.newScore(),
					change.ruleKey(), change.reason()))
			.toList();
		return new ScoreHistory(key, start, end, days, changes);
	}

	private static LocalDate date(String field, String value) {
		try {
			return LocalDate.parse(value);
		}
		catch (java.time.format.DateTimeParseException ex) {
			throw ApiException.invalid(field, "must be a date like 2026-03-01");
		}
	}

	private Stored stored(TenantId tenant, SmbId smb) {
		return jdbc.sql("""
				SELECT engagement_score, engagement_tier, last_email_open, last_email_click, last_content_view,
				       last_approval, total_approvals, total_meetings
				  FROM smbs WHERE tenant_id = :tenant AND id = :smb AND deleted_at IS NULL
				""")
			.param("tenant", tenant.value())
			.param("smb", smb.value())
			.query((rs, row) -> new Stored(rs.getInt("engagement_score"), rs.getInt("engagement_tier"),
					new LastActivity(instant(rs, "last_email_open"), instant(rs, "last_email_click"),
							instant(rs, "last_content_view"), instant(rs, "last_approval"),
							rs.getInt("total_approvals"), rs.getInt("total_meetings"))))
			.optional()
			.orElseThrow(() -> ApiException.notFound("smb", smb));
	}

	private static @Nullable Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	private record Stored(int score, int tier, LastActivity activity) {
	}

}

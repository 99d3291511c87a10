package com.fibonacco.engagement.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.engagement.Direction;
import com.fibonacco.engagement.SmbEngagementChanged;
import com.fibonacco.engagement.SmbTierChanged;
import com.fibonacco.engagement.internal.ScoreModel.Rule;
import com.fibonacco.engagement.internal.TierPins.Pin;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static com.fibonacco.engagement.internal.SignalType.*;

/**
 * The real-time path: a signal is recorded once, then its SMB's scores, tier and
 * last-activity columns are brought up to date and the changes published, all in one
 * transaction with the SMB's row locked (two signals of one SMB never race).
 */
@Service
class EngagementScoring {

	/** A move of more than this many points publishes {@link SmbEngagementChanged}. */
	static final int REPORTED_MOVE = 10;

	private final JdbcClient jdbc;

	private final Ledger ledger;

	private final ScoreModels models;

	private final TierChanges tierChanges;

	private final Snapshots snapshots;

	private final LeadScores leadScores;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	EngagementScoring(JdbcClient jdbc, Ledger ledger, ScoreModels models, TierChanges tierChanges,
			Snapshots snapshots, LeadScores leadScores, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.models = models;
		this.tierChanges = tierChanges;
		this.snapshots = snapshots;
		this.leadScores = leadScores;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Records the signal; when it is new and made by a person, rescores its SMB.
	 * @return whether it was recorded now (false: a replay, or an unknown SMB)
	 */
	@Transactional
	boolean record(Incoming signal) {
		return record(signal, clock.instant());
	}

	/**
	 * Records the signal; when it is new and made by a person, rescores its SMB as of
	 * {@code asOf}.
	 * @return whether it was recorded now (false: a replay, or an unknown SMB)
	 */
	@Transactional
	boolean record(Incoming signal, Instant asOf) {
		return recordAll(signal.tenant(), signal.smb(), List.of(signal), asOf) == 1;
	}

	/**
	 * Records signals of one SMB (a replayed history: those of one day) and, when any of
	 * them is new and made by a person, rescores the SMB once as of {@code asOf}, moving
	 * the last-activity columns of all of them.
	 * @return how many were recorded now
	 */
	@Transactional
	int recordAll(TenantId tenant, SmbId smb, List<Incoming> signals, Instant asOf) {
		// Lock the SMB before the ledger insert: the insert's foreign key check takes a
		// key share lock on the SMB's row, and two signals of one SMB that both took that
		// first and then asked for the row lock would deadlock.
		Optional<Current> locked = lock(tenant, smb);
		List<Incoming> added = new ArrayList<>();
		for (Incoming signal : signals) {
			if (!signal.tenant().equals(tenant) || !signal.smb().equals(smb)) {
				throw new IllegalArgumentException("a signal of another SMB among those of " + smb);
			}
			if (ledger.append(signal)) {
				added.add(signal);
			}
		}
		List<Incoming> scored = added.stream().filter(signal -> !signal.machineGenerated()).toList();
		if (!scored.isEmpty() && locked.isPresent()) {
			rescore(tenant, smb, asOf, scored.getLast(), null, locked.get(), scored);
		}
		return added.size();
	}

	/**
	 * Brings the SMB's scores and tier up to date as of {@code asOf}.
	 * @param trigger the signal that caused it, if one did: its last-activity column
	 * moves
	 * @param reason why, when no signal caused it (a pin set or lifted)
	 */
	@Transactional
	Optional<Result> rescore(TenantId tenant, SmbId smb, Instant asOf, @Nullable Incoming trigger,
			@Nullable String reason) {
		return lock(tenant, smb).map(current -> rescore(tenant, smb, asOf, trigger, reason, current,
				trigger == null ? List.of() : List.of(trigger)));
	}

	/**
	 * @param trigger the (last) signal that caused it, named in the reasons
	 * @param moved the signals whose last-activity columns move
	 */
	private Result rescore(TenantId tenant, SmbId smb, Instant asOf, @Nullable Incoming trigger,
			@Nullable String reason, Current current, List<Incoming> moved) {
		ScoreModels.Both both = models.both(tenant);
		ScoreModel model = both.engagement();
		ScoreModel leadModel = both.lead();
		int lookback = Math.max(model.lookbackDays(), leadModel.lookbackDays());
		Instant since = Scorer.day(asOf).minusDays(lookback).atStartOfDay().toInstant(ZoneOffset.UTC);
		List<Signal> signals = ledger.since(tenant, smb, since);

		Scorer.Score score = Scorer.score(model, signals, asOf);
		Optional<Pin> pin = Optional.ofNullable(current.pin()).filter(found -> found.activeAt(asOf));
		int tier = pin.map(Pin::tier).orElse(score.tier());
		update(tenant, smb, score.total(), tier, moved);

		String cause = reason != null ? reason
				: trigger != null ? "after " + Reasons.signal(trigger.type()) : "as signals aged";
		if (Math.abs(score.total() - current.score()) > REPORTED_MOVE) {
			events.publishEvent(new SmbEngagementChanged(tenant, smb, current.score(), score.total(), asOf));
		}
		if (tier != current.tier()) {
			String why = pin.isPresent() ? cause : "Score " + (score.total() >= current.score() ? "rose" : "fell")
					+ " to " + score.total() + " " + cause;
			changeTier(new SmbTierChanged(tenant, smb, current.tier(), tier,
					tier < current.tier() ? Direction.UPGRADE : Direction.DOWNGRADE, Reasons.fit(why), asOf));
		}
		List<Snapshots.Entry> daySnapshots = new ArrayList<>(2);
		daySnapshots.add(new Snapshots.Entry(model.key(), score.total(), score.band().key(), tier));

		Scorer.Score lead = Scorer.score(leadModel, signals, asOf);
		LeadScores.Current before = current.lead();
		if (before == null || before.score() != lead.total() || !before.band().equals(lead.band().key())) {
			int old = before == null ? 0 : before.score();
			LeadScores.Change change = null;
			if (old != lead.total()) {
				Rule fired = trigger == null ? null : firedRule(leadModel, trigger);
				change = new LeadScores.Change(old, lead.total(), fired == null ? null : fired.key(),
						fired == null ? "Recomputed " + cause
								: fired.name() + " (" + signed(fired.points()) + ") " + cause,
						asOf);
			}
			leadScores.put(tenant, smb, leadModel.key(), lead.total(), lead.band().key(), asOf, change);
			daySnapshots.add(new Snapshots.Entry(leadModel.key(), lead.total(), lead.band().key(), null));
		}
		snapshots.put(tenant, smb, Scorer.day(asOf), daySnapshots);
		return new Result(current.score(), score.total(), current.tier(), tier);
	}

	void changeTier(SmbTierChanged change) {
		tierChanges.add(change);
		events.publishEvent(change);
	}

	/** The first rule of the model that scores this signal. */
	static @Nullable Rule firedRule(ScoreModel model, Incoming trigger) {
		return model.signalRules()
			.stream()
			.filter(rule -> rule.signalType() == trigger.type()
					&& trigger.attributes().entrySet().containsAll(rule.conditions().entrySet()))
			.findFirst()
			.orElse(null);
	}

	static String signed(int points) {
		return points >= 0 ? "+" + points : Integer.toString(points);
	}

	/**
	 * Locks the SMB's row and reads, in the same statement, what its rescoring starts
	 * from: its engagement score and tier, its tier pin and its lead score.
	 */
	private Optional<Current> lock(TenantId tenant, SmbId smb) {
		return jdbc.sql("""
				SELECT s.engagement_score, s.engagement_tier,
				       p.tier AS pin_tier, p.reason AS pin_reason, p.expires_at AS pin_expires_at,
				       p.pinned_by AS pin_pinned_by, p.pinned_at AS pin_pinned_at,
				       l.score AS lead_score, l.band AS lead_band, l.computed_at AS lead_computed_at
				  FROM smbs s
				  LEFT JOIN tier_pins p ON p.tenant_id = s.tenant_id AND p.smb_id = s.id
				  LEFT JOIN smb_scores l ON l.tenant_id = s.tenant_id AND l.smb_id = s.id AND l.model_key = :lead
				 WHERE s.tenant_id = :tenant AND s.id = :smb AND s.deleted_at IS NULL
				   FOR NO KEY UPDATE OF s
				""")
			.param("tenant", tenant.value())
			.param("smb", smb.value())
			.param("lead", ScoreModel.LEAD)
			.query((rs, row) -> {
				OffsetDateTime pinnedAt = rs.getObject("pin_pinned_at", OffsetDateTime.class);
				OffsetDateTime expires = rs.getObject("pin_expires_at", OffsetDateTime.class);
				Pin pin = pinnedAt == null ? null
						: new Pin(smb, rs.getInt("pin_tier"), rs.getString("pin_reason"),
								expires == null ? null : expires.toInstant(),
								rs.getObject("pin_pinned_by", UUID.class), pinnedAt.toInstant());
				OffsetDateTime computedAt = rs.getObject("lead_computed_at", OffsetDateTime.class);
				LeadScores.Current lead = computedAt == null ? null
						: new LeadScores.Current(rs.getInt("lead_score"), rs.getString("lead_band"),
								computedAt.toInstant());
				return new Current(rs.getInt("engagement_score"), rs.getInt("engagement_tier"), pin, lead);
			})
			.optional();
	}

	/**
	 * Writes the engagement columns the smb module delegates to this one. Neither
	 * {@code version} nor {@code updated_at} moves: they track edits of the record, and a
	 * score moving must not make a user's edit stale.
	 */
	private void update(TenantId tenant, SmbId smb, int score, int tier, List<Incoming> moved) {
		StringBuilder activity = new StringBuilder();
		Map<String, Object> params = new HashMap<>();
		latest(moved, "last_email_open", activity, params, EMAIL_OPEN);
		latest(moved, "last_email_click", activity, params, EMAIL_CLICK);
		latest(moved, "last_content_view", activity, params, CONTENT_VIEW, CONTENT_COMPLETE);
		latest(moved, "last_approval", activity, params, APPROVAL);
		long approvals = moved.stream().filter(signal -> signal.type() == APPROVAL).count();
		if (approvals > 0) {
			activity.append(", total_approvals = total_approvals + :approvals");
			params.put("approvals", approvals);
		}
		long meetings = moved.stream().filter(signal -> signal.type() == MEETING_SCHEDULED).count();
		if (meetings > 0) {
			activity.append(", total_meetings = total_meetings + :meetings");
			params.put("meetings", meetings);
		}
		params.put("tenant", tenant.value());
		params.put("smb", smb.value());
		params.put("score", score);
		params.put("tier", tier);
		jdbc.sql("UPDATE smbs SET engagement_score = :score, engagement_tier = :tier" + activity
				+ " WHERE tenant_id = :tenant AND id = :smb")
			.params(params)
			.update();
	}

	/**
	 * {@code column = greatest(column, :column)} for the latest of the signals of these
	 * types.
	 */
	private static void latest(List<Incoming> moved, String column, StringBuilder activity, Map<String, Object> params,
			SignalType... types) {
		Set<SignalType> wanted = Set.of(types);
		moved.stream()
			.filter(signal -> wanted.contains(signal.type()))
			.map(Incoming::occurredAt)
			.max(Comparator.naturalOrder())
			.ifPresent(at -> {
				activity.append(", ")
					.append(column)
					.append(" = greatest(")
					.append(column)
					.append(", :")
					.append(column)
					.append(")");
				params.put(column, Ledger.utc(at));
			});
	}

	private record Current(int score, int tier, @Nullable Pin pin, LeadScores.@Nullable Current lead) {
	}

	/** Engagement score and tier before and after. */
	record Result(int oldScore, int newScore, int oldTier, int newTier) {
	}

}

package com.fibonacco.engagement.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
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
 * Brings SMBs' scores, tiers and last-activity columns up to date and publishes the
 * changes, with the SMBs' rows locked (two rescorings of one SMB never race). The
 * real-time path queues an SMB when its listener records a signal ({@link RescoreQueue})
 * and the {@link Rescorer} rescores the queued SMBs in rounds, set-based: one statement
 * per step for the whole round, not per signal. Replays and pins rescore one SMB at once
 * through the same code.
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
		Map<SmbId, Current> locked = lock(tenant, List.of(smb));
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
		if (!scored.isEmpty() && !locked.isEmpty()) {
			Incoming last = scored.getLast();
			rescoreLocked(tenant, List.of(new Task(smb, last.type(), last.attributes(), null, Activity.of(scored))),
					locked, asOf);
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
		Task task = trigger == null ? new Task(smb, null, Map.of(), reason, Activity.NONE)
				: new Task(smb, trigger.type(), trigger.attributes(), reason, Activity.of(List.of(trigger)));
		return rescoreLocked(tenant, List.of(task), lock(tenant, List.of(smb)), asOf).stream().findFirst();
	}

	/**
	 * Rescores queued SMBs of one tenant as of {@code asOf}, in the caller's transaction:
	 * those deleted meanwhile are passed over.
	 * @return how many were rescored
	 */
	int rescoreQueued(TenantId tenant, List<Task> tasks, Instant asOf) {
		return rescoreLocked(tenant, tasks, lock(tenant, tasks.stream().map(Task::smb).toList()), asOf).size();
	}

	/** The tasks of SMBs that are locked, each rescored; the writes set-based. */
	private List<Result> rescoreLocked(TenantId tenant, List<Task> tasks, Map<SmbId, Current> locked, Instant asOf) {
		if (locked.isEmpty()) {
			return List.of();
		}
		ScoreModels.Both both = models.both(tenant);
		ScoreModel model = both.engagement();
		ScoreModel leadModel = both.lead();
		int lookback = Math.max(model.lookbackDays(), leadModel.lookbackDays());
		Instant since = Scorer.day(asOf).minusDays(lookback).atStartOfDay().toInstant(ZoneOffset.UTC);
		Map<SmbId, List<Signal>> signalsBySmb = ledger.since(tenant, locked.keySet(), since);

		List<Result> results = new ArrayList<>();
		List<ScoreUpdate> updates = new ArrayList<>();
		List<Snapshots.Entry> daySnapshots = new ArrayList<>();
		List<LeadScores.Put> leads = new ArrayList<>();
		for (Task task : tasks) {
			Current current = locked.get(task.smb());
			if (current == null) {
				continue;
			}
			SmbId smb = task.smb();
			List<Signal> signals = signalsBySmb.getOrDefault(smb, List.of());
			Scorer.Score score = Scorer.score(model, signals, asOf);
			Optional<Pin> pin = Optional.ofNullable(current.pin()).filter(found -> found.activeAt(asOf));
			int tier = pin.map(Pin::tier).orElse(score.tier());
			updates.add(new ScoreUpdate(smb, score.total(), tier, task.moved()));

			String cause = task.reason() != null ? task.reason()
					: task.triggerType() != null ? "after " + Reasons.signal(task.triggerType()) : "as signals aged";
			if (Math.abs(score.total() - current.score()) > REPORTED_MOVE) {
				events.publishEvent(new SmbEngagementChanged(tenant, smb, current.score(), score.total(), asOf));
			}
			if (tier != current.tier()) {
				String why = pin.isPresent() ? cause
						: "Score " + (score.total() >= current.score() ? "rose" : "fell") + " to " + score.total()
								+ " " + cause;
				changeTier(new SmbTierChanged(tenant, smb, current.tier(), tier,
						tier < current.tier() ? Direction.UPGRADE : Direction.DOWNGRADE, Reasons.fit(why), asOf));
			}
			daySnapshots.add(new Snapshots.Entry(smb, model.key(), score.total(), score.band().key(), tier));

			Scorer.Score lead = Scorer.score(leadModel, signals, asOf);
			LeadScores.Current before = current.lead();
			if (before == null || before.score() != lead.total() || !before.band().equals(lead.band().key())) {
				int old = before == null ? 0 : before.score();
				LeadScores.Change change = null;
				if (old != lead.total()) {
					Rule fired = task.triggerType() == null ? null
							: firedRule(leadModel, task.triggerType(), task.triggerAttributes());
					change = new LeadScores.Change(old, lead.total(), fired == null ? null : fired.key(),
							fired == null ? "Recomputed " + cause
									: fired.name() + " (" + signed(fired.points()) + ") " + cause,
							asOf);
				}
				leads.add(new LeadScores.Put(smb, leadModel.key(), lead.total(), lead.band().key(), asOf, change));
				daySnapshots.add(new Snapshots.Entry(smb, leadModel.key(), lead.total(), lead.band().key(), null));
			}
			results.add(new Result(current.score(), score.total(), current.tier(), tier));
		}
		update(tenant, updates);
		leadScores.put(tenant, leads);
		snapshots.put(tenant, Scorer.day(asOf), daySnapshots);
		return results;
	}

	void changeTier(SmbTierChanged change) {
		tierChanges.add(change);
		events.publishEvent(change);
	}

	/** The first rule of the model that scores a signal of this type and these attributes. */
	static @Nullable Rule firedRule(ScoreModel model, SignalType type, Map<String, String> attributes) {
		return model.signalRules()
			.stream()
			.filter(rule -> rule.signalType() == type && attributes.entrySet().containsAll(rule.conditions().entrySet()))
			.findFirst()
			.orElse(null);
	}

	static String signed(int points) {
		return points >= 0 ? "+" + points : Integer.toString(points);
	}

	/**
	 * Locks the SMBs' rows (in id order, so two rescorings never wait for each other in a
	 * circle) and reads, in the same statement, what their rescoring starts from: the
	 * engagement score and tier, the tier pin and the lead score. Deleted SMBs are left
	 * out.
	 */
	private Map<SmbId, Current> lock(TenantId tenant, Collection<SmbId> smbs) {
		Map<SmbId, Current> locked = new HashMap<>();
		if (smbs.isEmpty()) {
			return locked;
		}
		jdbc.sql("""
				SELECT s.id, s.engagement_score, s.engagement_tier,
				       p.tier AS pin_tier, p.reason AS pin_reason, p.expires_at AS pin_expires_at,
				       p.pinned_by AS pin_pinned_by, p.pinned_at AS pin_pinned_at,
				       l.score AS lead_score, l.band AS lead_band, l.computed_at AS lead_computed_at
				  FROM unnest(CAST(:smbs AS uuid[])) AS u(id)
				  JOIN smbs s ON s.tenant_id = :tenant AND s.id = u.id AND s.deleted_at IS NULL
				  -- a probe per SMB (LIMIT keeps them probes): with plain joins a generic plan
				  -- read all of smb_scores for a round's few SMBs
				  LEFT JOIN LATERAL (SELECT * FROM tier_pins x
				                      WHERE x.tenant_id = s.tenant_id AND x.smb_id = s.id LIMIT 1) p ON true
				  LEFT JOIN LATERAL (SELECT * FROM smb_scores x
				                      WHERE x.tenant_id = s.tenant_id AND x.smb_id = s.id AND x.model_key = :lead
				                      LIMIT 1) l ON true
				 ORDER BY s.id
				   FOR NO KEY UPDATE OF s
				""")
			.param("tenant", tenant.value())
			.param("smbs", smbs.stream().map(smb -> smb.value().toString()).distinct().toArray(String[]::new))
			.param("lead", ScoreModel.LEAD)
			.query((rs, row) -> {
				SmbId smb = new SmbId(rs.getObject("id", UUID.class));
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
				return new Current(smb, rs.getInt("engagement_score"), rs.getInt("engagement_tier"), pin, lead);
			})
			.list()
			.forEach(current -> locked.put(current.smb(), current));
		return locked;
	}

	/**
	 * Writes the engagement columns the smb module delegates to this one, for all the SMBs
	 * in one statement. Neither {@code version} nor {@code updated_at} moves: they track
	 * edits of the record, and a score moving must not make a user's edit stale. A
	 * last-activity column only moves forward.
	 */
	private void update(TenantId tenant, List<ScoreUpdate> updates) {
		if (updates.isEmpty()) {
			return;
		}
		int n = updates.size();
		String[][] columns = new String[9][n];
		for (int i = 0; i < n; i++) {
			ScoreUpdate update = updates.get(i);
			Activity moved = update.moved();
			columns[0][i] = update.smb().value().toString();
			columns[1][i] = Integer.toString(update.score());
			columns[2][i] = Integer.toString(update.tier());
			columns[3][i] = Ledger.text(moved.lastEmailOpen());
			columns[4][i] = Ledger.text(moved.lastEmailClick());
			columns[5][i] = Ledger.text(moved.lastContentView());
			columns[6][i] = Ledger.text(moved.lastApproval());
			columns[7][i] = Integer.toString(moved.approvals());
			columns[8][i] = Integer.toString(moved.meetings());
		}
		Map<String, Object> params = new HashMap<>();
		for (int i = 0; i < columns.length; i++) {
			params.put("c" + i, columns[i]);
		}
		jdbc.sql("""
				UPDATE smbs s SET engagement_score = u.score, engagement_tier = u.tier,
				       last_email_open = greatest(s.last_email_open, u.last_email_open),
				       last_email_click = greatest(s.last_email_click, u.last_email_click),
				       last_content_view = greatest(s.last_content_view, u.last_content_view),
				       last_approval = greatest(s.last_approval, u.last_approval),
				       total_approvals = s.total_approvals + u.approvals,
				       total_meetings = s.total_meetings + u.meetings
				  FROM unnest(CAST(:c0 AS uuid[]), CAST(:c1 AS int[]), CAST(:c2 AS int[]), CAST(:c3 AS timestamptz[]),
				              CAST(:c4 AS timestamptz[]), CAST(:c5 AS timestamptz[]), CAST(:c6 AS timestamptz[]),
				              CAST(:c7 AS int[]), CAST(:c8 AS int[]))
				    AS u(id, score, tier, last_email_open, last_email_click, last_content_view, last_approval,
				         approvals, meetings)
				 WHERE s.tenant_id = :tenant AND s.id = u.id
				""")
			.param("tenant", tenant.value())
			.params(params)
			.update();
	}

	/** An SMB to rescore: the (latest) signal that caused it or why, and what moves. */
	record Task(SmbId smb, @Nullable SignalType triggerType, Map<String, String> triggerAttributes,
			@Nullable String reason, Activity moved) {

		Task {
			triggerAttributes = Map.copyOf(triggerAttributes);
		}

	}

	/**
	 * What new signals move on the SMB's row: the latest time of each kind of activity and
	 * the approvals and meetings to add.
	 */
	record Activity(@Nullable Instant lastEmailOpen, @Nullable Instant lastEmailClick,
			@Nullable Instant lastContentView, @Nullable Instant lastApproval, int approvals, int meetings) {

		static final Activity NONE = new Activity(null, null, null, null, 0, 0);

		static Activity of(List<Incoming> signals) {
			return new Activity(latest(signals, EMAIL_OPEN), latest(signals, EMAIL_CLICK),
					latest(signals, CONTENT_VIEW, CONTENT_COMPLETE), latest(signals, APPROVAL),
					(int) signals.stream().filter(signal -> signal.type() == APPROVAL).count(),
					(int) signals.stream().filter(signal -> signal.type() == MEETING_SCHEDULED).count());
		}

		private static @Nullable Instant latest(List<Incoming> signals, SignalType... types) {
			Set<SignalType> wanted = Set.of(types);
			return signals.stream()
				.filter(signal -> wanted.contains(signal.type()))
				.map(Incoming::occurredAt)
				.max(Comparator.naturalOrder())
				.orElse(null);
		}

	}

	private record ScoreUpdate(SmbId smb, int score, int tier, Activity moved) {
	}

	private record Current(SmbId smb, int score, int tier, @Nullable Pin pin, LeadScores.@Nullable Current lead) {
	}

	/** Engagement score and tier before and after. */
	record Result(int oldScore, int newScore, int oldTier, int newTier) {
	}

}

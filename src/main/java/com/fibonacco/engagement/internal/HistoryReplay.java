package com.fibonacco.engagement.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fibonacco.engagement.EngagementHistory;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Replays a signal history through the real-time path, day by day in the order it
 * happened, so the result is what the listeners and the nightly recompute would have
 * left: the stored score and tier are the ones the engagement API computes.
 */
@Service
class HistoryReplay implements EngagementHistory {

	private final EngagementScoring scoring;

	private final EngagementJobs jobs;

	private final Clock clock;

	HistoryReplay(EngagementScoring scoring, EngagementJobs jobs, Clock clock) {
		this.scoring = scoring;
		this.jobs = jobs;
		this.clock = clock;
	}

	@Override
	@Transactional
	public int replay(TenantId tenant, List<?> events) {
		List<Incoming> signals = events.stream()
			.flatMap(event -> EventSignals.of(event).stream())
			.sorted(Comparator.comparing(Incoming::occurredAt).thenComparing(Incoming::sourceEventId))
			.toList();
		for (Incoming signal : signals) {
			if (!signal.tenant().equals(tenant)) {
				throw new IllegalArgumentException(
						"an event of tenant " + signal.tenant() + " in a replay for " + tenant);
			}
		}
		Instant now = clock.instant();
		// one rescore per SMB and day (the day's last signal as of when it happened): the
		// score history keeps one snapshot a day anyway
		Map<SmbId, Map<LocalDate, List<Incoming>>> days = new LinkedHashMap<>();
		for (Incoming signal : signals) {
			days.computeIfAbsent(signal.smb(), smb -> new LinkedHashMap<>())
				.computeIfAbsent(Scorer.day(signal.occurredAt()), day -> new ArrayList<>())
				.add(signal);
		}
		Set<SmbId> rescored = new LinkedHashSet<>();
		int recorded = 0;
		for (Map.Entry<SmbId, Map<LocalDate, List<Incoming>>> smb : days.entrySet()) {
			for (List<Incoming> day : smb.getValue().values()) {
				// a signal ahead of the clock is scored now, as the listeners do
				Instant last = day.getLast().occurredAt();
				int added = scoring.recordAll(tenant, smb.getKey(), day, last.isAfter(now) ? now : last);
				if (added > 0) {
					recorded += added;
					rescored.add(smb.getKey());
				}
			}
		}
		// signals aged between each SMB's last day and now: one set-based pass, as the
		// nightly recompute would make (a loop of rescores costs a demo load seconds)
		if (!rescored.isEmpty()) {
			jobs.recalculate(tenant, now);
			jobs.evaluateTiers(tenant, now, null, "Recomputed after a history was loaded");
		}
		return recorded;
	}

}

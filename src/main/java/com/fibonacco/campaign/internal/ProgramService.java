package com.fibonacco.campaign.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.fibonacco.campaign.CampaignProgram;
import com.fibonacco.campaign.CampaignPrograms;
import com.fibonacco.campaign.ManifestDestinyProperties;
import com.fibonacco.campaign.internal.Program.DayReached;
import com.fibonacco.campaign.internal.Programs.Recipient;
import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.web.ApiException;
import com.fibonacco.smb.SmbId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The program moves of the API, and the one advance step the day scheduler and the moves
 * share: every move first brings the program up to the community's local date.
 */
@Service
class ProgramService implements CampaignPrograms {

	private final Programs programs;

	private final SendQueue queue;

	private final ManifestDestinyProperties manifestDestiny;

	private final JdbcClient jdbc;

	private final Clock clock;

	ProgramService(Programs programs, SendQueue queue, ManifestDestinyProperties manifestDestiny, JdbcClient jdbc,
			Clock clock) {
		this.programs = programs;
		this.queue = queue;
		this.manifestDestiny = manifestDestiny;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	@Transactional(readOnly = true)
	public CampaignProgram program(TenantId tenant, SmbId smb) {
		recipient(tenant, smb);
		return view(programs.find(tenant, smb).orElse(Program.pending(tenant, smb)));
	}

	@Override
	@Transactional
	public CampaignProgram start(TenantId tenant, SmbId smb, @Nullable LocalDate startDate) {
		return start(tenant, smb, startDate, clock.instant());
	}

	@Transactional
	CampaignProgram start(TenantId tenant, SmbId smb, @Nullable LocalDate startDate, Instant now) {
		Recipient recipient = recipient(tenant, smb);
		Program started = programs.lock(tenant, smb).start(startDate, recipient.zone(), now);
		if (Program.RUNNING.equals(started.status())) {
			queue.queueDay(started, recipient, 1, started.dayDate(), now);
		}
		programs.save(started, now);
		return view(started);
	}

	@Override
	@Transactional
	public CampaignProgram pause(TenantId tenant, SmbId smb, String reason) {
		return pause(tenant, smb, reason, clock.instant());
	}

	@Transactional
	CampaignProgram pause(TenantId tenant, SmbId smb, String reason, Instant now) {
		Recipient recipient = recipient(tenant, smb);
		Program paused = advance(programs.lock(tenant, smb), recipient, now).pause(reason, recipient.zone(), now);
		programs.save(paused, now);
		return view(paused);
	}

	@Override
	@Transactional
	public CampaignProgram resume(TenantId tenant, SmbId smb) {
		return resume(tenant, smb, clock.instant());
	}

	@Transactional
	CampaignProgram resume(TenantId tenant, SmbId smb, Instant now) {
		Recipient recipient = recipient(tenant, smb);
		Program resumed = programs.lock(tenant, smb).resume(recipient.zone(), now);
		programs.save(resumed, now);
		return view(resumed);
	}

	/** The program row itself, for tests on a moved clock. */
	@Transactional(readOnly = true)
	Program programRow(TenantId tenant, SmbId smb) {
		return programs.find(tenant, smb).orElse(Program.pending(tenant, smb));
	}

	@Override
	@Transactional
	public CampaignProgram cancel(TenantId tenant, SmbId smb) {
		recipient(tenant, smb);
		Instant now = clock.instant();
		Program cancelled = programs.lock(tenant, smb).cancel(now);
		programs.cancelQueuedSends(tenant, smb, now);
		programs.save(cancelled, now);
		return view(cancelled);
	}

	/**
	 * Advances a locked program to the local date of {@code now} and queues the campaign
	 * of every program day it reaches; the caller saves it.
	 */
	Program advance(Program program, Recipient recipient, Instant now) {
		if (!advances(program)) {
			return program;
		}
		Program.Advance advance = program.advance(recipient.zone(), manifestDestiny.totalDays(), now);
		for (DayReached reached : advance.days()) {
			queue.queueDay(advance.program(), recipient, reached.day(), reached.date(), now);
		}
		return advance.program();
	}

	/** A locked program of the day scheduler's batch, its recipient and its tenant's lookups. */
	record Due(Program program, Recipient recipient, SendQueue.Lookups lookups) {
	}

	/**
	 * {@link #advance} for a batch of the day scheduler (one program per SMB), with what
	 * it read for the batch; the advanced programs in the order given, for the caller to
	 * save. The sends are written round by round, one statement each: the first day each
	 * program reached, then the second (a program catching up on missed days), and so on,
	 * because the tier-frequency check of a day looks at the SMB's sends of the days before.
	 */
	List<Program> advanceAll(List<Due> due, Instant now) {
		List<Program> advanced = new ArrayList<>(due.size());
		List<Program.@Nullable Advance> advances = new ArrayList<>(due.size());
		int rounds = 0;
		for (Due d : due) {
			if (!advances(d.program())) {
				advanced.add(d.program());
				advances.add(null);
				continue;
			}
			Program.Advance advance = d.program().advance(d.recipient().zone(), manifestDestiny.totalDays(), now);
			advanced.add(advance.program());
			advances.add(advance);
			rounds = Math.max(rounds, advance.days().size());
		}
		for (int round = 0; round < rounds; round++) {
			List<SendQueue.Send> sends = new ArrayList<>();
			for (int i = 0; i < due.size(); i++) {
				Program.Advance advance = advances.get(i);
				if (advance == null || advance.days().size() <= round) {
					continue;
				}
				DayReached reached = advance.days().get(round);
				Due d = due.get(i);
				SendQueue.Send send = queue.decide(advance.program(), d.recipient(), reached.day(), reached.date(), now,
						d.lookups());
				if (send != null) {
					sends.add(send);
				}
			}
			queue.queueAll(sends, now);
		}
		return advanced;
	}

	private static boolean advances(Program program) {
		return Program.RUNNING.equals(program.status()) || Program.SCHEDULED.equals(program.status());
	}

	/** The lookups of a batch of the day scheduler. */
	SendQueue.Lookups lookups(TenantId tenant, java.util.Collection<SmbId> smbs) {
		return queue.lookups(tenant, smbs);
	}

	private Recipient recipient(TenantId tenant, SmbId smb) {
		return programs.recipient(tenant, smb)
			.filter(r -> !r.deleted())
			.orElseThrow(() -> ApiException.notFound("smb", smb.value()));
	}

	private CampaignProgram view(Program p) {
		var mirror = jdbc.sql("""
				SELECT current_campaign_id, next_scheduled_send FROM smbs WHERE tenant_id = :tenant AND id = :smb
				""")
			.param("tenant", p.tenant().value())
			.param("smb", p.smb().value())
			.query((rs, n) -> new Object[] { rs.getString(1), Programs.instant(rs, "next_scheduled_send") })
			.optional()
			.orElse(new Object[2]);
		return new CampaignProgram(p.smb(), p.status(), p.day(), p.startDate(), (String) mirror[0], (Instant) mirror[1],
				p.nextActionAt(), p.pauseReason(), p.pausedAt(), p.pausedDays(), p.startedAt(), p.completedAt(),
				p.cancelledAt());
	}

}

package com.fibonacco.engagement.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jobrunr.scheduling.JobScheduler;
import org.jspecify.annotations.Nullable;

import com.fibonacco.engagement.SmbTierPinned;
import com.fibonacco.engagement.SmbTierUnpinned;
import com.fibonacco.engagement.internal.TierPins.Pin;
import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.web.ApiException;
import com.fibonacco.smb.SmbId;
import com.fibonacco.smb.Smbs;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Manual tier overrides: a manager pins an SMB's tier with a reason and an optional
 * expiry; the pin holds against every score change until it is lifted or expires. An
 * expiry is lifted at its time by a JobRunr job, and by the nightly tier evaluation
 * should that job be lost. Public for JobRunr, which calls {@link #liftIfExpired}.
 */
@Service
public class TierOverrides {

	private final TierPins pins;

	private final EngagementScoring scoring;

	private final Smbs smbs;

	private final ApplicationEventPublisher events;

	private final ObjectProvider<JobScheduler> jobs;

	private final Clock clock;

	TierOverrides(TierPins pins, EngagementScoring scoring, Smbs smbs, ApplicationEventPublisher events,
			ObjectProvider<JobScheduler> jobs, Clock clock) {
		this.pins = pins;
		this.scoring = scoring;
		this.smbs = smbs;
		this.events = events;
		this.jobs = jobs;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	Optional<Pin> find(TenantId tenant, SmbId smb) {
		requireSmb(tenant, smb);
		return pins.find(tenant, smb);
	}

	/** Pins the tier (replacing an earlier pin) and moves the SMB there. */
	@Transactional
	Pin pin(TenantId tenant, SmbId smb, int tier, String reason, @Nullable Instant expiresAt, UUID user) {
		requireSmb(tenant, smb);
		Instant now = clock.instant();
		if (expiresAt != null && !expiresAt.isAfter(now)) {
			throw ApiException.invalid("expires_at", "must be in the future");
		}
		Pin pin = new Pin(smb, tier, reason.strip(), expiresAt, user, now);
		pins.put(tenant, pin);
		events.publishEvent(new SmbTierPinned(tenant, smb, tier, pin.reason(), expiresAt, user, now));
		scoring.rescore(tenant, smb, now, null, "Pinned by hand: " + pin.reason());
		if (expiresAt != null) {
			UUID tenantId = tenant.value();
			UUID smbId = smb.value();
			afterCommit(() -> jobs
				.ifAvailable(scheduler -> scheduler.schedule(expiresAt, () -> liftIfExpired(tenantId, smbId))));
		}
		return pin;
	}

	/** Lifts the pin by hand; 404 when the SMB has none. */
	@Transactional
	void lift(TenantId tenant, SmbId smb, UUID user) {
		requireSmb(tenant, smb);
		Pin pin = pins.find(tenant, smb).orElseThrow(() -> ApiException.notFound("tier override of smb", smb));
		pins.remove(tenant, smb);
		Instant now = clock.instant();
		events.publishEvent(new SmbTierUnpinned(tenant, smb, pin.tier(), false, user, now));
		scoring.rescore(tenant, smb, now, null, "Pin lifted by hand");
	}

	/** Lifts the SMB's pin if it has expired (a pin replaced meanwhile stays). */
	@Transactional
	public void liftIfExpired(UUID tenantId, UUID smbId) {
		liftIfExpired(new TenantId(tenantId), new SmbId(smbId), clock.instant());
	}

	/** Lifts every pin that expired at or before {@code at}. */
	@Transactional
	public int liftExpired(Instant at) {
		var expired = pins.expired(at);
		for (TierPins.Expired pin : expired) {
			liftIfExpired(pin.tenant(), pin.smb(), at);
		}
		return expired.size();
	}

	private void liftIfExpired(TenantId tenant, SmbId smb, Instant at) {
		pins.find(tenant, smb).filter(pin -> !pin.activeAt(at)).ifPresent(pin -> {
			pins.remove(tenant, smb);
			events.publishEvent(new SmbTierUnpinned(tenant, smb, pin.tier(), true, null, at));
			scoring.rescore(tenant, smb, at, null, "Pin expired");
		});
	}

	private void requireSmb(TenantId tenant, SmbId smb) {
		if (!smbs.exists(tenant, smb)) {
			throw ApiException.notFound("smb", smb);
		}
	}

	private static void afterCommit(Runnable action) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					action.run();
				}
			});
		}
		else {
			action.run();
		}
	}

}

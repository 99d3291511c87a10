package com.fibonacco.messaging;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;

/**
 * The voicemail drops as the provider webhooks need them, implemented by the module that
 * drops them (the campaign module), so messaging depends on no sender. Called inside the
 * webhook's transaction after the request was verified: what it records commits or rolls
 * back with the webhook's own rows.
 */
public interface VoicemailFeedbackHandler {

	/**
	 * The provider reports the drop delivered. Records it once and returns the drop's SMB
	 * when this report changed it; empty for an unknown drop or a replay.
	 */
	Optional<SmbId> delivered(TenantId tenant, UUID dropId, @Nullable String deliveryStatus, Instant at);

	/**
	 * The provider reports the drop failed. Returns whether this report changed it.
	 */
	boolean failed(TenantId tenant, UUID dropId, String reason, Instant at);

	/** The SMB's latest drop that reached the provider, if any. */
	Optional<UUID> latestDrop(TenantId tenant, SmbId smb);

	/** The SMB called back after the drop. */
	void calledBack(TenantId tenant, UUID dropId, CallbackId callback, Instant at);

}

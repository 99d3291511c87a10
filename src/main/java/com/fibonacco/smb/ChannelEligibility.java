package com.fibonacco.smb;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import com.fibonacco.shared.TenantId;

/**
 * Whether an SMB may be contacted on a channel right now: it opted in, is not marked
 * do-not-contact, has the address, and the address is not suppressed. The one definition
 * the SMB list filter, every SMB response and every sender use. A tier decides
 * eligibility for programs and frequency on top of this; consent decides permission.
 */
public interface ChannelEligibility {

	boolean canContact(TenantId tenant, SmbId smb, Channel channel);

	/**
	 * {@link #canContact} for many SMBs of a tenant at once: those of them that may be
	 * contacted on the channel (one query instead of one each, for the campaign sender's
	 * batches).
	 */
	default Set<SmbId> contactable(TenantId tenant, Collection<SmbId> smbs, Channel channel) {
		Set<SmbId> contactable = new HashSet<>();
		for (SmbId smb : smbs) {
			if (canContact(tenant, smb, channel)) {
				contactable.add(smb);
			}
		}
		return contactable;
	}

	/**
	 * Adds an address to the channel's suppression list (bounce, complaint,
	 * unsubscribe…).
	 */
	void suppress(TenantId tenant, Channel channel, String address, String reason);

	/**
	 * The SMB withdrew its consent on the channel (an unsubscribe): turns its opt-in off
	 * and publishes {@link SmbUpdated}. Doing it again changes nothing.
	 * @return whether the opt-in was on before
	 */
	boolean optOut(TenantId tenant, SmbId smb, Channel channel);

	/**
	 * The SMB must not be contacted any more (it marked our email as spam): sets its
	 * do-not-contact flag and publishes {@link SmbUpdated}. Doing it again changes
	 * nothing.
	 * @return whether the flag was off before
	 */
	boolean doNotContact(TenantId tenant, SmbId smb);

}

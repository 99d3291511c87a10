package com.fibonacco.campaign;

import java.util.UUID;

/** Identifies one campaign email sent (or to be sent) to one SMB. */
public record CampaignSendId(UUID value) {

	public CampaignSendId {
		java.util.Objects.requireNonNull(value, "CampaignSendId");
	}

	@Override
	public String toString() {
		return value.toString();
	}

}

package com.fibonacco.campaign;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fibonacco.messaging.EmailClicked;
import com.fibonacco.messaging.EmailOpened;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;

/**
 * Campaign email that went out before now and not through the sender: demo data, history
 * brought over from another tool. Nothing is sent.
 */
public interface CampaignHistory {

	/**
	 * Records campaign emails the SMB was sent in the past, as the sender and the
	 * tracking endpoints would have: each send (to the SMB's primary email, subject from
	 * the catalog), its 'sent', 'open' and 'click' email events, and
	 * CampaignSendCompleted, EmailOpened and EmailClicked dated when they happened, so
	 * the timeline, the dashboard and (through its listeners) the engagement ledger see
	 * them. A campaign the SMB already has a send of is left alone, so recording the same
	 * history twice adds nothing.
	 * @return the sends recorded now, with the events they published
	 * @throws IllegalArgumentException for an unknown SMB or campaign, an SMB without an
	 * email address, or a send dated after now
	 */
	List<RecordedSend> recordPastSends(TenantId tenant, SmbId smb, List<PastSend> sends);

	/**
	 * One campaign email sent at {@code sentAt}, opened and clicked at the given times
	 * (by a person: machine opens are not part of a history).
	 */
	record PastSend(String campaignId, Instant sentAt, List<Instant> opens, List<PastClick> clicks) {

		public PastSend {
			Objects.requireNonNull(campaignId, "campaignId");
			Objects.requireNonNull(sentAt, "sentAt");
			opens = List.copyOf(opens);
			clicks = List.copyOf(clicks);
			for (Instant open : opens) {
				if (open.isBefore(sentAt)) {
					throw new IllegalArgumentException("an open before the send of " + campaignId);
				}
			}
			for (PastClick click : clicks) {
				if (click.at().isBefore(sentAt)) {
					throw new IllegalArgumentException("a click before the send of " + campaignId);
				}
			}
		}

	}

	/** A click of the link to {@code url} at {@code at}. */
	record PastClick(String url, Instant at) {

		public PastClick {
			Objects.requireNonNull(url, "url");
			Objects.requireNonNull(at, "at");
		}

	}

	/** A send recorded, with the EmailOpened and EmailClicked events it published. */
	record RecordedSend(CampaignSendId id, String campaignId, List<EmailOpened> opens, List<EmailClicked> clicks) {

		public RecordedSend {
			opens = List.copyOf(opens);
			clicks = List.copyOf(clicks);
		}

	}

}

/**
 * The campaign module's implementation: the catalog, the per-SMB program and its day
 * scheduler, queueing, rendering and sending campaign email, the tracking endpoints, and
 * what the email provider reports about a send (deliveries, bounces, complaints), and the
 * ringless-voicemail follow-ups of unopened emails (the check, the drop sender, what the
 * voicemail provider and callers report about a drop).
 */
@NullMarked
package com.fibonacco.campaign.internal;

import org.jspecify.annotations.NullMarked;

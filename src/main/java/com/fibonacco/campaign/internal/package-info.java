/**
 * The campaign module's implementation: the catalog, the per-SMB program and its day
 * scheduler, queueing, rendering and sending campaign email, the tracking endpoints, and
 * what the email provider reports about a send (deliveries, bounces, complaints).
 */
@NullMarked
package com.fibonacco.campaign.internal;

import org.jspecify.annotations.NullMarked;

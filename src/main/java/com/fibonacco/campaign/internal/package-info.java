/**
 * The campaign module's implementation: the catalog, the per-SMB program and its day
 * scheduler, queueing, rendering and sending campaign email, and the tracking endpoints.
 */
@NullMarked
package com.fibonacco.campaign.internal;

import org.jspecify.annotations.NullMarked;

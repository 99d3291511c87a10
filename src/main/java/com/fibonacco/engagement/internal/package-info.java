/**
 * The engagement module's implementation: the signal ledger, score models and their two
 * evaluations (a Java function for one SMB in real time, set-based SQL for the nightly
 * recompute), tiers, pins, snapshots and the HTTP API.
 */
@NullMarked
package com.fibonacco.engagement.internal;

import org.jspecify.annotations.NullMarked;

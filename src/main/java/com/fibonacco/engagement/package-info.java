/**
 * Engagement scores and tiers of SMBs, and lead scores. Listens to the signal events of
 * messaging, content, approval and inbound; publishes
 * {@link com.fibonacco.engagement.SmbEngagementChanged},
 * {@link com.fibonacco.engagement.SmbTierChanged},
 * {@link com.fibonacco.engagement.SmbTierPinned} and
 * {@link com.fibonacco.engagement.SmbTierUnpinned};
 * {@link com.fibonacco.engagement.TierPolicy} says what a tier allows.
 * <p>
 * <b>Ownership of the engagement columns of {@code smbs}.</b> The smb module delegates
 * exactly {@code engagement_score}, {@code engagement_tier}, {@code last_email_open},
 * {@code last_email_click}, {@code last_content_view}, {@code last_approval},
 * {@code total_approvals} and {@code total_meetings} to this module, which writes them
 * with its own SQL: one row per signal in real time, and one set-based
 * {@code UPDATE … FROM (SELECT …)} per tenant in the nightly recompute (never a loop of
 * per-SMB calls through an API). Such writes move neither {@code version} nor
 * {@code updated_at}: those track edits of the record, and a score moving must not make a
 * user's edit stale. This module may read {@code smbs}; it writes no other column of it.
 * Everything else it keeps (the signal ledger, scores of other models, snapshots, tier
 * changes and pins) is in its own tables.
 */
@NullMarked
@ApplicationModule(displayName = "Engagement")
package com.fibonacco.engagement;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

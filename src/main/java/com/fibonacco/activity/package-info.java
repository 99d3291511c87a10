/**
 * The SMB activity timeline: one entry for each thing that happened to an SMB, whichever
 * module it happened in (SMB changes, tags, notes and tasks; engagement and tier moves;
 * campaign sends, opens, clicks and voicemails; approvals and upsells; content views;
 * inbound email and chat), readable at {@code GET /api/v1/smbs/{id}/activities}.
 * <p>
 * A module of its own rather than part of {@code smb}: it listens to the events of many
 * modules, and engagement and campaign call the smb module's API, so if smb listened to
 * their events the modules would form a cycle. Activity depends on the others; nothing
 * depends on activity. It has no API of its own: it only listens and answers HTTP.
 */
@NullMarked
@ApplicationModule(displayName = "Activity")
package com.fibonacco.activity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

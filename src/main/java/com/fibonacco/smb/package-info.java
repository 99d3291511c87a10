/**
 * SMB records: the businesses Fibonacco courts, with their contacts, consent and AI
 * context. API: {@link com.fibonacco.smb.Smbs} and the SMB events.
 * <p>
 * The engagement columns of {@code smbs} ({@code engagement_score},
 * {@code engagement_tier}, {@code last_email_open}, {@code last_email_click},
 * {@code last_content_view}, {@code last_approval}, {@code total_approvals},
 * {@code total_meetings}) belong to the engagement module, which updates them with its
 * own set-based SQL; this module only sets their initial values and reads them.
 */
@NullMarked
@ApplicationModule(displayName = "SMB")
package com.fibonacco.smb;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

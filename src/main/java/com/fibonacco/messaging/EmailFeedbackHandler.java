package com.fibonacco.messaging;

/**
 * Applies provider feedback to whatever sent the email (the campaign module's sends).
 * Called inside the webhook's transaction, after the notification was verified and
 * found new: whatever it records commits or rolls back with the notification, so a
 * failure answers SNS an error and SNS delivers the notification again.
 */
public interface EmailFeedbackHandler {

	void handle(EmailFeedback feedback);

}

/**
 * The messaging module's transports (the captured outbox, SMTP, Amazon SES v2; captured
 * or Drop Cowboy-shaped voicemail) and the provider webhooks: the Amazon SES webhook (SNS
 * signature verification, SES events handed to the
 * {@link com.fibonacco.messaging.EmailFeedbackHandler}s), the voicemail provider's signed
 * delivery reports and Twilio's signed call and text callbacks (recorded in
 * {@code callbacks}).
 */
@NullMarked
package com.fibonacco.messaging.internal;

import org.jspecify.annotations.NullMarked;

/**
 * The messaging module's transports (the captured outbox, SMTP, Amazon SES v2) and the
 * Amazon SES webhook: SNS signature verification and SES events handed to the
 * {@link com.fibonacco.messaging.EmailFeedbackHandler}s.
 */
@NullMarked
package com.fibonacco.messaging.internal;

import org.jspecify.annotations.NullMarked;

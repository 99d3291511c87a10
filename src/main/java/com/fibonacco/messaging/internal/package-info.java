/** The messaging module's transports: the captured outbox and SMTP. */
@NullMarked
package com.fibonacco.messaging.internal;

import org.jspecify.annotations.NullMarked;

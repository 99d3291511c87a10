/**
 * Inbound email, callbacks and chat; publishes
 * {@link com.fibonacco.inbound.InboundEmailReceived} and
 * {@link com.fibonacco.inbound.ChatMessageReceived}.
 */
@NullMarked
@ApplicationModule(displayName = "Inbound")
package com.fibonacco.inbound;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

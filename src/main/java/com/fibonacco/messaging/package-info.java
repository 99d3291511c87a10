/**
 * Channel adapters, rendering, tracking and provider webhooks; publishes the email and
 * voicemail delivery events.
 */
@NullMarked
@ApplicationModule(displayName = "Messaging")
package com.fibonacco.messaging;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

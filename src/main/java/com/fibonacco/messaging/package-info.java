/**
 * Channel adapters, rendering, tracking and provider webhooks; publishes the email and
 * voicemail delivery events. Provider reports about sent email reach the module that sent
 * it through {@link com.fibonacco.messaging.EmailFeedbackHandler}, which that module
 * implements (so messaging depends on no sender); the voicemail provider's delivery
 * reports and Twilio's callbacks reach the drops the same way, through
 * {@link com.fibonacco.messaging.VoicemailFeedbackHandler}.
 */
@NullMarked
@ApplicationModule(displayName = "Messaging")
package com.fibonacco.messaging;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

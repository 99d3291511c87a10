package com.fibonacco.messaging;

import org.jspecify.annotations.Nullable;

/**
 * What the voicemail transport answered for an accepted drop.
 *
 * @param provider the provider's name as kept on the drop ({@code drop_cowboy},
 * {@code captured})
 * @param providerMessageId the provider's id of the drop, when it gave one
 */
public record VoicemailReceipt(String provider, @Nullable String providerMessageId) {
}

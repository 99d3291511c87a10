package com.fibonacco.messaging;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

/**
 * One ringless voicemail to hand to the voicemail transport.
 *
 * @param dropId the drop's id: the provider's idempotency key, so a retried drop is
 * dropped once
 * @param phone the E.164 number whose voicemail box receives it
 * @param script the text the provider speaks (merged already)
 * @param voice the voice persona
 */
public record OutboundVoicemail(TenantId tenant, UUID dropId, String phone, @Nullable String script, String voice) {
}

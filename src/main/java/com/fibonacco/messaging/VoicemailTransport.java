package com.fibonacco.messaging;

/**
 * Where ringless voicemails leave: captured in {@code rvm_outbox} by default (nothing
 * leaves the machine), or a provider's HTTP API when configured
 * ({@code fibonacco.rvm.transport}). Safe from many threads.
 */
public interface VoicemailTransport {

	/**
	 * Hands the drop over with its id as the idempotency key: handing the same drop over
	 * again drops it once.
	 * @throws VoicemailDeliveryException when it was refused or could not be handed over
	 */
	VoicemailReceipt drop(OutboundVoicemail voicemail);

}

package com.fibonacco.messaging;

/**
 * Where email leaves: the captured outbox by default, SMTP or Amazon SES v2 when
 * configured ({@code fibonacco.email.transport}). Calls are rate-limited per process
 * ({@code fibonacco.email.rate-per-second}) and safe from many threads.
 */
public interface EmailTransport {

	/**
	 * Hands the email over; returns normally once the transport accepted it.
	 * @throws EmailDeliveryException when it was refused or could not be handed over
	 */
	void send(OutboundEmail email);

}

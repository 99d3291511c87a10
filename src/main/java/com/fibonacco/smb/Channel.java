package com.fibonacco.smb;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The ways Fibonacco can reach an SMB. */
public enum Channel {

	EMAIL, SMS, RVM, PHONE;

	public String apiName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<Channel> fromApiName(String name) {
		return Arrays.stream(values()).filter(channel -> channel.apiName().equals(name)).findFirst();
	}

}

package com.fibonacco.smb.internal;

import com.fibonacco.smb.Channel;

/**
 * Channel eligibility as SQL over an {@code smbs} row aliased {@code s}: the single
 * definition behind the {@code can_receive} filter, {@code can_contact} in responses and
 * {@link com.fibonacco.smb.ChannelEligibility}.
 */
final class Eligibility {

	private Eligibility() {
	}

	static String sql(Channel channel) {
		String optIn = switch (channel) {
			case EMAIL -> "s.email_opted_in";
			case SMS -> "s.sms_opted_in";
			case RVM -> "s.rvm_opted_in";
			case PHONE -> "s.phone_opted_in";
		};
		String address = channel == Channel.EMAIL ? "s.primary_email" : "s.primary_phone";
		return "(" + optIn + " AND NOT s.do_not_contact AND " + address + " IS NOT NULL AND NOT EXISTS "
				+ "(SELECT 1 FROM suppressions x WHERE x.tenant_id = s.tenant_id AND x.channel = '" + channel.apiName()
				+ "' AND x.address = lower(" + address + ")))";
	}

	/** The four eligibility columns for a SELECT list. */
	static String columns() {
		StringBuilder columns = new StringBuilder();
		for (Channel channel : Channel.values()) {
			columns.append(", ").append(sql(channel)).append(" AS can_contact_").append(channel.apiName());
		}
		return columns.toString();
	}

}

package com.fibonacco.smb.importing;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.jspecify.annotations.Nullable;

import com.fibonacco.smb.internal.SmbRules;

/**
 * Phone numbers to E.164 by the SMB rules ({@link SmbRules#normalizePhone}), with a fast
 * path for the way most rows write a North American number ("(828) 692-4417",
 * "828.692.4417", "+1 828 692 4417"): their digits are checked as a US number directly,
 * skipping libphonenumber's text parsing and its walk over every +1 region, which
 * together cost tens of microseconds a row. Anything else, and any number the fast path
 * does not accept, takes the full rule, so the result is always the rule's.
 */
final class Phones {

	private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

	private Phones() {
	}

	static @Nullable String normalize(String raw) {
		String fast = plainUsNumber(raw);
		return fast != null ? fast : SmbRules.normalizePhone(raw);
	}

	/** E.164 for a valid US number written with digits and ( ) - . spaces; else null. */
	static @Nullable String plainUsNumber(String raw) {
		long digits = 0;
		int count = 0;
		boolean plus = false;
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c >= '0' && c <= '9') {
				if (++count > 11) {
					return null;
				}
				digits = digits * 10 + (c - '0');
			}
			else if (c == '+' && count == 0 && !plus) {
				plus = true;
			}
			else if (c != ' ' && c != '(' && c != ')' && c != '-' && c != '.') {
				return null;
			}
		}
		long national;
		if (count == 11 && digits / 10_000_000_000L == 1) {
			national = digits - 10_000_000_000L;
		}
		else if (count == 10 && !plus) {
			national = digits;
		}
		else {
			return null;
		}
		if (national < 2_000_000_000L) {
			return null;
		}
		PhoneNumber number = new PhoneNumber().setCountryCode(1).setNationalNumber(national);
		return UTIL.isValidNumberForRegion(number, "US") ? "+1" + national : null;
	}

}

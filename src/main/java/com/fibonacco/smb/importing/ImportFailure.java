package com.fibonacco.smb.importing;

/**
 * The file cannot be imported as a whole (malformed JSON, a header without a business
 * name column…): the import fails with this reason, without retrying, before any row is
 * merged.
 */
class ImportFailure extends RuntimeException {

	ImportFailure(String reason) {
		super(reason);
	}

}

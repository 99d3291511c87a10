package com.fibonacco.smb.importing;

import java.io.Closeable;
import java.io.IOException;

import org.jspecify.annotations.Nullable;

/** A file's data rows, one at a time, in constant memory. */
interface RecordReader extends Closeable {

	/** The next non-blank row, or null at the end. */
	@Nullable SourceRow next() throws IOException;

}

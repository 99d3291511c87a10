package com.fibonacco.smb.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Turns an uploaded file's bytes into text the way spreadsheets write them: a UTF-8,
 * UTF-16LE or UTF-16BE byte-order mark decides the encoding; without one the bytes are
 * read as UTF-8, and any byte that is not part of a well-formed UTF-8 sequence is read as
 * Windows-1252 (Excel's "CSV" on Windows). So a pure Windows-1252 file, a UTF-8 file and
 * a file glued together from both all read right, and decoding never fails.
 */
final class TextDecoding {

	private TextDecoding() {
	}

	/** A reader over the stream, after its byte-order mark if any. */
	static Reader reader(InputStream in) throws IOException {
		PushbackInputStream pushback = new PushbackInputStream(in, 3);
		byte[] head = new byte[3];
		int n = pushback.readNBytes(head, 0, 3);
		if (n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
			return new Utf8OrCp1252Reader(pushback);
		}
		if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
			pushback.unread(head, 2, n - 2);
			return new InputStreamReader(pushback, StandardCharsets.UTF_16LE);
		}
		if (n >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
			pushback.unread(head, 2, n - 2);
			return new InputStreamReader(pushback, StandardCharsets.UTF_16BE);
		}
		pushback.unread(head, 0, n);
		return new Utf8OrCp1252Reader(pushback);
	}

	/** Windows-1252's characters for bytes 0x80–0x9F (the rest is ISO-8859-1). */
	private static final char[] CP1252_HIGH = { '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020',
			'\u2021', '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F', '\u0090',
			'\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014', '\u02DC', '\u2122', '\u0161',
			'\u203A', '\u0153', '\u009D', '\u017E', '\u0178' };

	static char cp1252(int b) {
		return b >= 0x80 && b <= 0x9F ? CP1252_HIGH[b - 0x80] : (char) b;
	}

	/** UTF-8 with a per-byte Windows-1252 fallback; never throws on malformed input. */
	static final class Utf8OrCp1252Reader extends Reader {

		private final InputStream in;

		private final byte[] bytes = new byte[64 * 1024];

		private int start;

		private int end;

		private boolean eof;

		/** A low surrogate still owed from a four-byte sequence. */
		private char pending;

		Utf8OrCp1252Reader(InputStream in) {
			this.in = in;
		}

		@Override
		public int read(char[] out, int off, int len) throws IOException {
			if (len == 0) {
				return 0;
			}
			int written = 0;
			if (pending != 0) {
				out[off + written++] = pending;
				pending = 0;
			}
			while (written < len) {
				if (end - start < 4 && !eof) {
					fill();
				}
				if (start >= end) {
					break;
				}
				int b = bytes[start] & 0xFF;
				if (b < 0x80) {
					out[off + written++] = (char) b;
					start++;
					continue;
				}
				int needed = b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xF0 && b <= 0xF4 ? 3 : -1;
				// fill() keeps four bytes ahead unless the file ends, so a sequence cut
				// by the
				// end of the file is not well-formed
				int codePoint = needed > 0 && start + needed < end ? sequence(b, needed) : -1;
				if (codePoint < 0) {
					out[off + written++] = cp1252(b);
					start++;
					continue;
				}
				start += needed + 1;
				if (codePoint < 0x10000) {
					out[off + written++] = (char) codePoint;
				}
				else {
					out[off + written++] = Character.highSurrogate(codePoint);
					char low = Character.lowSurrogate(codePoint);
					if (written < len) {
						out[off + written++] = low;
					}
					else {
						pending = low;
					}
				}
			}
			return written == 0 ? -1 : written;
		}

		/** The code point of a well-formed sequence at {@code start}, or -1. */
		private int sequence(int lead, int needed) {
			int codePoint = lead & (needed == 1 ? 0x1F : needed == 2 ? 0x0F : 0x07);
			for (int i = 1; i <= needed; i++) {
				int c = bytes[start + i] & 0xFF;
				if ((c & 0xC0) != 0x80) {
					return -1;
				}
				codePoint = (codePoint << 6) | (c & 0x3F);
			}
			boolean overlong = (needed == 2 && codePoint < 0x800) || (needed == 3 && codePoint < 0x10000);
			boolean surrogate = codePoint >= 0xD800 && codePoint <= 0xDFFF;
			if (overlong || surrogate || codePoint > 0x10FFFF) {
				return -1;
			}
			return codePoint;
		}

		private void fill() throws IOException {
			if (start > 0) {
				System.arraycopy(bytes, start, bytes, 0, end - start);
				end -= start;
				start = 0;
			}
			while (end < bytes.length) {
				int n = in.read(bytes, end, bytes.length - end);
				if (n < 0) {
					eof = true;
					return;
				}
				end += n;
				if (end - start >= 4) {
					return;
				}
			}
		}

		@Override
		public void close() throws IOException {
			in.close();
		}

	}

}

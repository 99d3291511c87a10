package com.fibonacco.smb.importing;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.postgresql.largeobject.LargeObject;
import org.postgresql.largeobject.LargeObjectManager;

/**
 * Uploaded files as PostgreSQL large objects: written and read in 1 MB chunks over the
 * connection's binary fast path, so a file of any size passes through in constant memory
 * and is visible to every server process. Large objects work inside a transaction only;
 * the caller holds one.
 */
final class LargeObjects {

	static final int CHUNK = 1024 * 1024;

	private LargeObjects() {
	}

	/** Stores the stream as a new large object; its oid. */
	static long store(Connection connection, InputStream in, long maxBytes) throws SQLException, IOException {
		LargeObjectManager manager = connection.unwrap(PGConnection.class).getLargeObjectAPI();
		long oid = manager.createLO(LargeObjectManager.READWRITE);
		LargeObject object = manager.open(oid, LargeObjectManager.WRITE);
		try {
			byte[] buffer = new byte[CHUNK];
			long total = 0;
			int n;
			while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
				total += n;
				if (total > maxBytes) {
					throw new TooLarge();
				}
				object.write(buffer, 0, n);
			}
		}
		finally {
			object.close();
		}
		return oid;
	}

	/** The large object's bytes; valid until the connection's transaction ends. */
	static InputStream open(Connection connection, long oid) throws SQLException {
		LargeObjectManager manager = connection.unwrap(PGConnection.class).getLargeObjectAPI();
		LargeObject object = manager.open(oid, LargeObjectManager.READ);
		return new InputStream() {

			private final byte[] chunk = new byte[CHUNK];

			private int position;

			private int limit;

			@Override
			public int read() throws IOException {
				if (!fill()) {
					return -1;
				}
				return chunk[position++] & 0xFF;
			}

			@Override
			public int read(byte[] out, int off, int len) throws IOException {
				if (len == 0) {
					return 0;
				}
				if (!fill()) {
					return -1;
				}
				int n = Math.min(len, limit - position);
				System.arraycopy(chunk, position, out, off, n);
				position += n;
				return n;
			}

			private boolean fill() throws IOException {
				if (position < limit) {
					return true;
				}
				try {
					limit = object.read(chunk, 0, chunk.length);
				}
				catch (SQLException ex) {
					throw new IOException(ex);
				}
				position = 0;
				return limit > 0;
			}

			@Override
			public void close() throws IOException {
				try {
					object.close();
				}
				catch (SQLException ex) {
					throw new IOException(ex);
				}
			}

		};
	}

	/** The stream went past the size limit. */
	static final class TooLarge extends IOException {

		TooLarge() {
			super("over the size limit");
		}

	}

}

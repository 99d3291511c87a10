package com.fibonacco.smb.exporting;

import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads a query of any size in constant memory: in a read-only transaction (pgjdbc only
 * streams with autocommit off) with a fetch size, so rows arrive a thousand at a time.
 */
public final class Cursors {

	static final int FETCH_SIZE = 1_000;

	private Cursors() {
	}

	/**
	 * Runs the query, handing each row to the handler as it arrives.
	 * @param trigramThreshold when set, the search threshold for this transaction
	 */
	public static void stream(PlatformTransactionManager transactions, DataSource dataSource, String sql,
			Map<String, ?> params, RowCallbackHandler handler, @Nullable String trigramThreshold) {
		TransactionTemplate transaction = new TransactionTemplate(transactions);
		transaction.setReadOnly(true);
		transaction.executeWithoutResult(status -> {
			JdbcTemplate template = new JdbcTemplate(dataSource);
			template.setFetchSize(FETCH_SIZE);
			if (trigramThreshold != null) {
				template.queryForObject("SELECT set_config('pg_trgm.word_similarity_threshold', ?, true)", String.class,
						trigramThreshold);
			}
			new NamedParameterJdbcTemplate(template).query(sql, params, handler);
		});
	}

}

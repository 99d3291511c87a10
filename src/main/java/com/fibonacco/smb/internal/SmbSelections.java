package com.fibonacco.smb.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.web.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The SMBs a set of list filters selects, for bulk actions of other parts of the smb
 * module (tagging). Public only for the module's own sub-packages.
 */
@Component
public class SmbSelections {

	private final JdbcClient jdbc;

	private final SmbSearch search;

	SmbSelections(JdbcClient jdbc, SmbSearch search) {
		this.jdbc = jdbc;
		this.search = search;
	}

	/**
	 * The ids of the live SMBs matching the filters.
	 * @throws ApiException 422 naming the bad filter, or when more than {@code max} match
	 */
	public List<UUID> select(TenantId tenant, Map<String, String> filters, int max) {
		if (filters.isEmpty()) {
			throw ApiException.invalid("filters", "must name at least one filter");
		}
		SmbListQuery.rejectUnknown(filters, SmbListQuery.FILTERS);
		SmbListQuery.Filter filter = search.resolve(SmbListQuery.filter(tenant, filters));
		List<UUID> ids = jdbc
			.sql("SELECT s.id FROM smbs s WHERE " + filter.where() + " AND s.deleted_at IS NULL"
					+ " ORDER BY s.id LIMIT " + (max + 1))
			.params(filter.params())
			.query(UUID.class)
			.list();
		if (ids.size() > max) {
			throw ApiException.invalid("filters", "match more than " + max + " SMBs; narrow them");
		}
		return ids;
	}

	/**
	 * Flattens a JSON object of filters (values or lists) into the list's query
	 * parameters.
	 */
	public static Map<String, String> flatten(tools.jackson.databind.node.ObjectNode filters) {
		return SmbController.filters(filters);
	}

}

package com.fibonacco.smb.importing;

/**
 * The set-based SQL of an import: finding duplicates inside the file once the rows are
 * staged, and merging one range of row numbers into {@code smbs} in one statement — match
 * against live SMBs by email and/or phone, insert the new ones (a slug clash is retried
 * with a unique suffix in the same statement), update the matched ones (the file's
 * non-empty values win, metadata is merged, unchanged rows are not written) — and
 * counting what happened. Table names come from import ids, options from fixed choices;
 * values are bound parameters.
 */
final class MergeSql {

	private MergeSql() {
	}

	/**
	 * Rows of the file that share a key (email and/or phone, by {@code match_on}) with
	 * another row, each labelled with its own row number to start: the first step of
	 * finding the file's groups of rows about one business.
	 */
	static String duplicateCandidates(String table, boolean email, boolean phone) {
		String emails = "SELECT primary_email FROM " + table + " WHERE errors IS NULL AND primary_email IS NOT NULL "
				+ "GROUP BY primary_email HAVING count(*) > 1";
		String phones = "SELECT primary_phone FROM " + table + " WHERE errors IS NULL AND primary_phone IS NOT NULL "
				+ "GROUP BY primary_phone HAVING count(*) > 1";
		String where = email && phone ? "(s.primary_email IN (" + emails + ") OR s.primary_phone IN (" + phones + "))"
				: email ? "s.primary_email IN (" + emails + ")" : "s.primary_phone IN (" + phones + ")";
		return "CREATE TEMPORARY TABLE import_duplicates ON COMMIT DROP AS SELECT s.row_number, "
				+ (email ? "s.primary_email" : "NULL::text") + " AS email, "
				+ (phone ? "s.primary_phone" : "NULL::text") + " AS phone, s.row_number AS label FROM " + table
				+ " s WHERE s.errors IS NULL AND " + where;
	}

	/**
	 * One round of label propagation: each candidate takes the smallest label among the
	 * rows sharing its email or its phone. Repeated until nothing changes, the labels
	 * name connected groups (A shares an email with B, B a phone with C: one business).
	 */
	static final String PROPAGATE = """
			UPDATE import_duplicates d SET label = n.label
			FROM (SELECT row_number, least(
			        CASE WHEN email IS NULL THEN label ELSE min(label) OVER (PARTITION BY email) END,
			        CASE WHEN phone IS NULL THEN label ELSE min(label) OVER (PARTITION BY phone) END) AS label
			      FROM import_duplicates) n
			WHERE d.row_number = n.row_number AND n.label < d.label""";

	/**
	 * Marks every row of a group but one as a duplicate of it: the last row under update
	 * (the file's latest word), the first under skip — what processing the rows one by
	 * one would leave, without doing it one by one.
	 */
	static String markDuplicates(String table, boolean keepLast) {
		return "UPDATE " + table + " s SET dup_of = w.winner FROM (SELECT row_number, " + (keepLast ? "max" : "min")
				+ "(row_number) OVER (PARTITION BY label) AS winner "
				+ "FROM import_duplicates) w WHERE s.row_number = w.row_number AND s.row_number <> w.winner";
	}

	/** Copies the rejected rows' reasons into the error report. */
	static String errors(String table) {
		return "INSERT INTO smb_import_errors (tenant_id, import_id, row_number, error_no, column_name, value, reason) "
				+ "SELECT :tenant, :import, s.row_number, e.n::int, e.error ->> 'column', e.error ->> 'value', "
				+ "e.error ->> 'reason' FROM " + table + " s CROSS JOIN LATERAL jsonb_array_elements(s.errors) "
				+ "WITH ORDINALITY AS e (error, n) WHERE s.errors IS NOT NULL";
	}

	private static final String INSERT_COLUMNS = """
			tenant_id, id, community_id, slug, business_name, dba_name, business_type, category, primary_contact_name,
			primary_email, primary_phone, website, address, city, state, zip, latitude, longitude,
			business_description, service_model, subscription_tier, email_opted_in, sms_opted_in, rvm_opted_in,
			phone_opted_in, do_not_contact, source, metadata, created_at, updated_at""";

	private static String insertValues(String slug) {
		return """
				:tenant, f.new_id, coalesce(f.community_id, :community), %s, f.business_name, f.dba_name,
				f.business_type, f.category, f.primary_contact_name, f.primary_email, f.primary_phone, f.website,
				f.address, f.city, f.state, f.zip, f.latitude, f.longitude, f.business_description, f.service_model,
				coalesce(f.subscription_tier, 'free'), coalesce(f.email_opted_in, true), coalesce(f.sms_opted_in, false),
				coalesce(f.rvm_opted_in, true), coalesce(f.phone_opted_in, false), coalesce(f.do_not_contact, false),
				coalesce(f.source, 'import'), coalesce(f.metadata, '{}'::jsonb), :now, :now"""
			.formatted(slug);
	}

	/** The fields an update takes from the file: each only where the file has a value. */
	private static final String[] UPDATED = { "community_id", "business_name", "dba_name", "business_type", "category",
			"primary_contact_name", "primary_email", "primary_phone", "website", "address", "city", "state", "zip",
			"latitude", "longitude", "business_description", "service_model", "subscription_tier", "email_opted_in",
			"sms_opted_in", "rvm_opted_in", "phone_opted_in", "do_not_contact", "source" };

	/**
	 * One batch: rows with {@code :lo < row_number <= :hi}. Returns one row: processed,
	 * failed, created, updated (rows that matched an SMB under update, written or already
	 * equal).
	 */
	static String batch(String table, String onDuplicate, String matchOn, boolean dryRun) {
		StringBuilder sql = new StringBuilder();
		sql.append("WITH batch AS MATERIALIZED (SELECT row_number, errors IS NOT NULL AS rejected FROM ")
			.append(table)
			.append(" WHERE row_number > :lo AND row_number <= :hi), ");
		sql.append("good AS MATERIALIZED (SELECT * FROM ")
			.append(table)
			.append(" WHERE row_number > :lo AND row_number <= :hi AND errors IS NULL AND dup_of IS NULL), ");
		boolean matching = !onDuplicate.equals("create");
		if (matching) {
			boolean email = !matchOn.equals("phone");
			boolean phone = !matchOn.equals("email");
			if (email) {
				sql.append(hits("email_hit", "primary_email")).append(", ");
			}
			if (phone) {
				sql.append(hits("phone_hit", "primary_phone")).append(", ");
			}
			String id = email && phone ? "coalesce(e.smb_id, p.smb_id)" : email ? "e.smb_id" : "p.smb_id";
			sql.append("matched AS MATERIALIZED (SELECT g.row_number, ")
				.append(id)
				.append(" AS smb_id FROM good g")
				.append(email ? " LEFT JOIN email_hit e ON e.row_number = g.row_number" : "")
				.append(phone ? " LEFT JOIN phone_hit p ON p.row_number = g.row_number" : "")
				.append(" WHERE ")
				.append(id)
				.append(" IS NOT NULL), ");
			// two rows of one batch that match the same SMB: the later one is applied
			sql.append("target AS MATERIALIZED (SELECT DISTINCT ON (smb_id) smb_id, row_number FROM matched ")
				.append("ORDER BY smb_id, row_number DESC), ");
		}
		sql.append("fresh AS MATERIALIZED (SELECT g.*, CASE WHEN row_number() OVER w = 1 THEN g.slug_base ")
			.append("ELSE g.slug_base || '-' || row_number() OVER w END AS slug_try FROM good g")
			.append(matching ? " WHERE NOT EXISTS (SELECT 1 FROM matched m WHERE m.row_number = g.row_number)" : "")
			.append(" WINDOW w AS (PARTITION BY g.slug_base ORDER BY g.row_number))");
		if (dryRun) {
			sql.append(" SELECT (SELECT count(*) FROM batch) AS processed, ")
				.append("(SELECT count(*) FROM batch WHERE rejected) AS failed, ")
				.append("(SELECT count(*) FROM fresh) AS created, ")
				.append(onDuplicate.equals("update") ? "(SELECT count(*) FROM target)" : "0")
				.append(" AS updated");
			return sql.toString();
		}
		// in slug order: batches merged at once that claim the same slugs wait for each other
		// in one order, never in a circle
		sql.append(", ins AS (INSERT INTO smbs (")
			.append(INSERT_COLUMNS)
			.append(") SELECT ")
			.append(insertValues("f.slug_try"))
			.append(" FROM fresh f ORDER BY f.slug_try ON CONFLICT (tenant_id, slug) WHERE deleted_at IS NULL ")
			.append("DO NOTHING RETURNING id), ");
		// a slug already taken (or claimed twice in this batch): the base and part of the
		// new id
		sql.append("ins_renamed AS (INSERT INTO smbs (")
			.append(INSERT_COLUMNS)
			.append(") SELECT ")
			.append(insertValues("left(f.slug_base, 100) || '-' || right(replace(f.new_id::text, '-', ''), 12)"))
			.append(" FROM fresh f WHERE f.new_id NOT IN (SELECT id FROM ins) ORDER BY f.row_number RETURNING id)");
		if (onDuplicate.equals("update")) {
			sql.append(", upd AS (UPDATE smbs s SET ");
			for (String column : UPDATED) {
				sql.append(column).append(" = coalesce(g.").append(column).append(", s.").append(column).append("), ");
			}
			sql.append("metadata = s.metadata || coalesce(g.metadata, '{}'::jsonb), version = s.version + 1, ")
				.append("updated_at = :now FROM target t JOIN good g ON g.row_number = t.row_number ")
				.append("WHERE s.tenant_id = :tenant AND s.id = t.smb_id AND s.deleted_at IS NULL AND (NOT s.metadata @> ")
				.append("coalesce(g.metadata, '{}'::jsonb) OR (");
			StringBuilder before = new StringBuilder();
			StringBuilder after = new StringBuilder();
			for (String column : UPDATED) {
				before.append(before.isEmpty() ? "" : ", ").append("s.").append(column);
				after.append(after.isEmpty() ? "" : ", ")
					.append("coalesce(g.")
					.append(column)
					.append(", s.")
					.append(column)
					.append(")");
			}
			sql.append(before).append(") IS DISTINCT FROM (").append(after).append(")) RETURNING s.id)");
		}
		sql.append(" SELECT (SELECT count(*) FROM batch) AS processed, ")
			.append("(SELECT count(*) FROM batch WHERE rejected) AS failed, ")
			.append("(SELECT count(*) FROM ins) + (SELECT count(*) FROM ins_renamed) AS created, ")
			.append(onDuplicate.equals("update") ? "(SELECT count(*) FROM target) + 0 * (SELECT count(*) FROM upd)"
					: "0")
			.append(" AS updated");
		return sql.toString();
	}

	/** Each staged row's oldest live SMB with the same value in the column. */
	private static String hits(String name, String column) {
		return name + " AS MATERIALIZED (SELECT DISTINCT ON (g.row_number) g.row_number, s.id AS smb_id FROM good g "
				+ "JOIN smbs s ON s.tenant_id = :tenant AND s.deleted_at IS NULL AND s." + column + " = g." + column
				+ " ORDER BY g.row_number, s.created_at, s.id)";
	}

}

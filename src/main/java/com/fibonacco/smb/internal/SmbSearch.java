package com.fibonacco.smb.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fibonacco.smb.internal.SmbListQuery.Filter;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Turns the list's typed search into a full-text query over the SMBs' words (migration
 * V202611220240). Every typed term must match: a number matches the words starting with
 * it (phone numbers are indexed in four forms, so "(406) 587-0202", "5870202" and "0202"
 * all find one); a word of three letters or more matches every word of the tenant's
 * lexicon containing it ("bak" → bakery, bakers), and when no word contains it the words
 * most similar to it (typos: "bakry" → bakery); shorter words match by prefix.
 */
@Component
public class SmbSearch {

	/** Terms beyond this many are ignored: a search box, not a document. */
	static final int MAX_TERMS = 8;

	/**
	 * Containing words beyond this many make a term match by prefix instead: "ing" would
	 * otherwise expand to half the lexicon.
	 */
	static final int MAX_CONTAINING_WORDS = 256;

	static final int MAX_SIMILAR_WORDS = 16;

	/**
	 * pg_trgm similarity a typo must reach: 0.4 finds one-letter typos in short words
	 * ("bakry" → bakery, 0.44; "dentl" → dental, 0.44) where pg_trgm's default 0.3 finds
	 * too many words and 0.5 misses them.
	 */
	static final String SIMILARITY_THRESHOLD = "0.4";

	// the same split as the database's smb_search_terms(): runs of letters and digits
	private static final Pattern NON_WORD = Pattern.compile("[^\\p{IsAlphabetic}\\p{IsDigit}]+");

	private static final Pattern PHONE_LIKE = Pattern.compile("^[\\d\\s()+.\\-]+$");

	private final JdbcClient jdbc;

	SmbSearch(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The filter with its search turned into a query ({@code searchQuery},
	 * {@code searchRank}); a filter without a search as it is.
	 */
	public Filter resolve(Filter filter) {
		String search = filter.search();
		if (search == null) {
			return filter;
		}
		UUID tenant = (UUID) filter.params().get("tenant");
		Query query = query(tenant, search);
		Map<String, Object> params = new HashMap<>(filter.params());
		params.put("searchQuery", query.match());
		params.put("searchRank", query.rank());
		return new Filter(filter.where(), params, search, query.similar());
	}

	/**
	 * The tsquery text that finds the search, the one that ranks exact words first, and
	 * whether any term fell back to similar words.
	 */
	record Query(String match, String rank, boolean similar) {
	}

	Query query(UUID tenant, String search) {
		String digits = search.replaceAll("\\D", "");
		if (PHONE_LIKE.matcher(search).matches() && digits.length() >= 4) {
			String prefix = lexeme(digits) + ":*";
			return new Query(prefix, prefix, false);
		}
		List<String> terms = terms(search);
		if (terms.isEmpty()) {
			// punctuation only: nothing can match it
			return new Query("'-'", "'-'", false);
		}
		List<String> matches = new ArrayList<>();
		boolean similar = false;
		for (String term : terms) {
			if (term.length() < 3 || term.chars().allMatch(Character::isDigit)) {
				matches.add(lexeme(term) + ":*");
				continue;
			}
			List<String> containing = containing(tenant, term);
			if (containing.size() > MAX_CONTAINING_WORDS) {
				matches.add(lexeme(term) + ":*");
				continue;
			}
			if (containing.isEmpty()) {
				List<String> alike = similar(tenant, term);
				if (!alike.isEmpty()) {
					similar = true;
					matches.add(anyOf(alike));
					continue;
				}
				// no such word anywhere: the term itself, which matches nothing
				matches.add(lexeme(term));
				continue;
			}
			matches.add(anyOf(containing));
		}
		String rank = String.join(" | ", terms.stream().map(SmbSearch::lexeme).toList());
		return new Query(String.join(" & ", matches), rank, similar);
	}

	/** The search's distinct words, lower-cased, split as the database splits them. */
	static List<String> terms(String search) {
		Set<String> terms = new LinkedHashSet<>();
		for (String part : NON_WORD.split(search.toLowerCase(Locale.ROOT))) {
			if (!part.isEmpty() && part.length() <= 60 && terms.size() < MAX_TERMS) {
				terms.add(part);
			}
		}
		return List.copyOf(terms);
	}

	private List<String> containing(UUID tenant, String term) {
		// a term is letters and digits only: nothing to escape in the pattern
		return jdbc
			.sql("SELECT word FROM smb_search_words WHERE tenant_id = :tenant AND word LIKE :pattern"
					+ " ORDER BY word LIMIT :limit")
			.param("tenant", tenant)
			.param("pattern", "%" + term + "%")
			.param("limit", MAX_CONTAINING_WORDS + 1)
			.query(String.class)
			.list();
	}

	private List<String> similar(UUID tenant, String term) {
		jdbc.sql("SELECT set_config('pg_trgm.similarity_threshold', :threshold, true)")
			.param("threshold", SIMILARITY_THRESHOLD)
			.query()
			.singleValue();
		return jdbc
			.sql("SELECT word FROM smb_search_words WHERE tenant_id = :tenant AND word % :term"
					+ " ORDER BY similarity(word, :term) DESC, word LIMIT :limit")
			.param("tenant", tenant)
			.param("term", term)
			.param("limit", MAX_SIMILAR_WORDS)
			.query(String.class)
			.list();
	}

	private static String anyOf(List<String> words) {
		return words.size() == 1 ? lexeme(words.get(0))
				: "(" + String.join(" | ", words.stream().map(SmbSearch::lexeme).toList()) + ")";
	}

	/** A quoted tsquery lexeme; words are letters and digits, quotes doubled anyway. */
	private static String lexeme(String word) {
		return "'" + word.replace("'", "''").replace("\\", "\\\\") + "'";
	}

}

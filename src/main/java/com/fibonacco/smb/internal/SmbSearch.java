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
 * V202611220240). Every typed term must match. First by prefix, straight from the search
 * index: a word matches the words starting with it ("bak" → bakery, baker), a number the
 * numbers starting with it (phone numbers are indexed in four forms, so "(406) 587-0202",
 * "5870202" and "0202" all find one). Only when that finds no SMB does the tenant's
 * lexicon widen each word of three letters or more to the words containing it, or, when
 * no word contains it, to the words most similar to it (typos: "bakry" → bakery).
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
	 * The filter with its search as it will run: by prefix, or through the lexicon when
	 * no SMB matches by prefix. A filter without a search as it is.
	 */
	public Filter resolve(Filter filter) {
		if (filter.search() == null) {
			return filter;
		}
		Filter byPrefix = byPrefix(filter);
		if (!widens(filter) || exists(byPrefix)) {
			return byPrefix;
		}
		return byLexicon(filter);
	}

	/** The search matching every term by prefix, from the search index alone. */
	Filter byPrefix(Filter filter) {
		String search = filter.search();
		if (search == null) {
			return filter;
		}
		String digits = search.replaceAll("\\D", "");
		if (phoneLike(search)) {
			return with(filter, lexeme(digits) + ":*", lexeme(digits) + ":*", false);
		}
		List<String> terms = terms(search);
		if (terms.isEmpty()) {
			// punctuation only: nothing can match it
			return with(filter, "'-'", "'-'", false);
		}
		return with(filter, String.join(" & ", terms.stream().map(term -> lexeme(term) + ":*").toList()), rank(terms),
				false);
	}

	/**
	 * Whether {@link #byLexicon} can find more than {@link #byPrefix}: a search with a
	 * word of three letters or more (not a phone number).
	 */
	boolean widens(Filter filter) {
		String search = filter.search();
		return search != null && !phoneLike(search) && terms(search).stream().anyMatch(SmbSearch::widens);
	}

	/**
	 * The search with each word of three letters or more widened through the lexicon: to
	 * the words containing it, or else to the words similar to it.
	 */
	Filter byLexicon(Filter filter) {
		String search = filter.search();
		if (search == null || !widens(filter)) {
			return byPrefix(filter);
		}
		UUID tenant = (UUID) filter.params().get("tenant");
		List<String> terms = terms(search);
		List<String> matches = new ArrayList<>();
		boolean similar = false;
		for (String term : terms) {
			if (!widens(term)) {
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
		return with(filter, String.join(" & ", matches), rank(terms), similar);
	}

	private boolean exists(Filter filter) {
		return jdbc.sql("SELECT EXISTS (SELECT 1 FROM smbs s WHERE " + filter.where() + ")")
			.params(filter.params())
			.query(Boolean.class)
			.single();
	}

	private static Filter with(Filter filter, String query, String rank, boolean similar) {
		Map<String, Object> params = new HashMap<>(filter.params());
		params.put("searchQuery", query);
		params.put("searchRank", rank);
		return new Filter(filter.where(), params, filter.search(), similar);
	}

	/** Ranks SMBs having more of the words exactly as typed first. */
	private static String rank(List<String> terms) {
		return String.join(" | ", terms.stream().map(SmbSearch::lexeme).toList());
	}

	private static boolean phoneLike(String search) {
		return PHONE_LIKE.matcher(search).matches() && search.replaceAll("\\D", "").length() >= 4;
	}

	private static boolean widens(String term) {
		return term.length() >= 3 && !term.chars().allMatch(Character::isDigit);
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

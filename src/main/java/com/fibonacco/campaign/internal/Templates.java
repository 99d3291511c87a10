package com.fibonacco.campaign.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Campaign templates: {@code {{field}}} merge fields, filled with values that are always
 * escaped for HTML in the HTML part, and the literal links of a template turned into
 * tracked ones.
 */
final class Templates {

	/** The merge fields a template may use. */
	static final Set<String> FIELDS = Set.of("business_name", "contact_name", "contact_first_name", "community_name",
			"sender_name", "approve_url", "learn_more_url", "unsubscribe_url");

	private static final Pattern FIELD = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

	private static final Pattern HTML_LINK = Pattern.compile("href\\s*=\\s*\"(https?://[^\"]+)\"",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern TEXT_LINK = Pattern.compile("https?://[^\\s<>\"]+");

	private Templates() {
	}

	/** The merge fields of a template that don't exist, as written. */
	static List<String> unknownFields(String template) {
		List<String> unknown = new ArrayList<>();
		Matcher m = FIELD.matcher(template);
		while (m.find()) {
			if (!FIELDS.contains(m.group(1))) {
				unknown.add(m.group());
			}
		}
		return unknown;
	}

	/**
	 * Fills the merge fields. In HTML every value is escaped (names like "Joe's Bar &
	 * Grill" or a hostile "&lt;script&gt;" stay text); in text and subjects line breaks
	 * are removed. An unknown field is left empty.
	 */
	static String merge(String template, Map<String, String> values, boolean html) {
		Matcher m = FIELD.matcher(template);
		StringBuilder out = new StringBuilder(template.length() + 256);
		while (m.find()) {
			String value = values.getOrDefault(m.group(1), "");
			value = html ? escapeHtml(value) : value.replaceAll("[\\r\\n]+", " ");
			m.appendReplacement(out, Matcher.quoteReplacement(value));
		}
		m.appendTail(out);
		return out.toString();
	}

	static String escapeHtml(String value) {
		StringBuilder out = new StringBuilder(value.length() + 16);
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&#39;");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

	/**
	 * The two parts of an email with every literal http(s) link replaced by a merge field
	 * {@code link_N}; {@code links} receives each field's destination (one field per
	 * distinct URL, shared by both parts).
	 */
	static String[] extractLinks(String html, String text, Map<String, String> links) {
		Map<String, String> byUrl = new LinkedHashMap<>();
		Matcher m = HTML_LINK.matcher(html);
		StringBuilder htmlOut = new StringBuilder(html.length());
		while (m.find()) {
			String url = m.group(1).replace("&amp;", "&");
			String field = byUrl.computeIfAbsent(url, u -> "link_" + (byUrl.size() + 1));
			m.appendReplacement(htmlOut, Matcher.quoteReplacement("href=\"{{" + field + "}}\""));
		}
		m.appendTail(htmlOut);
		Matcher t = TEXT_LINK.matcher(text);
		StringBuilder textOut = new StringBuilder(text.length());
		while (t.find()) {
			String url = t.group();
			String field = byUrl.computeIfAbsent(url, u -> "link_" + (byUrl.size() + 1));
			t.appendReplacement(textOut, Matcher.quoteReplacement("{{" + field + "}}"));
		}
		t.appendTail(textOut);
		byUrl.forEach((url, field) -> links.put(field, url));
		return new String[] { htmlOut.toString(), textOut.toString() };
	}

}

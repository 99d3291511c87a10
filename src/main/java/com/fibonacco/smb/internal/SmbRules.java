package com.fibonacco.smb.internal;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;

/**
 * The SMB field rules of {@link SmbForm} and the list filters of {@link SmbListQuery},
 * for the module's own bulk paths (import, export) in sibling packages: one definition of
 * what a valid email, phone, state or ZIP is, and of what the list's filters mean.
 */
public final class SmbRules {

	/** The {@code service_model} values. */
	public static final Set<String> SERVICE_MODELS = SmbForm.SERVICE_MODELS;

	/** The {@code subscription_tier} values. */
	public static final Set<String> SUBSCRIPTION_TIERS = SmbForm.SUBSCRIPTION_TIERS;

	/** Two-letter codes of the US states, DC and the territories. */
	public static final Set<String> STATE_CODES = UsStates.CODES;

	/** The list's filter parameters, the same for the export. */
	public static final Set<String> LIST_FILTERS = SmbListQuery.FILTERS;

	private SmbRules() {
	}

	/** Lower-cased, or null when blank or not an email address. */
	public static @Nullable String normalizeEmail(@Nullable String raw) {
		return SmbForm.normalizeEmail(raw);
	}

	/**
	 * E.164 (read as US unless it has a country code), or null when not a valid number.
	 */
	public static @Nullable String normalizePhone(@Nullable String raw) {
		return SmbForm.normalizePhone(raw);
	}

	/** With its scheme, or null when not a web address. */
	public static @Nullable String normalizeWebsite(String raw) {
		return SmbForm.normalizeWebsite(raw);
	}

	public static boolean isZip(String zip) {
		return SmbForm.isZip(zip);
	}

	/** "Kim's Nail Studio" → "kims-nail-studio". */
	public static String slugOf(String name) {
		return SmbForm.slugOf(name);
	}

	/**
	 * The list's filters as a where clause over {@code smbs s} with bound parameters (422
	 * naming each bad filter, 400 for an unknown one).
	 * @param allowedExtra parameters the caller handles itself (e.g. {@code format})
	 */
	public static Filter filter(TenantId tenant, Map<String, String> params, Set<String> allowedExtra) {
		java.util.Set<String> allowed = new java.util.HashSet<>(SmbListQuery.FILTERS);
		allowed.addAll(allowedExtra);
		SmbListQuery.rejectUnknown(params, allowed);
		Map<String, String> filters = new java.util.LinkedHashMap<>(params);
		filters.keySet().removeAll(allowedExtra);
		SmbListQuery.Filter filter = SmbListQuery.filter(tenant, filters);
		return new Filter(filter.where(), filter.params(), filter.params().containsKey("search"));
	}

	/** The trigram threshold the list's search uses (set per transaction). */
	public static String searchThreshold() {
		return SmbService.SEARCH_THRESHOLD;
	}

	/**
	 * A where clause over {@code smbs s}; {@code trigramSearch} when it uses the search
	 * threshold.
	 */
	public record Filter(String where, Map<String, Object> params, boolean trigramSearch) {
	}

}

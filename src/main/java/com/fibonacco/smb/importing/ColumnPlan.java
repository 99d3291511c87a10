package com.fibonacco.smb.importing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.web.FieldError;

/**
 * Which target each of a file's columns feeds: the import's explicit mapping first, then
 * the header aliases of {@link Target}. When several columns claim one field, the one
 * with the strongest alias wins (the field's own name, then the earlier alias, then the
 * leftmost column) and the others are kept in metadata.
 */
final class ColumnPlan {

	/** Targets that take at most one column; the rest (extra, ignore) take any number. */
	private static final Set<Target> MULTI = Set.of(Target.EXTRA, Target.IGNORE, Target.METADATA);

	private final List<String> headers;

	private final Target[] targets;

	private ColumnPlan(List<String> headers, Target[] targets) {
		this.headers = headers;
		this.targets = targets;
	}

	/**
	 * The user's mapping from a file column to a target name, validated: keys are trimmed
	 * and compared without case.
	 */
	static Map<String, Target> mapping(Map<String, @Nullable String> raw, List<FieldError> errors) {
		Map<String, Target> mapping = new LinkedHashMap<>();
		raw.forEach((column, target) -> {
			var resolved = target == null ? java.util.Optional.of(Target.IGNORE) : Target.ofApiName(target);
			if (resolved.isEmpty() || resolved.get() == Target.EXTRA) {
				errors.add(new FieldError("mapping." + column,
						"'" + target + "' is not a field you can import; use one of "
								+ String.join(", ", new TreeSet<>(Target.apiNames()))));
			}
			else {
				mapping.put(column.strip().toLowerCase(Locale.ROOT), resolved.get());
			}
		});
		return mapping;
	}

	static ColumnPlan of(List<String> headers, Map<String, Target> mapping) {
		Target[] targets = new Target[headers.size()];
		Map<Target, Integer> claimed = new EnumMap<>(Target.class);
		// explicit mapping first: it always wins its field
		for (int i = 0; i < headers.size(); i++) {
			Target mapped = mapping.get(headers.get(i).strip().toLowerCase(Locale.ROOT));
			if (mapped != null) {
				targets[i] = mapped;
				if (!MULTI.contains(mapped)) {
					Integer previous = claimed.put(mapped, i);
					if (previous != null) {
						targets[previous] = Target.EXTRA;
					}
				}
			}
		}
		Map<Target, Integer> bestRank = new HashMap<>();
		for (int i = 0; i < headers.size(); i++) {
			if (targets[i] != null) {
				continue;
			}
			Target alias = Target.ofHeader(headers.get(i)).orElse(Target.EXTRA);
			if (MULTI.contains(alias)) {
				targets[i] = alias;
				continue;
			}
			Integer holder = claimed.get(alias);
			int rank = Target.rank(headers.get(i));
			if (holder == null) {
				claimed.put(alias, i);
				bestRank.put(alias, rank);
				targets[i] = alias;
			}
			else if (bestRank.containsKey(alias) && rank < bestRank.get(alias)) {
				targets[holder] = loser(alias);
				claimed.put(alias, i);
				bestRank.put(alias, rank);
				targets[i] = alias;
			}
			else {
				targets[i] = loser(alias);
			}
		}
		return new ColumnPlan(List.copyOf(headers), targets);
	}

	/**
	 * Where a column goes that lost its field to a stronger one: metadata, except a
	 * second way of naming the community (the export's community_slug next to its
	 * community_id), which says nothing new.
	 */
	private static Target loser(Target target) {
		return target == Target.COMMUNITY ? Target.IGNORE : Target.EXTRA;
	}

	List<String> headers() {
		return headers;
	}

	Target target(int column) {
		return targets[column];
	}

	int size() {
		return targets.length;
	}

	boolean has(Target target) {
		for (Target t : targets) {
			if (t == target) {
				return true;
			}
		}
		return false;
	}

	/** Header → target API name, for the import's description. */
	Map<String, String> describe() {
		Map<String, String> description = new LinkedHashMap<>();
		for (int i = 0; i < targets.length; i++) {
			description.put(headers.get(i),
					targets[i] == Target.EXTRA ? "metadata." + headers.get(i) : targets[i].apiName);
		}
		return description;
	}

	/** Mapping keys that name no column of the file. */
	static List<String> unknownColumns(Map<String, @Nullable String> raw, List<String> headers) {
		Set<String> known = new java.util.HashSet<>();
		headers.forEach(header -> known.add(header.strip().toLowerCase(Locale.ROOT)));
		List<String> unknown = new ArrayList<>();
		raw.keySet().forEach(column -> {
			if (!known.contains(column.strip().toLowerCase(Locale.ROOT))) {
				unknown.add(column);
			}
		});
		return unknown;
	}

}

package com.fibonacco.smb.importing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fibonacco.shared.TenantId;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The tenant's communities by id, slug and name, read once per import (a tenant has towns
 * by the hundred, not by the million), so each row's community is looked up in memory.
 * Read-only on the community module's table.
 */
final class CommunityDirectory {

	private final Map<String, UUID> byId = new HashMap<>();

	private final Map<String, UUID> bySlug = new HashMap<>();

	private final Map<String, List<UUID>> byName = new HashMap<>();

	static CommunityDirectory load(JdbcClient jdbc, TenantId tenant) {
		CommunityDirectory directory = new CommunityDirectory();
		jdbc.sql("SELECT id, slug, name FROM communities WHERE tenant_id = :tenant")
			.param("tenant", tenant.value())
			.query(rs -> {
				UUID id = rs.getObject("id", UUID.class);
				directory.byId.put(id.toString(), id);
				directory.bySlug.put(rs.getString("slug"), id);
				directory.byName.computeIfAbsent(nameKey(rs.getString("name")), key -> new ArrayList<>()).add(id);
			});
		return directory;
	}

	/** A community found, or why not. */
	sealed interface Lookup {

		record Found(UUID id) implements Lookup {
		}

		record Problem(String reason) implements Lookup {
		}

	}

	Lookup find(String reference) {
		String ref = reference.strip();
		String lower = ref.toLowerCase(Locale.ROOT);
		UUID id = byId.get(lower);
		if (id == null) {
			id = bySlug.get(lower);
		}
		if (id != null) {
			return new Lookup.Found(id);
		}
		List<UUID> named = byName.get(nameKey(ref));
		if (named == null) {
			return new Lookup.Problem("is not a community of yours (by id, slug or name)");
		}
		if (named.size() > 1) {
			return new Lookup.Problem("names " + named.size() + " communities; use the community's slug or id");
		}
		return new Lookup.Found(named.get(0));
	}

	boolean contains(UUID id) {
		return byId.containsKey(id.toString());
	}

	private static String nameKey(String name) {
		return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
	}

}

package com.fibonacco.shared.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static com.fibonacco.shared.security.Permissions.*;

/** A user's one role in its tenant, and what it may do (seed 002 §6.1). */
public enum Role {

	/** Everything in the tenant, users and settings included. */
	ADMIN(Set.of(CONTACTS_VIEW, CONTACTS_EDIT, CONTACTS_DELETE, CONTACTS_EXPORT, CONTACTS_IMPORT, ACTIVITIES_MANAGE,
			COMMUNITIES_MANAGE, TAGS_MANAGE, AUDIENCES_MANAGE, BROADCASTS_VIEW, BROADCASTS_CREATE, BROADCASTS_SEND,
			CAMPAIGNS_MANAGE, WORKFLOWS_VIEW, WORKFLOWS_CREATE, WORKFLOWS_ACTIVATE, SCORING_MANAGE, ANALYTICS_VIEW,
			SETTINGS_MANAGE, USERS_MANAGE, JOBS_DASHBOARD)),

	/**
	 * Runs the marketing: contacts, campaigns, workflows, scoring; not users or settings.
	 */
	MANAGER(Set.of(CONTACTS_VIEW, CONTACTS_EDIT, CONTACTS_DELETE, CONTACTS_EXPORT, CONTACTS_IMPORT, ACTIVITIES_MANAGE,
			COMMUNITIES_MANAGE, TAGS_MANAGE, AUDIENCES_MANAGE, BROADCASTS_VIEW, BROADCASTS_CREATE, BROADCASTS_SEND,
			CAMPAIGNS_MANAGE, WORKFLOWS_VIEW, WORKFLOWS_CREATE, WORKFLOWS_ACTIVATE, SCORING_MANAGE, ANALYTICS_VIEW)),

	/** Works the contacts: edits them, adds notes and tasks. */
	AGENT(Set.of(CONTACTS_VIEW, CONTACTS_EDIT, ACTIVITIES_MANAGE, BROADCASTS_VIEW, WORKFLOWS_VIEW, ANALYTICS_VIEW)),

	/** Reads, never writes. */
	VIEWER(Set.of(CONTACTS_VIEW, BROADCASTS_VIEW, WORKFLOWS_VIEW, ANALYTICS_VIEW));

	private final Set<String> permissions;

	Role(Set<String> permissions) {
		this.permissions = permissions;
	}

	public Set<String> permissions() {
		return permissions;
	}

	/** The name used in the API and the database: lower case. */
	public String apiName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<Role> fromApiName(String name) {
		return Arrays.stream(values()).filter(role -> role.apiName().equals(name)).findFirst();
	}

}

package com.fibonacco.shared.security;

/**
 * The permission names of seed 002 §6.1, plus the ones Fibonacco adds. Controllers check
 * them with {@code @PreAuthorize("hasAuthority('…')")}; roles grant them ({@link Role}).
 */
public final class Permissions {

	public static final String CONTACTS_VIEW = "crm.contacts.view";

	public static final String CONTACTS_EDIT = "crm.contacts.edit";

	public static final String CONTACTS_DELETE = "crm.contacts.delete";

	public static final String CONTACTS_EXPORT = "crm.contacts.export";

	public static final String CONTACTS_IMPORT = "crm.contacts.import";

	public static final String ACTIVITIES_MANAGE = "crm.activities.manage";

	public static final String COMMUNITIES_MANAGE = "crm.communities.manage";

	public static final String TAGS_MANAGE = "crm.tags.manage";

	public static final String AUDIENCES_MANAGE = "crm.audiences.manage";

	public static final String BROADCASTS_VIEW = "crm.broadcasts.view";

	public static final String BROADCASTS_CREATE = "crm.broadcasts.create";

	public static final String BROADCASTS_SEND = "crm.broadcasts.send";

	public static final String CAMPAIGNS_MANAGE = "crm.campaigns.manage";

	public static final String WORKFLOWS_VIEW = "crm.workflows.view";

	public static final String WORKFLOWS_CREATE = "crm.workflows.create";

	public static final String WORKFLOWS_ACTIVATE = "crm.workflows.activate";

	public static final String SCORING_MANAGE = "crm.scoring.manage";

	public static final String ANALYTICS_VIEW = "crm.analytics.view";

	public static final String SETTINGS_MANAGE = "crm.settings.manage";

	public static final String USERS_MANAGE = "crm.users.manage";

	public static final String JOBS_DASHBOARD = "crm.jobs.dashboard";

	/** Only the platform admin: creates tenants. Not granted by any tenant role. */
	public static final String TENANTS_MANAGE = "platform.tenants.manage";

	private Permissions() {
	}

}

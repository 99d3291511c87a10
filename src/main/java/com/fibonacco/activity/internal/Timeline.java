package com.fibonacco.activity.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.activity.internal.ActivityDtos.ActivityResponse;
import com.fibonacco.activity.internal.ActivityDtos.PerformedBy;
import com.fibonacco.identity.UserDirectory;
import com.fibonacco.identity.UserDirectory.UserSummary;
import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.web.ApiException;
import com.fibonacco.shared.web.Page;
import com.fibonacco.shared.web.PageQuery;
import com.fibonacco.smb.SmbId;
import com.fibonacco.smb.Smbs;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads an SMB's timeline for the API. */
@Service
class Timeline {

	private final Activities activities;

	private final Smbs smbs;

	private final UserDirectory users;

	Timeline(Activities activities, Smbs smbs, UserDirectory users) {
		this.activities = activities;
		this.smbs = smbs;
		this.users = users;
	}

	/** One page of the SMB's timeline, newest first; 404 for an SMB the tenant hasn't. */
	@Transactional(readOnly = true)
	Page<ActivityResponse> page(TenantId tenant, SmbId smb, ActivityFilter filter, PageQuery page) {
		if (!smbs.exists(tenant, smb)) {
			throw ApiException.notFound("smb", smb);
		}
		long total = activities.count(tenant, smb, filter);
		List<ActivityRow> rows = total <= page.offset() ? List.of() : activities.page(tenant, smb, filter, page);
		// a page names few distinct users: look each up once
		Map<UUID, Optional<UserSummary>> known = new HashMap<>();
		return new Page<>(rows, page, total)
			.map(row -> ActivityResponse.of(row, performer(tenant, row.performedBy(), known)));
	}

	private @Nullable PerformedBy performer(TenantId tenant, @Nullable UUID user,
			Map<UUID, Optional<UserSummary>> known) {
		if (user == null) {
			return null;
		}
		return new PerformedBy(user,
				known.computeIfAbsent(user, id -> users.find(tenant, id)).map(UserSummary::name).orElse(null));
	}

}

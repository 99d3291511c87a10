package com.fibonacco.identity.internal;

import java.util.Optional;
import java.util.UUID;

import com.fibonacco.identity.UserDirectory;
import com.fibonacco.shared.TenantId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcUserDirectory implements UserDirectory {

	private final Users users;

	JdbcUserDirectory(Users users) {
		this.users = users;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<UserSummary> find(TenantId tenant, UUID userId) {
		return users.find(tenant, userId)
			.map(user -> new UserSummary(user.id(), user.name(), user.email(), user.role().apiName(), user.active()));
	}

}

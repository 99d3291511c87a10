package com.fibonacco.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.identity.FirstTenant;
import com.fibonacco.identity.TenantBootstrap;
import com.fibonacco.identity.TenantCreated;
import com.fibonacco.identity.internal.IdentityDtos.CreateTenantRequest;
import com.fibonacco.identity.internal.IdentityDtos.CreateUserRequest;
import com.fibonacco.identity.internal.IdentityDtos.UpdateUserRequest;
import com.fibonacco.identity.internal.Tenants.TenantRow;
import com.fibonacco.shared.Ids;
import com.fibonacco.shared.Secrets;
import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.security.Role;
import com.fibonacco.shared.web.ApiException;
import com.fibonacco.shared.web.FieldError;
import com.fibonacco.shared.web.Page;
import com.fibonacco.shared.web.PageQuery;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Tenants and their users: creation, role changes, deactivation, the first start. */
@Service
class IdentityService implements TenantBootstrap {

	private final Tenants tenants;

	private final Users users;

	private final PasswordEncoder passwords;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	IdentityService(Tenants tenants, Users users, PasswordEncoder passwords, ApplicationEventPublisher events,
			Clock clock) {
		this.tenants = tenants;
		this.users = users;
		this.passwords = passwords;
		this.events = events;
		this.clock = clock;
	}

	@Override
	@Transactional
	public Optional<FirstTenant> createFirstTenantIfEmpty(String adminEmail, @Nullable String adminPassword) {
		tenants.lockForFirstStart();
		if (tenants.any()) {
			return Optional.empty();
		}
		String password = adminPassword == null || adminPassword.isBlank() ? Secrets.random(15) : adminPassword;
		PasswordPolicy.problem(password).ifPresent(problem -> {
			throw new IllegalStateException("FIBONACCO_ADMIN_PASSWORD " + problem);
		});
		String email = Credentials.normalizeEmail(adminEmail);
		TenantId tenant = insertTenant("Demo").id();
		insertUser(tenant, email, "Demo Admin", Role.ADMIN, password, true);
		return Optional.of(new FirstTenant(tenant, email,
				adminPassword == null || adminPassword.isBlank() ? Optional.of(password) : Optional.empty()));
	}

	@Transactional
	TenantWithAdmin createTenant(CreateTenantRequest request) {
		List<FieldError> errors = new ArrayList<>();
		String email = Credentials.normalizeEmail(request.adminEmail());
		PasswordPolicy.problem(request.adminPassword())
			.ifPresent(problem -> errors.add(new FieldError("admin_password", problem)));
		if (!errors.isEmpty()) {
			throw ApiException.invalid(errors);
		}
		if (users.emailTaken(email)) {
			throw ApiException.conflict("email_taken", "A user with email " + email + " already exists");
		}
		TenantRow tenant = insertTenant(request.name().strip());
		UserRow admin = insertUser(tenant.id(), email, request.adminName().strip(), Role.ADMIN, request.adminPassword(),
				false);
		return new TenantWithAdmin(tenant, admin);
	}

	private TenantRow insertTenant(String name) {
		String base = Slugs.of(name);
		String slug = base;
		for (int n = 2; tenants.slugTaken(slug); n++) {
			slug = base + "-" + n;
		}
		TenantRow tenant = new TenantRow(new TenantId(Ids.newId(clock)), name, slug, clock.instant());
		tenants.insert(tenant);
		events.publishEvent(new TenantCreated(tenant.id(), name, slug));
		return tenant;
	}

	private UserRow insertUser(TenantId tenant, String email, String name, Role role, String password,
			boolean platformAdmin) {
		Instant now = clock.instant();
		UserRow user = new UserRow(Ids.newId(clock), tenant, email, name, role, passwords.encode(password),
				platformAdmin, true, null, now, now);
		users.insert(user);
		return user;
	}

	@Transactional
	UserRow createUser(TenantId tenant, CreateUserRequest request) {
		List<FieldError> errors = new ArrayList<>();
		Role role = Role.fromApiName(request.role()).orElse(null);
		if (role == null) {
			errors.add(new FieldError("role", "must be one of admin, manager, agent, viewer"));
		}
		PasswordPolicy.problem(request.password())
			.ifPresent(problem -> errors.add(new FieldError("password", problem)));
		if (!errors.isEmpty()) {
			throw ApiException.invalid(errors);
		}
		String email = Credentials.normalizeEmail(request.email());
		if (users.emailTaken(email)) {
			throw ApiException.conflict("email_taken", "A user with email " + email + " already exists");
		}
		return insertUser(tenant, email, request.name().strip(), role, request.password(), false);
	}

	@Transactional
	UserRow updateUser(TenantId tenant, UUID id, UpdateUserRequest request) {
		UserRow user = users.findForUpdate(tenant, id).orElseThrow(() -> ApiException.notFound("user", id));
		List<FieldError> errors = new ArrayList<>();
		Role role = user.role();
		if (request.role() != null) {
			role = Role.fromApiName(request.role()).orElse(null);
			if (role == null) {
				errors.add(new FieldError("role", "must be one of admin, manager, agent, viewer"));
			}
		}
		if (request.password() != null) {
			PasswordPolicy.problem(request.password())
				.ifPresent(problem -> errors.add(new FieldError("password", problem)));
		}
		if (request.name() != null && request.name().isBlank()) {
			errors.add(new FieldError("name", "must not be blank"));
		}
		if (!errors.isEmpty()) {
			throw ApiException.invalid(errors);
		}
		boolean active = request.active() == null ? user.active() : request.active();
		boolean losesAdmin = user.role() == Role.ADMIN && user.active() && (role != Role.ADMIN || !active);
		if (losesAdmin) {
			guardLastAdmin(tenant);
		}
		UserRow updated = new UserRow(user.id(), tenant, user.email(),
				request.name() == null ? user.name() : request.name().strip(), role,
				request.password() == null ? user.passwordHash() : passwords.encode(request.password()),
				user.platformAdmin(), active, user.lastLoginAt(), user.createdAt(), clock.instant());
		users.update(updated);
		return updated;
	}

	@Transactional
	UserRow deactivateUser(TenantId tenant, UUID id) {
		return updateUser(tenant, id, new UpdateUserRequest(null, null, false, null));
	}

	private void guardLastAdmin(TenantId tenant) {
		if (users.lockActiveAdmins(tenant) <= 1) {
			throw ApiException.conflict("last_admin",
					"This is the tenant's last active admin; make another user admin first");
		}
	}

	@Transactional(readOnly = true)
	Page<UserRow> users(TenantId tenant, PageQuery page) {
		return new Page<>(users.page(tenant, page), page, users.count(tenant));
	}

	@Transactional(readOnly = true)
	UserRow user(TenantId tenant, UUID id) {
		return users.find(tenant, id).orElseThrow(() -> ApiException.notFound("user", id));
	}

	@Transactional(readOnly = true)
	Page<TenantRow> tenants(PageQuery page) {
		return new Page<>(tenants.page(page), page, tenants.count());
	}

	record TenantWithAdmin(TenantRow tenant, UserRow admin) {
	}

}

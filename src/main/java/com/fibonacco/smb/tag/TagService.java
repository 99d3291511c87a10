package com.fibonacco.smb.tag;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.Ids;
import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.security.CurrentUser;
import com.fibonacco.shared.web.ApiException;
import com.fibonacco.shared.web.FieldError;
import com.fibonacco.shared.web.Page;
import com.fibonacco.shared.web.PageQuery;
import com.fibonacco.smb.SmbId;
import com.fibonacco.smb.Smbs;
import com.fibonacco.smb.SmbTagged;
import com.fibonacco.smb.SmbUntagged;
import com.fibonacco.smb.tag.TagDtos.CreateTagRequest;
import com.fibonacco.smb.tag.TagDtos.UpdateTagRequest;
import com.fibonacco.smb.tag.Tags.SmbTagRow;
import com.fibonacco.smb.tag.Tags.TagRow;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tenant's tags and the SMBs they are on. Tag writes are serialised per tenant (they
 * are rare), so "name taken" and the next free slug are decided without races.
 */
@Service
class TagService {

	private final Smbs smbs;

	/** The console's badge palette; the database checks the same list. */
	static final List<String> COLORS = List.of("gray", "red", "orange", "amber", "yellow", "lime", "green", "teal",
			"cyan", "blue", "indigo", "purple", "pink");

	static final String DEFAULT_COLOR = "gray";

	/** How many unknown ids a refusal names before it just counts the rest. */
	private static final int NAMED_IDS = 20;

	private final Tags tags;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	TagService(Tags tags, ApplicationEventPublisher events, Clock clock, Smbs smbs) {
		this.smbs = smbs;
		this.tags = tags;
		this.events = events;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	Page<TagRow> tags(TenantId tenant, PageQuery page) {
		return new Page<>(tags.page(tenant, page), page, tags.count(tenant));
	}

	@Transactional(readOnly = true)
	TagRow tag(TenantId tenant, UUID id) {
		return tags.find(tenant, id).orElseThrow(() -> ApiException.notFound("tag", id));
	}

	@Transactional
	TagRow create(CurrentUser user, CreateTagRequest request) {
		TenantId tenant = user.tenantId();
		String name = request.name().strip();
		String color = color(request.color());
		tags.lockTenantTags(tenant);
		if (tags.nameTaken(tenant, name, null)) {
			throw tagExists(name);
		}
		UUID id = Ids.newId(clock);
		try {
			tags.insert(tenant, id, name, freeSlug(tenant, name), color, blankToNull(request.description()),
					user.userId(), clock.instant());
		}
		catch (DuplicateKeyException ex) {
			// only a writer that bypasses the tenant lock gets here
			throw tagExists(name);
		}
		return tag(tenant, id);
	}

	@Transactional
	TagRow update(TenantId tenant, UUID id, UpdateTagRequest request) {
		List<FieldError> errors = new ArrayList<>();
		if (request.has("name") && (request.getName() == null || request.getName().isBlank())) {
			errors.add(new FieldError("name", "must not be blank"));
		}
		if (request.has("color") && (request.getColor() == null || !COLORS.contains(request.getColor()))) {
			errors.add(colorError());
		}
		if (!errors.isEmpty()) {
			throw ApiException.invalid(errors);
		}
		tags.lockTenantTags(tenant);
		TagRow tag = tag(tenant, id);
		String name = request.has("name") && request.getName() != null ? request.getName().strip() : tag.name();
		String slug = tag.slug();
		if (!name.equals(tag.name())) {
			if (tags.nameTaken(tenant, name, id)) {
				throw tagExists(name);
			}
			if (!TagSlugs.of(name).equals(TagSlugs.of(tag.name()))) {
				slug = freeSlug(tenant, name);
			}
		}
		String color = request.has("color") && request.getColor() != null ? request.getColor() : tag.color();
		String description = request.has("description") ? blankToNull(request.getDescription()) : tag.description();
		try {
			tags.update(tenant, id, name, slug, color, description, clock.instant());
		}
		catch (DuplicateKeyException ex) {
			throw tagExists(name);
		}
		return tag(tenant, id);
	}

	/** Deletes the tag and takes it off every SMB; no per-SMB events. */
	@Transactional
	void delete(TenantId tenant, UUID id) {
		if (!tags.delete(tenant, id)) {
			throw ApiException.notFound("tag", id);
		}
	}

	@Transactional(readOnly = true)
	List<SmbTagRow> tagsOfSmb(TenantId tenant, UUID smb) {
		requireSmb(tenant, smb);
		return tags.tagsOfSmb(tenant, smb);
	}

	/**
	 * Puts the tags on the SMB. Every id must be a tag of the tenant, else nothing is
	 * written; tags the SMB already carries change nothing and publish nothing.
	 */
	@Transactional
	List<SmbTagRow> tagSmb(CurrentUser user, UUID smb, List<UUID> tagIds) {
		TenantId tenant = user.tenantId();
		requireSmb(tenant, smb);
		Set<UUID> wanted = new LinkedHashSet<>(tagIds);
		Map<UUID, String> names = tags.lockNames(tenant, wanted);
		List<UUID> unknown = wanted.stream().filter(id -> !names.containsKey(id)).toList();
		if (!unknown.isEmpty()) {
			throw ApiException.invalid("tag_ids", "has ids that are not tags of this tenant: " + listed(unknown));
		}
		Instant now = clock.instant();
		for (UUID tag : tags.tagSmb(tenant, smb, wanted, user.userId(), now)) {
			events.publishEvent(new SmbTagged(tenant, new SmbId(smb), tag, names.get(tag), user.userId(), now));
		}
		return tags.tagsOfSmb(tenant, smb);
	}

	@Transactional
	void untagSmb(CurrentUser user, UUID smb, UUID tag) {
		TenantId tenant = user.tenantId();
		requireSmb(tenant, smb);
		String name = tags.lockName(tenant, tag).orElseThrow(() -> ApiException.notFound("tag", tag));
		if (!tags.untagSmb(tenant, smb, tag)) {
			throw new ApiException(HttpStatus.NOT_FOUND, "not_found",
					"The SMB " + smb + " does not carry the tag " + tag);
		}
		events.publishEvent(new SmbUntagged(tenant, new SmbId(smb), tag, name, user.userId(), clock.instant()));
	}

	/**
	 * Puts the tag on up to {@value TagDtos#MAX_BULK_SMBS} SMBs in one statement. Every
	 * id must be a live SMB of the tenant, else nothing is written.
	 */
	@Transactional
	long tagSmbs(CurrentUser user, UUID tag, List<UUID> smbIds) {
		TenantId tenant = user.tenantId();
		String name = tags.lockName(tenant, tag).orElseThrow(() -> ApiException.notFound("tag", tag));
		Set<UUID> smbs = requireSmbs(tenant, smbIds);
		Instant now = clock.instant();
		List<UUID> tagged = tags.tagSmbs(tenant, tag, smbs, user.userId(), now);
		for (UUID smb : tagged) {
			events.publishEvent(new SmbTagged(tenant, new SmbId(smb), tag, name, user.userId(), now));
		}
		return tagged.size();
	}

	@Transactional
	long untagSmbs(CurrentUser user, UUID tag, List<UUID> smbIds) {
		TenantId tenant = user.tenantId();
		String name = tags.lockName(tenant, tag).orElseThrow(() -> ApiException.notFound("tag", tag));
		Set<UUID> smbs = requireSmbs(tenant, smbIds);
		Instant now = clock.instant();
		List<UUID> untagged = tags.untagSmbs(tenant, tag, smbs);
		for (UUID smb : untagged) {
			events.publishEvent(new SmbUntagged(tenant, new SmbId(smb), tag, name, user.userId(), now));
		}
		return untagged.size();
	}

	private void requireSmb(TenantId tenant, UUID smb) {
		if (!smbs.exists(tenant, new SmbId(smb))) {
			throw ApiException.notFound("SMB", smb);
		}
	}

	private Set<UUID> requireSmbs(TenantId tenant, List<UUID> smbIds) {
		Set<UUID> smbs = new LinkedHashSet<>(smbIds);
		List<UUID> unknown = tags.unknownSmbs(tenant, smbs);
		if (!unknown.isEmpty()) {
			throw ApiException.invalid("smb_ids", "has ids that are not SMBs of this tenant: " + listed(unknown));
		}
		return smbs;
	}

	private String freeSlug(TenantId tenant, String name) {
		String base = TagSlugs.of(name);
		String slug = base;
		for (int n = 2; tags.slugTaken(tenant, slug); n++) {
			slug = base + "-" + n;
		}
		return slug;
	}

	private static String color(@Nullable String color) {
		if (color == null) {
			return DEFAULT_COLOR;
		}
		if (!COLORS.contains(color)) {
			throw ApiException.invalid(List.of(colorError()));
		}
		return color;
	}

	private static FieldError colorError() {
		return new FieldError("color", "must be one of " + String.join(", ", COLORS));
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

	private static ApiException tagExists(String name) {
		return ApiException.conflict("tag_exists", "A tag named '" + name + "' already exists");
	}

	private static String listed(List<UUID> ids) {
		String named = ids.stream().limit(NAMED_IDS).map(UUID::toString).collect(Collectors.joining(", "));
		return ids.size() > NAMED_IDS ? named + " and " + (ids.size() - NAMED_IDS) + " more" : named;
	}

}

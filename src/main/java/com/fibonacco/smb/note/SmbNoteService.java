package com.fibonacco.smb.note;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.identity.UserDirectory;
import com.fibonacco.shared.Ids;
import com.fibonacco.shared.TenantId;
import com.fibonacco.shared.security.CurrentUser;
import com.fibonacco.shared.security.Permissions;
import com.fibonacco.shared.web.ApiException;
import com.fibonacco.shared.web.FieldError;
import com.fibonacco.shared.web.Page;
import com.fibonacco.shared.web.PageQuery;
import com.fibonacco.smb.NoteAdded;
import com.fibonacco.smb.NoteDeleted;
import com.fibonacco.smb.NoteUpdated;
import com.fibonacco.smb.SmbId;
import com.fibonacco.smb.Smbs;
import com.fibonacco.smb.note.NoteDtos.Author;
import com.fibonacco.smb.note.NoteDtos.NotePatch;
import com.fibonacco.smb.note.NoteDtos.NoteRequest;
import com.fibonacco.smb.note.NoteDtos.NoteResponse;
import com.fibonacco.smb.note.SmbNotes.NoteRow;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notes on SMBs. Anyone who may work the SMB adds notes; only a note's author, or an
 * admin, changes or deletes it.
 */
@Service
class SmbNoteService {

	private final Smbs smbs;

	/** How much of a note the events carry (for the activity timeline). */
	static final int EXCERPT = 200;

	private final SmbNotes notes;

	private final UserDirectory users;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SmbNoteService(SmbNotes notes, UserDirectory users, ApplicationEventPublisher events, Clock clock, Smbs smbs) {
		this.smbs = smbs;
		this.notes = notes;
		this.users = users;
		this.events = events;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	Page<NoteResponse> notes(TenantId tenant, UUID smb, PageQuery page) {
		requireSmb(tenant, smb);
		Map<UUID, Optional<Author>> authors = new HashMap<>();
		List<NoteResponse> items = notes.page(tenant, smb, page)
			.stream()
			.map(note -> response(tenant, note, authors))
			.toList();
		return new Page<>(items, page, notes.count(tenant, smb));
	}

	@Transactional(readOnly = true)
	NoteResponse note(TenantId tenant, UUID smb, UUID id) {
		requireSmb(tenant, smb);
		return response(tenant, notes.find(tenant, smb, id).orElseThrow(() -> ApiException.notFound("note", id)),
				new HashMap<>());
	}

	@Transactional
	NoteResponse add(CurrentUser user, UUID smb, NoteRequest request) {
		TenantId tenant = user.tenantId();
		requireSmb(tenant, smb);
		Instant now = clock.instant();
		NoteRow note = new NoteRow(Ids.newId(clock), smb, user.userId(), request.content().strip(),
				Boolean.TRUE.equals(request.isPinned()), now, now);
		notes.insert(tenant, note);
		events.publishEvent(new NoteAdded(tenant, new SmbId(smb), note.id(), excerpt(note.content()), note.pinned(),
				user.userId(), now));
		return response(tenant, note, new HashMap<>());
	}

	@Transactional
	NoteResponse change(CurrentUser user, UUID smb, UUID id, NotePatch patch) {
		TenantId tenant = user.tenantId();
		List<FieldError> errors = new ArrayList<>();
		if (patch.has("content") && (patch.getContent() == null || patch.getContent().isBlank())) {
			errors.add(new FieldError("content", "must not be blank"));
		}
		if (patch.has("is_pinned") && patch.getIsPinned() == null) {
			errors.add(new FieldError("is_pinned", "must be true or false"));
		}
		if (!errors.isEmpty()) {
			throw ApiException.invalid(errors);
		}
		NoteRow note = editable(user, smb, id);
		String content = patch.has("content") ? Objects.requireNonNull(patch.getContent()).strip() : note.content();
		boolean pinned = patch.has("is_pinned") ? Objects.requireNonNull(patch.getIsPinned()) : note.pinned();
		if (content.equals(note.content()) && pinned == note.pinned()) {
			return response(tenant, note, new HashMap<>());
		}
		Instant now = clock.instant();
		NoteRow changed = new NoteRow(note.id(), smb, note.authorId(), content, pinned, note.createdAt(), now);
		notes.update(tenant, changed);
		events.publishEvent(new NoteUpdated(tenant, new SmbId(smb), id, excerpt(content), pinned, user.userId(), now));
		return response(tenant, changed, new HashMap<>());
	}

	@Transactional
	void delete(CurrentUser user, UUID smb, UUID id) {
		editable(user, smb, id);
		notes.delete(user.tenantId(), smb, id);
		events.publishEvent(new NoteDeleted(user.tenantId(), new SmbId(smb), id, user.userId(), clock.instant()));
	}

	/** The note, locked, if it exists and the user may change it. */
	private NoteRow editable(CurrentUser user, UUID smb, UUID id) {
		requireSmb(user.tenantId(), smb);
		NoteRow note = notes.findForUpdate(user.tenantId(), smb, id)
			.orElseThrow(() -> ApiException.notFound("note", id));
		if (!user.userId().equals(note.authorId()) && !user.permissions().contains(Permissions.USERS_MANAGE)) {
			throw new ApiException(HttpStatus.FORBIDDEN, "forbidden",
					"Only the note's author or an admin may change or delete it");
		}
		return note;
	}

	private void requireSmb(TenantId tenant, UUID smb) {
		if (!smbs.exists(tenant, new SmbId(smb))) {
			throw ApiException.notFound("SMB", smb);
		}
	}

	/** Looks each author up once per request. */
	private NoteResponse response(TenantId tenant, NoteRow note, Map<UUID, Optional<Author>> authors) {
		@Nullable Author author = note.authorId() == null ? null
				: authors
					.computeIfAbsent(note.authorId(),
							id -> users.find(tenant, id).map(found -> new Author(found.id(), found.name())))
					.orElse(null);
		return new NoteResponse(note.id(), note.smbId(), note.content(), note.pinned(), author, note.createdAt(),
				note.updatedAt());
	}

	static String excerpt(String content) {
		if (content.codePointCount(0, content.length()) <= EXCERPT) {
			return content;
		}
		return content.substring(0, content.offsetByCodePoints(0, EXCERPT));
	}

}

package com.fibonacco.smb.note;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Request and response bodies of the note endpoints (snake_case on the wire). */
final class NoteDtos {

	static final int MAX_CONTENT = 20_000;

	private NoteDtos() {
	}

	/**
	 * A new note (POST), or a note's whole new state (PUT: a missing is_pinned unpins
	 * it).
	 */
	record NoteRequest(@NotBlank @Size(max = MAX_CONTENT) String content, @Nullable Boolean isPinned) {
	}

	/**
	 * PATCH: changes only the fields present. A class with setters rather than a record,
	 * because a record cannot tell a field sent as null from a field left out.
	 */
	static final class NotePatch {

		private final Set<String> present = new HashSet<>();

		@Size(max = MAX_CONTENT)
		private @Nullable String content;

		private @Nullable Boolean isPinned;

		public void setContent(@Nullable String content) {
			this.content = content;
			present.add("content");
		}

		public void setIsPinned(@Nullable Boolean isPinned) {
			this.isPinned = isPinned;
			present.add("is_pinned");
		}

		boolean has(String field) {
			return present.contains(field);
		}

		public @Nullable String getContent() {
			return content;
		}

		public @Nullable Boolean getIsPinned() {
			return isPinned;
		}

		static NotePatch of(NoteRequest request) {
			NotePatch patch = new NotePatch();
			patch.setContent(request.content());
			patch.setIsPinned(request.isPinned() != null && request.isPinned());
			return patch;
		}

	}

	/** A user as a note shows them; null when the user no longer exists. */
	record Author(UUID id, String name) {
	}

	record NoteResponse(UUID id, UUID smbId, String content, boolean isPinned, @Nullable Author author,
			Instant createdAt, Instant updatedAt) {
	}

}

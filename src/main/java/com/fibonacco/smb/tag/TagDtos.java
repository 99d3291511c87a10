package com.fibonacco.smb.tag;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Request and response bodies of the tag endpoints (snake_case on the wire). */
final class TagDtos {

	static final int MAX_BULK_SMBS = 10_000;

	private TagDtos() {
	}

	record CreateTagRequest(@NotBlank @Size(max = 100) String name, @Nullable String color,
			@Nullable @Size(max = 1000) String description) {
	}

	/**
	 * Changes only the fields present in the body; {@code "description": null} clears the
	 * description. A class with setters rather than a record, because a record cannot
	 * tell a field sent as null from a field left out.
	 */
	static final class UpdateTagRequest {

		private final Set<String> present = new HashSet<>();

		@Size(min = 1, max = 100)
		private @Nullable String name;

		private @Nullable String color;

		@Size(max = 1000)
		private @Nullable String description;

		public void setName(@Nullable String name) {
			this.name = name;
			present.add("name");
		}

		public void setColor(@Nullable String color) {
			this.color = color;
			present.add("color");
		}

		public void setDescription(@Nullable String description) {
			this.description = description;
			present.add("description");
		}

		boolean has(String field) {
			return present.contains(field);
		}

		public @Nullable String getName() {
			return name;
		}

		public @Nullable String getColor() {
			return color;
		}

		public @Nullable String getDescription() {
			return description;
		}

	}

	record TagIdsRequest(@NotNull @Size(min = 1, max = 100) List<@NotNull UUID> tagIds) {
	}

	/** Either {@code smb_ids} or {@code filters} (the SMB list's filters), not both. */
	record SmbIdsRequest(@Nullable @Size(min = 1, max = MAX_BULK_SMBS) List<@NotNull UUID> smbIds,
			tools.jackson.databind.node.@Nullable ObjectNode filters) {
	}

	record TagResponse(UUID id, String name, String slug, String color, @Nullable String description, long smbCount,
			@Nullable UUID createdBy, Instant createdAt, Instant updatedAt) {

		static TagResponse of(Tags.TagRow tag) {
			return new TagResponse(tag.id(), tag.name(), tag.slug(), tag.color(), tag.description(), tag.smbCount(),
					tag.createdBy(), tag.createdAt(), tag.updatedAt());
		}

	}

	/** A tag as an SMB carries it: since when, put there by whom. */
	record SmbTagResponse(UUID id, String name, String slug, String color, @Nullable String description,
			Instant taggedAt, @Nullable UUID taggedBy) {

		static SmbTagResponse of(Tags.SmbTagRow tag) {
			return new SmbTagResponse(tag.id(), tag.name(), tag.slug(), tag.color(), tag.description(), tag.taggedAt(),
					tag.taggedBy());
		}

	}

	record TaggedCount(long taggedCount) {
	}

	record UntaggedCount(long untaggedCount) {
	}

}

package com.fibonacco.community.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import com.fibonacco.community.internal.CommunityConstraints.RequiredNotNulled;
import com.fibonacco.community.internal.CommunityConstraints.Slug;
import com.fibonacco.community.internal.CommunityConstraints.TimeZone;
import com.fibonacco.community.internal.CommunityConstraints.UsState;

/** Request and response bodies of the community endpoints (snake_case on the wire). */
final class CommunityDtos {

	private CommunityDtos() {
	}

	record CreateCommunityRequest(@NotBlank @Size(max = CommunityRules.NAME_MAX) String name,
			@Schema(description = "Generated from the name when left out; made unique with -2, -3, …",
					example = "hendersonville") @Nullable @Slug String slug,
			@Schema(description = "US state or territory code; stored upper-case",
					example = "NC") @NotNull @UsState String state,
			@Nullable @Size(max = CommunityRules.COUNTY_MAX) String county,
			@Nullable @PositiveOrZero Integer population,
			@Schema(description = "IANA time zone; America/New_York when left out",
					example = "America/Chicago") @Nullable @TimeZone String timezone,
			@Nullable Map<String, Object> settings) {
	}

	/**
	 * A partial update: a field left out of the body keeps its value; {@code county},
	 * {@code population} and {@code settings} are cleared by sending null. Setters record
	 * which fields the body had.
	 */
	@RequiredNotNulled
	@Schema(description = "Any of the fields of a new community; only those sent change. name, slug, state and "
			+ "timezone cannot be null; county, population and settings are cleared with null.")
	static final class UpdateCommunityRequest {

		private static final List<String> REQUIRED = List.of("name", "slug", "state", "timezone");

		private final Set<String> present = new HashSet<>();

		@Size(max = CommunityRules.NAME_MAX)
		@Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
		private @Nullable String name;

		@Slug
		private @Nullable String slug;

		@UsState
		private @Nullable String state;

		@Size(max = CommunityRules.COUNTY_MAX)
		private @Nullable String county;

		@PositiveOrZero
		private @Nullable Integer population;

		@TimeZone
		private @Nullable String timezone;

		private @Nullable Map<String, Object> settings;

		public void setName(@Nullable String name) {
			present.add("name");
			this.name = name;
		}

		public void setSlug(@Nullable String slug) {
			present.add("slug");
			this.slug = slug;
		}

		public void setState(@Nullable String state) {
			present.add("state");
			this.state = state;
		}

		public void setCounty(@Nullable String county) {
			present.add("county");
			this.county = county;
		}

		public void setPopulation(@Nullable Integer population) {
			present.add("population");
			this.population = population;
		}

		public void setTimezone(@Nullable String timezone) {
			present.add("timezone");
			this.timezone = timezone;
		}

		public void setSettings(@Nullable Map<String, Object> settings) {
			present.add("settings");
			this.settings = settings;
		}

		boolean has(String field) {
			return present.contains(field);
		}

		/** Required fields the body sent as null: they cannot be cleared. */
		List<String> nulledRequiredFields() {
			List<String> nulled = new ArrayList<>();
			for (String field : REQUIRED) {
				if (present.contains(field) && valueOf(field) == null) {
					nulled.add(field);
				}
			}
			return nulled;
		}

		private @Nullable Object valueOf(String field) {
			return switch (field) {
				case "name" -> name;
				case "slug" -> slug;
				case "state" -> state;
				case "timezone" -> timezone;
				default -> throw new IllegalArgumentException(field);
			};
		}

		@Nullable String name() {
			return name;
		}

		@Nullable String slug() {
			return slug;
		}

		@Nullable String state() {
			return state;
		}

		@Nullable String county() {
			return county;
		}

		@Nullable Integer population() {
			return population;
		}

		@Nullable String timezone() {
			return timezone;
		}

		@Nullable Map<String, Object> settings() {
			return settings;
		}

	}

	record CommunityResponse(UUID id, String name, String slug, String state, @Nullable String county,
			@Nullable Integer population, String timezone, Map<String, Object> settings, Instant createdAt,
			Instant updatedAt) {

		static CommunityResponse of(CommunityRow row) {
			return new CommunityResponse(row.id(), row.name(), row.slug(), row.state(), row.county(), row.population(),
					row.timezone(), row.settings(), row.createdAt(), row.updatedAt());
		}

	}

}

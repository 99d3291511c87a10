package com.fibonacco.activity.internal;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;

/**
 * One entry to put on an SMB's timeline, assembled by a listener from the event it
 * records.
 */
final class TimelineEntry {

	private final TenantId tenant;

	private final SmbId smb;

	private final ActivityType type;

	private final String title;

	private final Instant occurredAt;

	private @Nullable String description;

	private @Nullable String subjectType;

	private @Nullable String subjectId;

	private final Map<String, @Nullable Object> metadata = new LinkedHashMap<>();

	private @Nullable UUID performedBy;

	private @Nullable UUID sourceEventId;

	private TimelineEntry(TenantId tenant, SmbId smb, ActivityType type, String title, Instant occurredAt) {
		this.tenant = tenant;
		this.smb = smb;
		this.type = type;
		this.title = title;
		this.occurredAt = occurredAt;
	}

	static TimelineEntry of(TenantId tenant, SmbId smb, ActivityType type, String title, Instant occurredAt) {
		return new TimelineEntry(tenant, smb, type, title, occurredAt);
	}

	TimelineEntry description(@Nullable String description) {
		this.description = description;
		return this;
	}

	TimelineEntry subject(String type, Object id) {
		this.subjectType = type;
		this.subjectId = id.toString();
		return this;
	}

	/** Adds a metadata value; keys are snake_case, as the API shows them. */
	TimelineEntry meta(String key, @Nullable Object value) {
		this.metadata.put(key, value);
		return this;
	}

	TimelineEntry performedBy(@Nullable UUID user) {
		this.performedBy = user;
		return this;
	}

	/**
	 * The event's idempotency key: its own id when it has one per occurrence (an email
	 * event, a callback), otherwise {@link #sourceKey} of what happens once to a subject.
	 */
	TimelineEntry source(UUID sourceEventId) {
		this.sourceEventId = sourceEventId;
		return this;
	}

	/**
	 * A name-based key for an event that happens once per subject (a note is added once,
	 * a send is queued once): the same type and parts always give the same key, so the
	 * event delivered again is recorded once.
	 */
	TimelineEntry sourceKey(Object... parts) {
		StringBuilder name = new StringBuilder("activity:").append(type.apiName());
		for (Object part : parts) {
			name.append(':').append(part);
		}
		return source(UUID.nameUUIDFromBytes(name.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
	}

	TenantId tenant() {
		return tenant;
	}

	SmbId smb() {
		return smb;
	}

	ActivityType type() {
		return type;
	}

	String title() {
		return title;
	}

	Instant occurredAt() {
		return occurredAt;
	}

	@Nullable String description() {
		return description;
	}

	@Nullable String subjectType() {
		return subjectType;
	}

	@Nullable String subjectId() {
		return subjectId;
	}

	Map<String, @Nullable Object> metadata() {
		return Collections.unmodifiableMap(metadata);
	}

	@Nullable UUID performedBy() {
		return performedBy;
	}

	@Nullable UUID sourceEventId() {
		return sourceEventId;
	}

}

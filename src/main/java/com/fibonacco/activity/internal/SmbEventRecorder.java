package com.fibonacco.activity.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.fibonacco.smb.FieldChange;
import com.fibonacco.smb.NoteAdded;
import com.fibonacco.smb.NoteDeleted;
import com.fibonacco.smb.NoteUpdated;
import com.fibonacco.smb.SmbCreated;
import com.fibonacco.smb.SmbDeleted;
import com.fibonacco.smb.SmbRestored;
import com.fibonacco.smb.SmbTagged;
import com.fibonacco.smb.SmbUntagged;
import com.fibonacco.smb.SmbUpdated;
import com.fibonacco.smb.TaskCompleted;
import com.fibonacco.smb.TaskCreated;
import com.fibonacco.smb.TaskDeleted;
import com.fibonacco.smb.TaskUpdated;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import static com.fibonacco.activity.internal.ActivityType.*;
import static com.fibonacco.activity.internal.Titles.fields;
import static com.fibonacco.activity.internal.Titles.quoted;

/**
 * Records the SMB module's events: the SMB's life, its tags, notes and tasks.
 * <p>
 * Plain synchronous listeners, not {@code @ApplicationModuleListener}: the entry is
 * written in the transaction of the change it records, so the change and its timeline
 * entry commit or roll back together.
 */
@Component
class SmbEventRecorder {

	private final Activities activities;

	SmbEventRecorder(Activities activities) {
		this.activities = activities;
	}

	@EventListener
	void on(SmbCreated event) {
		activities.add(TimelineEntry
			.of(event.tenantId(), event.smbId(), SMB_CREATED, "Created " + quoted(event.businessName()),
					event.occurredAt())
			.subject("smb", event.smbId())
			.meta("business_name", event.businessName())
			.meta("community_id", event.communityId().value())
			.performedBy(event.performedBy())
			.sourceKey(event.smbId()));
	}

	@EventListener
	void on(SmbUpdated event) {
		activities.add(TimelineEntry
			.of(event.tenantId(), event.smbId(), SMB_UPDATED, updated(event.changes()), event.occurredAt())
			.subject("smb", event.smbId())
			.meta("changes", changes(event.changes()))
			.performedBy(event.performedBy()));
	}

	@EventListener
	void on(SmbDeleted event) {
		activities.add(TimelineEntry
			.of(event.tenantId(), event.smbId(), SMB_DELETED, "Deleted " + quoted(event.businessName()),
					event.occurredAt())
			.subject("smb", event.smbId())
			.meta("business_name", event.businessName())
			.performedBy(event.performedBy()));
	}

	@EventListener
	void on(SmbRestored event) {
		activities.add(TimelineEntry
			.of(event.tenantId(), event.smbId(), SMB_RESTORED, "Restored " + quoted(event.businessName()),
					event.occurredAt())
			.subject("smb", event.smbId())
			.meta("business_name", event.businessName())
			.performedBy(event.performedBy()));
	}

	@EventListener
	void on(SmbTagged event) {
		activities.add(TimelineEntry
			.of(event.tenantId(), event.smbId(), TAG_ADDED, "Tagged " + quoted(event.tagName()), event.occurredAt())
			.subject("tag", event.tagId())
			.meta("tag_name", event.tagName())
			.performedBy(event.performedBy()));
	}

	@EventListener
	void on(SmbUntagged event) {
		activities.add(TimelineEntry
			.of(event.tenantId(), event.smbId(), TAG_REMOVED, "Untagged " + quoted(event.tagName()), event.occurredAt())
			.subject("tag", event.tagId())
			.meta("tag_name", event.tagName())
			.performedBy(event.performedBy()));
	}

	@EventListener
	void on(NoteAdded event) {
		activities.add(TimelineEntry.of(event.tenantId(), event.smbId(), NOTE_ADDED, "Note added", event.occurredAt())
			.description(event.excerpt())
			.subject("note", event.noteId())
			.meta("pinned", event.pinned())
			.performedBy(event.performedBy())
			.sourceKey(event.noteId()));
	}

	@EventListener
	void on(NoteUpdated event) {
		activities
			.add(TimelineEntry.of(event.tenantId(), event.smbId(), NOTE_UPDATED, "Note updated", event.occurredAt())
				.description(event.excerpt())
				.subject("note", event.noteId())
				.meta("pinned", event.pinned())
				.performedBy(event.performedBy()));
	}

	@EventListener
	void on(NoteDeleted event) {
		activities
			.add(TimelineEntry.of(event.tenantId(), event.smbId(), NOTE_DELETED, "Note deleted", event.occurredAt())
				.subject("note", event.noteId())
				.performedBy(event.performedBy())
				.sourceKey(event.noteId()));
	}

	@EventListener
	void on(TaskCreated event) {
		activities.add(TimelineEntry
			.of(event.tenantId(), event.smbId(), TASK_CREATED, "Task " + quoted(event.title()) + " created",
					event.occurredAt())
			.subject("task", event.taskId())
			.meta("task_title", event.title())
			.meta("assigned_to", event.assignedTo())
			.meta("due_date", event.dueDate())
			.meta("priority", event.priority())
			.performedBy(event.performedBy())
			.sourceKey(event.taskId()));
	}

	@EventListener
	void on(TaskUpdated event) {
		String title = "Task " + quoted(event.title()) + " updated";
		if (!event.changes().isEmpty()) {
			title += " (" + fields(event.changes().keySet()) + ")";
		}
		activities.add(TimelineEntry.of(event.tenantId(), event.smbId(), TASK_UPDATED, title, event.occurredAt())
			.subject("task", event.taskId())
			.meta("task_title", event.title())
			.meta("changes", changes(event.changes()))
			.performedBy(event.performedBy()));
	}

	@EventListener
	void on(TaskCompleted event) {
		activities.add(TimelineEntry
			.of(event.tenantId(), event.smbId(), TASK_COMPLETED, "Task " + quoted(event.title()) + " completed",
					event.occurredAt())
			.subject("task", event.taskId())
			.meta("task_title", event.title())
			.performedBy(event.performedBy())
			// a task reopened and completed again is a new completion
			.sourceKey(event.taskId(), event.occurredAt()));
	}

	@EventListener
	void on(TaskDeleted event) {
		activities.add(TimelineEntry
			.of(event.tenantId(), event.smbId(), TASK_DELETED, "Task " + quoted(event.title()) + " deleted",
					event.occurredAt())
			.subject("task", event.taskId())
			.meta("task_title", event.title())
			.performedBy(event.performedBy())
			.sourceKey(event.taskId()));
	}

	/** "Updated primary email, city", in the order the event lists the fields. */
	private static String updated(Map<String, FieldChange> changes) {
		return changes.isEmpty() ? "Updated" : "Updated " + fields(changes.keySet());
	}

	/** {@code {"city": {"old": "Akron", "new": "Kent"}, …}}. */
	private static Map<String, Map<String, @Nullable Object>> changes(Map<String, FieldChange> changes) {
		Map<String, Map<String, @Nullable Object>> metadata = new LinkedHashMap<>();
		changes.forEach((field, change) -> {
			Map<String, @Nullable Object> values = new LinkedHashMap<>();
			values.put("old", change.oldValue());
			values.put("new", change.newValue());
			metadata.put(field, values);
		});
		return metadata;
	}

}

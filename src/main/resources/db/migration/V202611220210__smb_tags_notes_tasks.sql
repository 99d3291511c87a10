-- smb: tags on SMBs, notes and follow-up tasks (seed 002 §1.1 contact tags, §1.3 contact notes & tasks;
-- the seed's "contact/student" is the SMB).
--
-- ON DELETE policy: unlike the campaign tables (see the campaign migration), these rows are
-- plain annotations of an SMB with no history of their own, so their links to smbs CASCADE:
-- the purge of SMBs soft-deleted long ago is then one DELETE. Links to users are
-- ON DELETE SET NULL (column): a user leaving never loses the tenant's notes or tasks. Users
-- are deactivated rather than deleted, so those FKs get no index of their own.

CREATE TABLE tags (
    tenant_id    uuid        NOT NULL REFERENCES tenants (id),
    id           uuid        NOT NULL DEFAULT gen_random_uuid(),
    name         text        NOT NULL,
    slug         text        NOT NULL,
    color        text        NOT NULL DEFAULT 'gray',
    description  text,
    created_by   uuid,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tags_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT tags_slug_uq UNIQUE (tenant_id, slug),
    CONSTRAINT tags_created_by_fk FOREIGN KEY (tenant_id, created_by)
        REFERENCES users (tenant_id, id) ON DELETE SET NULL (created_by),
    CONSTRAINT tags_name_ck CHECK (btrim(name) <> '' AND length(name) <= 100),
    CONSTRAINT tags_slug_ck CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 120),
    -- the console's badge palette
    CONSTRAINT tags_color_ck CHECK (color IN ('gray', 'red', 'orange', 'amber', 'yellow', 'lime', 'green',
        'teal', 'cyan', 'blue', 'indigo', 'purple', 'pink')),
    CONSTRAINT tags_description_ck CHECK (length(description) <= 1000)
);
-- "VIP" and "vip" are the same tag
CREATE UNIQUE INDEX tags_name_uq ON tags (tenant_id, lower(name));
COMMENT ON TABLE tags IS 'A label of the tenant (name, slug, colour) put on SMBs for filtering and segmentation.';

CREATE TABLE smb_tags (
    tenant_id  uuid        NOT NULL,
    smb_id     uuid        NOT NULL,
    tag_id     uuid        NOT NULL,
    tagged_at  timestamptz NOT NULL DEFAULT now(),
    tagged_by  uuid,
    CONSTRAINT smb_tags_pk PRIMARY KEY (tenant_id, smb_id, tag_id),
    CONSTRAINT smb_tags_smb_fk FOREIGN KEY (tenant_id, smb_id)
        REFERENCES smbs (tenant_id, id) ON DELETE CASCADE,
    -- deleting a tag takes it off every SMB
    CONSTRAINT smb_tags_tag_fk FOREIGN KEY (tenant_id, tag_id)
        REFERENCES tags (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT smb_tags_tagged_by_fk FOREIGN KEY (tenant_id, tagged_by)
        REFERENCES users (tenant_id, id) ON DELETE SET NULL (tagged_by)
);
-- "SMBs with tag X", tag counts, and the FK check when a tag is deleted
CREATE INDEX smb_tags_tag_idx ON smb_tags (tenant_id, tag_id, smb_id);
COMMENT ON TABLE smb_tags IS 'Which tags an SMB carries, since when and put there by whom.';

CREATE TABLE notes (
    tenant_id   uuid        NOT NULL REFERENCES tenants (id),
    id          uuid        NOT NULL DEFAULT gen_random_uuid(),
    smb_id      uuid        NOT NULL,
    author_id   uuid,
    content     text        NOT NULL,
    is_pinned   boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT notes_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT notes_smb_fk FOREIGN KEY (tenant_id, smb_id)
        REFERENCES smbs (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT notes_author_fk FOREIGN KEY (tenant_id, author_id)
        REFERENCES users (tenant_id, id) ON DELETE SET NULL (author_id),
    CONSTRAINT notes_content_ck CHECK (btrim(content) <> '' AND length(content) <= 20000)
);
-- an SMB's notes: pinned first, then newest first
CREATE INDEX notes_smb_idx ON notes (tenant_id, smb_id, is_pinned DESC, created_at DESC);
COMMENT ON TABLE notes IS 'A free-text note a user wrote about an SMB; pinned notes show first.';

CREATE TABLE tasks (
    tenant_id    uuid        NOT NULL REFERENCES tenants (id),
    id           uuid        NOT NULL DEFAULT gen_random_uuid(),
    smb_id       uuid        NOT NULL,
    assigned_to  uuid,
    created_by   uuid,
    title        text        NOT NULL,
    description  text,
    due_date     date,
    due_time     time,
    priority     text        NOT NULL DEFAULT 'medium',
    status       text        NOT NULL DEFAULT 'pending',
    completed_at timestamptz,
    reminder_at  timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tasks_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT tasks_smb_fk FOREIGN KEY (tenant_id, smb_id)
        REFERENCES smbs (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT tasks_assigned_to_fk FOREIGN KEY (tenant_id, assigned_to)
        REFERENCES users (tenant_id, id) ON DELETE SET NULL (assigned_to),
    CONSTRAINT tasks_created_by_fk FOREIGN KEY (tenant_id, created_by)
        REFERENCES users (tenant_id, id) ON DELETE SET NULL (created_by),
    CONSTRAINT tasks_title_ck CHECK (btrim(title) <> '' AND length(title) <= 255),
    CONSTRAINT tasks_description_ck CHECK (length(description) <= 10000),
    CONSTRAINT tasks_due_time_ck CHECK (due_time IS NULL OR due_date IS NOT NULL),
    CONSTRAINT tasks_priority_ck CHECK (priority IN ('low', 'medium', 'high', 'urgent')),
    CONSTRAINT tasks_status_ck CHECK (status IN ('pending', 'in_progress', 'completed', 'cancelled')),
    CONSTRAINT tasks_completed_at_ck CHECK ((status = 'completed') = (completed_at IS NOT NULL))
);
-- a person's task list: open tasks by due date
CREATE INDEX tasks_assignee_idx ON tasks (tenant_id, assigned_to, status, due_date);
-- an SMB's tasks
CREATE INDEX tasks_smb_idx ON tasks (tenant_id, smb_id, status);
COMMENT ON TABLE tasks IS 'A follow-up task on an SMB, assigned to a user, with due date, priority and status.';
COMMENT ON COLUMN tasks.due_date IS 'Calendar day in the time zone of the SMB''s community; due at due_time, else at the end of the day.';

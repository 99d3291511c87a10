-- activity: the SMB timeline (seed 002 §1.2 contact_activities). Append-only, one row per
-- recorded event; tens of millions of rows, so it carries only the indexes its reads need.

CREATE TABLE activities (
    tenant_id        uuid        NOT NULL,   -- no FK to tenants: activities_smb_fk implies it, one check less per insert
    id               uuid        NOT NULL,
    smb_id           uuid        NOT NULL,
    activity_type    text        NOT NULL,
    title            text        NOT NULL,
    description      text,
    subject_type     text,       -- what the entry is about: 'note', 'task', 'tag', 'campaign_send', 'approval' ...
    subject_id       text,
    metadata         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    performed_by     uuid,       -- the user, null for the system; no FK: the entry outlives the user
    source_event_id  uuid,       -- idempotency key of the recorded event; a replay adds nothing
    occurred_at      timestamptz NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT activities_pk PRIMARY KEY (tenant_id, id),
    -- the purge of old soft-deleted SMBs removes their timeline in the same statement
    CONSTRAINT activities_smb_fk FOREIGN KEY (tenant_id, smb_id)
        REFERENCES smbs (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT activities_activity_type_ck CHECK (activity_type IN
        ('smb_created', 'smb_updated', 'smb_deleted', 'smb_restored',
         'tag_added', 'tag_removed',
         'note_added', 'note_updated', 'note_deleted',
         'task_created', 'task_updated', 'task_completed', 'task_deleted',
         'engagement_changed', 'tier_changed',
         'campaign_send_queued', 'campaign_send_completed',
         'email_opened', 'email_clicked', 'email_bounced',
         'rvm_drop_queued', 'rvm_delivered', 'callback_received',
         'approval_submitted', 'approval_provisioned', 'upsell_offered', 'upsell_accepted',
         'content_viewed', 'content_completed',
         'inbound_email', 'chat_message')),
    CONSTRAINT activities_title_ck CHECK (btrim(title) <> '' AND length(title) <= 255),
    CONSTRAINT activities_subject_type_ck CHECK (subject_type ~ '^[a-z][a-z_]*$' AND length(subject_type) <= 50),
    CONSTRAINT activities_subject_id_ck CHECK (length(subject_id) <= 200),
    CONSTRAINT activities_metadata_ck CHECK (jsonb_typeof(metadata) = 'object')
);

-- the timeline: one SMB, newest first (also backs the FK's cascade from smbs)
CREATE INDEX activities_smb_timeline_idx ON activities (tenant_id, smb_id, occurred_at DESC, id DESC);
-- the timeline filtered by type
CREATE INDEX activities_smb_type_idx ON activities (tenant_id, smb_id, activity_type, occurred_at DESC);
-- idempotency: an event delivered twice is recorded once
CREATE UNIQUE INDEX activities_source_event_uq ON activities (tenant_id, source_event_id, smb_id)
    WHERE source_event_id IS NOT NULL;

COMMENT ON TABLE activities IS 'The SMB timeline: one entry per recorded event of any module (SMB changes, notes, tasks, sends, opens, approvals, ...).';
COMMENT ON COLUMN activities.source_event_id IS 'The recorded event''s own id, or a name-based UUID of its type and subject; unique per SMB so replays add nothing.';
COMMENT ON COLUMN activities.performed_by IS 'users.id of who did it, null for the system; kept when the user goes.';

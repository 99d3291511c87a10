-- campaign: the per-SMB 90-day program as rows of the table-driven scheduler (DESIGN.md §4).
-- The program's public fields are mirrored on smbs (campaign_status, manifest_destiny_day,
-- manifest_destiny_start_date, current_campaign_id, next_scheduled_send) in the same
-- transaction, so SMB lists and filters keep reading them from one row.

CREATE TABLE campaign_programs (
    tenant_id       uuid        NOT NULL REFERENCES tenants (id),
    smb_id          uuid        NOT NULL,
    status          text        NOT NULL DEFAULT 'pending',
    day             int         NOT NULL DEFAULT 0,
    start_date      date,                 -- community-local date of day 1
    day_date        date,                 -- community-local date the current day began (moved on by paused days)
    next_action_at  timestamptz,          -- when the scheduler next looks at the program (00:01 local)
    paused_at       timestamptz,
    paused_on       date,                 -- community-local date of the pause
    pause_reason    text,
    paused_days     int         NOT NULL DEFAULT 0,
    started_at      timestamptz,
    completed_at    timestamptz,
    cancelled_at    timestamptz,
    version         bigint      NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT campaign_programs_pk PRIMARY KEY (tenant_id, smb_id),
    CONSTRAINT campaign_programs_smb_fk FOREIGN KEY (tenant_id, smb_id) REFERENCES smbs (tenant_id, id),
    CONSTRAINT campaign_programs_status_ck CHECK (status IN
        ('pending', 'scheduled', 'running', 'paused', 'completed', 'cancelled')),
    CONSTRAINT campaign_programs_day_ck CHECK (day BETWEEN 0 AND 365),
    CONSTRAINT campaign_programs_paused_days_ck CHECK (paused_days >= 0),
    CONSTRAINT campaign_programs_pause_reason_ck CHECK (length(pause_reason) <= 255),
    CONSTRAINT campaign_programs_paused_ck CHECK ((status = 'paused') = (paused_at IS NOT NULL))
);
-- The scheduler claims due programs of every tenant in one pass, so this index starts with
-- the due time (a per-tenant index would need one scan per tenant every hour).
CREATE INDEX campaign_programs_due_idx ON campaign_programs (next_action_at)
    WHERE status IN ('scheduled', 'running');
CREATE INDEX campaign_programs_status_idx ON campaign_programs (tenant_id, status);
COMMENT ON TABLE campaign_programs IS 'One SMB''s Manifest Destiny program: its state machine and the next time the day scheduler looks at it.';


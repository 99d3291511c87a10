-- approval: service approvals given by SMBs, the upsells offered on them, and provisioning work.

CREATE TABLE approvals (
    tenant_id                uuid        NOT NULL REFERENCES tenants (id),
    id                       uuid        NOT NULL DEFAULT gen_random_uuid(),
    smb_id                   uuid        NOT NULL,
    service_type             text        NOT NULL,
    ai_task_id               uuid,       -- seed 004 task_id; FK to ai_tasks added in the ai migration
    approver_name            text        NOT NULL,
    approver_email           text        NOT NULL,
    approver_phone           text,
    approver_role            text,
    source_type              text        NOT NULL,
    source_id                text,
    source_url               text,
    contact_consent          boolean     NOT NULL DEFAULT false,
    status                   text        NOT NULL DEFAULT 'pending',
    approved_at              timestamptz NOT NULL,
    provisioning_started_at  timestamptz,
    provisioned_at           timestamptz,
    metadata                 jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT approvals_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT approvals_smb_fk FOREIGN KEY (tenant_id, smb_id)
        REFERENCES smbs (tenant_id, id),
    CONSTRAINT approvals_service_type_ck CHECK (btrim(service_type) <> '' AND length(service_type) <= 100),
    CONSTRAINT approvals_approver_name_ck CHECK (btrim(approver_name) <> ''),
    CONSTRAINT approvals_approver_email_ck CHECK (approver_email = lower(approver_email)
        AND position('@' IN approver_email) > 1 AND length(approver_email) <= 254),
    CONSTRAINT approvals_approver_phone_ck CHECK (length(approver_phone) <= 50),
    CONSTRAINT approvals_approver_role_ck CHECK (length(approver_role) <= 100),
    CONSTRAINT approvals_source_type_ck CHECK (source_type IN
        ('email', 'landing_page', 'content', 'rvm_callback', 'chat', 'manual', 'sms')),
    CONSTRAINT approvals_source_id_ck CHECK (length(source_id) <= 100),
    CONSTRAINT approvals_status_ck CHECK (status IN
        ('pending', 'provisioning', 'provisioned', 'failed', 'cancelled')),
    CONSTRAINT approvals_metadata_ck CHECK (jsonb_typeof(metadata) = 'object')
);
CREATE INDEX approvals_smb_idx ON approvals (tenant_id, smb_id);
CREATE INDEX approvals_service_type_idx ON approvals (tenant_id, service_type);
CREATE INDEX approvals_status_idx ON approvals (tenant_id, status);
-- idempotency: a double-clicked approval link must not create a second open approval
-- for the same service; once provisioned/failed/cancelled, a new approval is allowed
CREATE UNIQUE INDEX approvals_open_service_uq ON approvals (tenant_id, smb_id, service_type)
    WHERE status IN ('pending', 'provisioning');
COMMENT ON TABLE approvals IS 'An SMB''s approval of a service (from an email button, landing page, call, chat ...).';

CREATE TABLE approval_upsells (
    tenant_id              uuid        NOT NULL REFERENCES tenants (id),
    id                     uuid        NOT NULL DEFAULT gen_random_uuid(),
    approval_id            uuid        NOT NULL,
    upsell_service_type    text        NOT NULL,
    offered_at             timestamptz NOT NULL,
    accepted               boolean,              -- null = no answer yet
    accepted_at            timestamptz,
    declined_at            timestamptz,
    resulting_approval_id  uuid,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT approval_upsells_pk PRIMARY KEY (tenant_id, id),
    -- each upsell is offered once per approval (recordUpsellOffer is idempotent)
    CONSTRAINT approval_upsells_approval_service_uq UNIQUE (tenant_id, approval_id, upsell_service_type),
    -- pure detail of the approval
    CONSTRAINT approval_upsells_approval_fk FOREIGN KEY (tenant_id, approval_id)
        REFERENCES approvals (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT approval_upsells_resulting_approval_fk FOREIGN KEY (tenant_id, resulting_approval_id)
        REFERENCES approvals (tenant_id, id) ON DELETE SET NULL (resulting_approval_id),
    CONSTRAINT approval_upsells_service_type_ck CHECK (btrim(upsell_service_type) <> ''
        AND length(upsell_service_type) <= 100),
    CONSTRAINT approval_upsells_answer_ck CHECK (NOT (accepted_at IS NOT NULL AND declined_at IS NOT NULL))
);
CREATE INDEX approval_upsells_resulting_approval_idx ON approval_upsells (tenant_id, resulting_approval_id)
    WHERE resulting_approval_id IS NOT NULL;
COMMENT ON TABLE approval_upsells IS 'An additional service offered on top of an approval, and the SMB''s answer.';

CREATE TABLE provisioning_tasks (
    tenant_id       uuid        NOT NULL REFERENCES tenants (id),
    id              uuid        NOT NULL DEFAULT gen_random_uuid(),
    approval_id     uuid        NOT NULL,
    smb_id          uuid        NOT NULL,
    service_type    text        NOT NULL,
    status          text        NOT NULL DEFAULT 'queued',
    priority        int         NOT NULL DEFAULT 5,
    started_at      timestamptz,
    completed_at    timestamptz,
    failed_at       timestamptz,
    failure_reason  text,
    result_data     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT provisioning_tasks_pk PRIMARY KEY (tenant_id, id),
    -- pure detail of the approval
    CONSTRAINT provisioning_tasks_approval_fk FOREIGN KEY (tenant_id, approval_id)
        REFERENCES approvals (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT provisioning_tasks_smb_fk FOREIGN KEY (tenant_id, smb_id)
        REFERENCES smbs (tenant_id, id),
    CONSTRAINT provisioning_tasks_service_type_ck CHECK (btrim(service_type) <> '' AND length(service_type) <= 100),
    CONSTRAINT provisioning_tasks_status_ck CHECK (status IN
        ('queued', 'running', 'completed', 'failed', 'cancelled')),
    CONSTRAINT provisioning_tasks_priority_ck CHECK (priority BETWEEN 1 AND 10),
    CONSTRAINT provisioning_tasks_result_data_ck CHECK (jsonb_typeof(result_data) = 'object')
);
CREATE INDEX provisioning_tasks_status_priority_idx ON provisioning_tasks (tenant_id, status, priority);
CREATE INDEX provisioning_tasks_approval_idx ON provisioning_tasks (tenant_id, approval_id);
CREATE INDEX provisioning_tasks_smb_idx ON provisioning_tasks (tenant_id, smb_id);
COMMENT ON TABLE provisioning_tasks IS 'Work to set up an approved service for an SMB, worked off by priority.';

-- ai: tasks the AI account manager suggests for an SMB, reviewed by a human, then executed.

CREATE TABLE ai_tasks (
    tenant_id       uuid        NOT NULL REFERENCES tenants (id),
    id              uuid        NOT NULL DEFAULT gen_random_uuid(),
    smb_id          uuid        NOT NULL,
    task_type       text        NOT NULL,
    status          text        NOT NULL DEFAULT 'pending',
    input_data      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    output_data     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    suggested_at    timestamptz NOT NULL,
    approved_at     timestamptz,
    rejected_at     timestamptz,
    executed_at     timestamptz,
    completed_at    timestamptz,
    failed_at       timestamptz,
    failure_reason  text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ai_tasks_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT ai_tasks_smb_fk FOREIGN KEY (tenant_id, smb_id)
        REFERENCES smbs (tenant_id, id),
    CONSTRAINT ai_tasks_task_type_ck CHECK (btrim(task_type) <> '' AND length(task_type) <= 100),
    CONSTRAINT ai_tasks_status_ck CHECK (status IN
        ('pending', 'approved', 'rejected', 'executing', 'completed', 'failed')),
    CONSTRAINT ai_tasks_input_data_ck CHECK (jsonb_typeof(input_data) = 'object'),
    CONSTRAINT ai_tasks_output_data_ck CHECK (jsonb_typeof(output_data) = 'object')
);
CREATE INDEX ai_tasks_smb_idx ON ai_tasks (tenant_id, smb_id);
CREATE INDEX ai_tasks_status_idx ON ai_tasks (tenant_id, status);
COMMENT ON TABLE ai_tasks IS 'A task suggested by the AI account manager for an SMB, with its review and execution state.';

-- approvals (approval migration) may stem from an AI task (seed 004 approvals.task_id).
ALTER TABLE approvals
    ADD CONSTRAINT approvals_ai_task_fk FOREIGN KEY (tenant_id, ai_task_id)
        REFERENCES ai_tasks (tenant_id, id) ON DELETE SET NULL (ai_task_id);
CREATE INDEX approvals_ai_task_idx ON approvals (tenant_id, ai_task_id) WHERE ai_task_id IS NOT NULL;

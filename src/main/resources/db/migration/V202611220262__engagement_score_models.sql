-- engagement: score models edited per tenant, and the rescoring runs a change starts.

-- A tenant's own version of a model; a model without a row is the default (DefaultModels).
CREATE TABLE score_models (
    tenant_id   uuid        NOT NULL REFERENCES tenants (id),
    model_key   text        NOT NULL,
    definition  jsonb       NOT NULL,   -- name, bounds, bands, categories, rules (validated by the API)
    version     int         NOT NULL,
    updated_by  uuid,                   -- users.id; no FK: the model outlives the user
    updated_at  timestamptz NOT NULL,
    CONSTRAINT score_models_pk PRIMARY KEY (tenant_id, model_key),
    CONSTRAINT score_models_model_key_ck CHECK (model_key IN ('engagement', 'lead')),
    CONSTRAINT score_models_definition_ck CHECK (jsonb_typeof(definition) = 'object'),
    CONSTRAINT score_models_version_ck CHECK (version >= 1)
);
COMMENT ON TABLE score_models IS 'A tenant''s edited engagement or lead model (rules, caps, bands); absent means the default.';

-- Rescoring every SMB after a model change: a background job that reports its progress here.
CREATE TABLE score_rescores (
    tenant_id    uuid        NOT NULL REFERENCES tenants (id),
    id           uuid        NOT NULL,
    model_key    text        NOT NULL,
    status       text        NOT NULL,
    total        int         NOT NULL DEFAULT 0,
    done         int         NOT NULL DEFAULT 0,
    changed      int         NOT NULL DEFAULT 0,
    error        text,
    requested_by uuid,
    created_at   timestamptz NOT NULL,
    started_at   timestamptz,
    finished_at  timestamptz,
    CONSTRAINT score_rescores_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT score_rescores_status_ck CHECK (status IN ('queued', 'running', 'completed', 'failed')),
    CONSTRAINT score_rescores_progress_ck CHECK (total >= 0 AND done >= 0 AND changed >= 0),
    CONSTRAINT score_rescores_error_ck CHECK (length(error) <= 2000)
);
CREATE INDEX score_rescores_created_idx ON score_rescores (tenant_id, created_at DESC);
COMMENT ON TABLE score_rescores IS 'One rescoring of all of a tenant''s SMBs after a score model changed, with its progress.';

-- engagement: the signal ledger, current scores of non-engagement models, daily snapshots,
-- tier changes and tier pins. The engagement model's own score, tier and last-activity
-- columns stay on smbs, which the smb module delegates to this module (see its package-info).
--
-- Every table here is detail of an SMB with no life of its own: links to smbs CASCADE, so the
-- purge of SMBs soft-deleted long ago removes them in the same statement.

-- The ledger: one row per signal, append-only, tens of millions of rows per tenant. Kept narrow
-- (no surrogate id; the idempotency key is the primary key). Partition-friendly: every key starts
-- with tenant_id, so PARTITION BY HASH (tenant_id) keeps all of them valid; for time partitions
-- add occurred_at to the primary key (a replayed event carries the same occurred_at).
CREATE TABLE engagement_signals (
    tenant_id          uuid        NOT NULL,
    source_event_id    uuid        NOT NULL,   -- the id the publishing module gave the event
    signal_type        text        NOT NULL,
    smb_id             uuid        NOT NULL,
    occurred_at        timestamptz NOT NULL,
    machine_generated  boolean     NOT NULL DEFAULT false,
    attributes         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    recorded_at        timestamptz NOT NULL,
    -- idempotency: an event delivered again is recorded once; a view and its completion share
    -- the view's id, hence the type in the key
    CONSTRAINT engagement_signals_pk PRIMARY KEY (tenant_id, source_event_id, signal_type),
    CONSTRAINT engagement_signals_smb_fk FOREIGN KEY (tenant_id, smb_id)
        REFERENCES smbs (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT engagement_signals_signal_type_ck CHECK (signal_type IN
        ('email_open', 'email_click', 'email_bounce', 'unsubscribe',
         'content_view', 'content_complete',
         'approval', 'upsell_accepted',
         'meeting_scheduled', 'callback', 'rvm_delivered', 'inbound_reply')),
    CONSTRAINT engagement_signals_attributes_ck CHECK (jsonb_typeof(attributes) = 'object')
);
-- one SMB's signals, newest first (real-time rescoring, the explanation API, the FK cascade)
CREATE INDEX engagement_signals_smb_idx ON engagement_signals (tenant_id, smb_id, occurred_at DESC);
-- Exception to "indexes start with tenant_id": rows arrive roughly in occurred_at order, so a
-- BRIN index of a few pages lets the nightly recompute skip everything older than its window.
CREATE INDEX engagement_signals_occurred_brin ON engagement_signals USING brin (occurred_at);
COMMENT ON TABLE engagement_signals IS 'The engagement ledger: every signal of an SMB (opens, clicks, views, approvals, calls ...), once per source event.';
COMMENT ON COLUMN engagement_signals.machine_generated IS 'A privacy proxy''s open or a link scanner''s click: recorded, never scored.';

-- Current scores of the models other than engagement (the lead score); engagement lives on smbs.
CREATE TABLE smb_scores (
    tenant_id    uuid        NOT NULL,
    smb_id       uuid        NOT NULL,
    model_key    text        NOT NULL,
    score        int         NOT NULL,
    band         text        NOT NULL,
    computed_at  timestamptz NOT NULL,
    CONSTRAINT smb_scores_pk PRIMARY KEY (tenant_id, smb_id, model_key),
    CONSTRAINT smb_scores_smb_fk FOREIGN KEY (tenant_id, smb_id) REFERENCES smbs (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT smb_scores_model_key_ck CHECK (model_key ~ '^[a-z][a-z0-9_]*$' AND length(model_key) <= 50)
);
CREATE INDEX smb_scores_model_score_idx ON smb_scores (tenant_id, model_key, score DESC);
COMMENT ON TABLE smb_scores IS 'An SMB''s current score and band under a score model other than engagement (e.g. the lead score and grade).';

-- Daily history: one row per SMB, model and day on which the score or tier changed; days without
-- a row carry the previous row's values forward.
CREATE TABLE score_snapshots (
    tenant_id  uuid     NOT NULL,
    smb_id     uuid     NOT NULL,
    model_key  text     NOT NULL,
    day        date     NOT NULL,
    score      int      NOT NULL,
    band       text     NOT NULL,
    tier       smallint,            -- engagement only: the tier in force that day (a pin included)
    CONSTRAINT score_snapshots_pk PRIMARY KEY (tenant_id, smb_id, model_key, day),
    CONSTRAINT score_snapshots_smb_fk FOREIGN KEY (tenant_id, smb_id) REFERENCES smbs (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT score_snapshots_tier_ck CHECK (tier BETWEEN 1 AND 4)
);
COMMENT ON TABLE score_snapshots IS 'An SMB''s score (and tier) at the end of each day it changed; the score-history series.';

-- What moved a score: one row per change, naming the rule that fired (seed 002 lead_score_history).
CREATE TABLE score_changes (
    tenant_id    uuid        NOT NULL,
    id           uuid        NOT NULL,
    smb_id       uuid        NOT NULL,
    model_key    text        NOT NULL,
    old_score    int         NOT NULL,
    new_score    int         NOT NULL,
    rule_key     text,        -- the rule that fired; null for a recompute that moved several
    reason       text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    CONSTRAINT score_changes_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT score_changes_smb_fk FOREIGN KEY (tenant_id, smb_id) REFERENCES smbs (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT score_changes_reason_ck CHECK (length(reason) <= 500)
);
CREATE INDEX score_changes_smb_idx ON score_changes (tenant_id, smb_id, model_key, occurred_at DESC);
COMMENT ON TABLE score_changes IS 'Each change of an SMB''s score under a model, with the rule that caused it.';

CREATE TABLE tier_changes (
    tenant_id    uuid        NOT NULL,
    id           uuid        NOT NULL,
    smb_id       uuid        NOT NULL,
    old_tier     smallint    NOT NULL,
    new_tier     smallint    NOT NULL,
    direction    text        NOT NULL,
    reason       text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    CONSTRAINT tier_changes_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT tier_changes_smb_fk FOREIGN KEY (tenant_id, smb_id) REFERENCES smbs (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT tier_changes_tiers_ck CHECK (old_tier BETWEEN 1 AND 4 AND new_tier BETWEEN 1 AND 4 AND old_tier <> new_tier),
    CONSTRAINT tier_changes_direction_ck CHECK (direction IN ('upgrade', 'downgrade')),
    CONSTRAINT tier_changes_reason_ck CHECK (length(reason) <= 500)
);
CREATE INDEX tier_changes_smb_idx ON tier_changes (tenant_id, smb_id, occurred_at DESC);
COMMENT ON TABLE tier_changes IS 'Every engagement tier change of an SMB (seed 000 TierManager), with its direction and reason.';

-- A manager's pin: the SMB stays in this tier whatever its score until the pin is lifted or expires.
CREATE TABLE tier_pins (
    tenant_id   uuid        NOT NULL,
    smb_id      uuid        NOT NULL,
    tier        smallint    NOT NULL,
    reason      text        NOT NULL,
    expires_at  timestamptz,
    pinned_by   uuid,        -- users.id; no FK: the pin outlives the user
    pinned_at   timestamptz NOT NULL,
    CONSTRAINT tier_pins_pk PRIMARY KEY (tenant_id, smb_id),
    CONSTRAINT tier_pins_smb_fk FOREIGN KEY (tenant_id, smb_id) REFERENCES smbs (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT tier_pins_tier_ck CHECK (tier BETWEEN 1 AND 4),
    CONSTRAINT tier_pins_reason_ck CHECK (btrim(reason) <> '' AND length(reason) <= 500),
    CONSTRAINT tier_pins_expiry_ck CHECK (expires_at > pinned_at)
);
CREATE INDEX tier_pins_expires_idx ON tier_pins (tenant_id, expires_at) WHERE expires_at IS NOT NULL;
COMMENT ON TABLE tier_pins IS 'A tier set by hand (with a reason and an optional expiry) that holds whatever the score says.';

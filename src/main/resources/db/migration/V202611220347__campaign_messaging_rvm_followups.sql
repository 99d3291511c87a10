-- campaign: ringless-voicemail follow-ups of unopened program emails (issue 6 item 7).

-- A send is a program email or the email that follows a delivered voicemail. One of each
-- kind per (SMB, campaign): a second program send of a campaign stays impossible, while
-- the voicemail's follow-up email of that campaign is allowed once.
ALTER TABLE campaign_sends
    ADD COLUMN kind             text        NOT NULL DEFAULT 'program',
    ADD COLUMN rvm_check_at     timestamptz,          -- when the voicemail check is due; NULL once done
    ADD COLUMN rvm_checked_at   timestamptz,
    ADD COLUMN rvm_skip_reason  text,
    ADD CONSTRAINT campaign_sends_kind_ck CHECK (kind IN ('program', 'rvm_followup')),
    ADD CONSTRAINT campaign_sends_rvm_skip_reason_ck CHECK (rvm_skip_reason IN
        ('opened', 'not_delivered', 'not_eligible', 'monthly_limit', 'program_inactive', 'smb_deleted'));
ALTER TABLE campaign_sends DROP CONSTRAINT campaign_sends_smb_campaign_uq,
    ADD CONSTRAINT campaign_sends_smb_campaign_kind_uq UNIQUE (tenant_id, smb_id, campaign_id, kind);
-- the checkers of every process claim due checks of all tenants (FOR UPDATE SKIP LOCKED)
CREATE INDEX campaign_sends_rvm_check_idx ON campaign_sends (rvm_check_at) WHERE rvm_check_at IS NOT NULL;

-- what the drop sender needs: the attempt is recorded before the provider call
ALTER TABLE rvm_drops
    ADD COLUMN attempts      int         NOT NULL DEFAULT 0,
    ADD COLUMN claimed_at    timestamptz,          -- when a sender took it ('sending'); a lease
    ADD COLUMN last_error    text,
    ADD COLUMN failed_at     timestamptz,
    ADD CONSTRAINT rvm_drops_attempts_ck CHECK (attempts >= 0),
    ADD CONSTRAINT rvm_drops_last_error_ck CHECK (length(last_error) <= 2000);
-- at most one voicemail per campaign send, whatever runs twice
DROP INDEX rvm_drops_campaign_send_idx;
CREATE UNIQUE INDEX rvm_drops_campaign_send_uq ON rvm_drops (tenant_id, campaign_send_id)
    WHERE campaign_send_id IS NOT NULL;
CREATE INDEX rvm_drops_due_idx ON rvm_drops (scheduled_for) WHERE status = 'queued';
CREATE INDEX rvm_drops_sending_idx ON rvm_drops (claimed_at) WHERE status = 'sending';
-- the monthly limit counts an SMB's drops by their time
CREATE INDEX rvm_drops_smb_scheduled_idx ON rvm_drops (tenant_id, smb_id, scheduled_for);

-- messaging: voicemails captured instead of dropped (default profile), once per drop.
CREATE TABLE rvm_outbox (
    tenant_id    uuid        NOT NULL REFERENCES tenants (id),
    rvm_drop_id  uuid        NOT NULL,    -- the drop's id, its idempotency key
    phone        text        NOT NULL,
    script       text,
    voice        text        NOT NULL,
    caller_id    text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT rvm_outbox_pk PRIMARY KEY (tenant_id, rvm_drop_id)
);
COMMENT ON TABLE rvm_outbox IS 'Voicemails captured instead of dropped (default profile): nothing leaves the machine unless a provider is configured.';

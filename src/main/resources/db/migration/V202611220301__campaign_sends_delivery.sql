-- campaign: what the sender and the tracking endpoints need on campaign_sends.

ALTER TABLE campaign_sends
    ADD COLUMN program_day          int,
    ADD COLUMN attempts             int         NOT NULL DEFAULT 0,
    ADD COLUMN claimed_at           timestamptz,          -- when a sender took it ('sending'); a lease
    ADD COLUMN last_error           text,
    ADD COLUMN skip_reason          text,
    ADD COLUMN open_count           int         NOT NULL DEFAULT 0,
    ADD COLUMN click_count          int         NOT NULL DEFAULT 0,
    ADD COLUMN machine_open_count   int         NOT NULL DEFAULT 0,
    ADD COLUMN machine_click_count  int         NOT NULL DEFAULT 0,
    ADD COLUMN unsubscribed_at      timestamptz,
    ADD CONSTRAINT campaign_sends_attempts_ck CHECK (attempts >= 0),
    ADD CONSTRAINT campaign_sends_counts_ck CHECK (open_count >= 0 AND click_count >= 0
        AND machine_open_count >= 0 AND machine_click_count >= 0),
    ADD CONSTRAINT campaign_sends_skip_reason_ck CHECK (skip_reason IN
        ('not_eligible', 'tier_frequency', 'no_email')),
    ADD CONSTRAINT campaign_sends_last_error_ck CHECK (length(last_error) <= 2000);

-- 'skipped': the program reached the campaign's day but the SMB could not be mailed then
ALTER TABLE campaign_sends DROP CONSTRAINT campaign_sends_status_ck,
    ADD CONSTRAINT campaign_sends_status_ck CHECK (status IN
        ('queued', 'scheduled', 'sending', 'sent', 'delivered', 'opened', 'clicked',
         'bounced', 'complained', 'failed', 'cancelled', 'suppressed', 'skipped'));

-- The senders of every process claim due sends of all tenants (FOR UPDATE SKIP LOCKED),
-- hence the indexes that start with the due time; both are small (only pending rows).
CREATE INDEX campaign_sends_due_idx ON campaign_sends (scheduled_for) WHERE status = 'queued';
CREATE INDEX campaign_sends_sending_idx ON campaign_sends (claimed_at) WHERE status = 'sending';

-- The destinations of a send's tracked links, stored by us: a click token names a send
-- and a link name, never a URL.
CREATE TABLE campaign_links (
    tenant_id         uuid        NOT NULL REFERENCES tenants (id),
    campaign_send_id  uuid        NOT NULL,
    name              text        NOT NULL,
    url               text        NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT campaign_links_pk PRIMARY KEY (tenant_id, campaign_send_id, name),
    CONSTRAINT campaign_links_send_fk FOREIGN KEY (tenant_id, campaign_send_id)
        REFERENCES campaign_sends (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT campaign_links_name_ck CHECK (name ~ '^[a-z0-9_]{1,40}$'),
    CONSTRAINT campaign_links_url_ck CHECK (url ~ '^https?://' AND length(url) <= 2000)
);
COMMENT ON TABLE campaign_links IS 'The destination of each tracked link in a campaign send; click redirects go only here.';

-- The key that signs tracking tokens when none is configured: made once, shared by every
-- server process through the database. Not tenant-owned.
CREATE TABLE campaign_signing_keys (
    id          text        NOT NULL,
    secret      text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT campaign_signing_keys_pk PRIMARY KEY (id),
    CONSTRAINT campaign_signing_keys_secret_ck CHECK (length(secret) >= 32)
);
COMMENT ON TABLE campaign_signing_keys IS 'HMAC keys for tracking tokens, generated on first start unless configured.';

-- email_events: a flag for machine opens/clicks (privacy proxies, link scanners)
ALTER TABLE email_events ADD COLUMN machine_generated boolean NOT NULL DEFAULT false;

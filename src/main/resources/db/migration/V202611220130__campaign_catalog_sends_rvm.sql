-- campaign: the per-tenant campaign catalog, the sends of it to SMBs, and ringless voicemail drops.
--
-- ON DELETE policy for this and later files:
--  * links to smbs are NO ACTION: SMBs are soft-deleted, and the purge job deletes their
--    children explicitly before the SMB row (a forgotten child makes the purge fail loudly);
--  * optional cross-links between detail rows (send <-> drop <-> callback ...) are
--    ON DELETE SET NULL (column), so the purge can delete in any order without cycles;
--  * pure detail rows (email_events of a send, upsells of an approval ...) CASCADE.

CREATE TABLE campaigns (
    tenant_id             uuid        NOT NULL REFERENCES tenants (id),
    id                    text        NOT NULL,   -- catalog code, e.g. 'HOWTO-001'
    type                  text        NOT NULL,
    week                  int         NOT NULL,
    day                   int         NOT NULL,
    title                 text        NOT NULL,
    subject               text        NOT NULL,
    preview_text          text,
    slug                  text        NOT NULL,
    service_type          text,
    landing_page_slug     text,
    email_template_id     text,
    body_html             text,
    body_text             text,
    approval_button_text  text,
    approval_config       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    rvm_script            text,
    rvm_config            jsonb       NOT NULL DEFAULT '{}'::jsonb,
    upsell_services       jsonb       NOT NULL DEFAULT '[]'::jsonb,
    meeting_topic         text,
    is_active             boolean     NOT NULL DEFAULT true,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT campaigns_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT campaigns_slug_uq UNIQUE (tenant_id, slug),
    CONSTRAINT campaigns_id_ck CHECK (length(id) BETWEEN 1 AND 50),
    CONSTRAINT campaigns_type_ck CHECK (type IN
        ('HOOK', 'EDU', 'HOWTO', 'PROMO', 'UPSELL', 'MEETING', 'CHECKIN', 'SURVEY')),
    CONSTRAINT campaigns_week_ck CHECK (week BETWEEN 1 AND 13),
    CONSTRAINT campaigns_day_ck CHECK (day BETWEEN 1 AND 90),
    CONSTRAINT campaigns_title_ck CHECK (btrim(title) <> ''),
    CONSTRAINT campaigns_subject_ck CHECK (btrim(subject) <> ''),
    CONSTRAINT campaigns_slug_ck CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 100),
    CONSTRAINT campaigns_service_type_ck CHECK (length(service_type) <= 100),
    CONSTRAINT campaigns_email_template_id_ck CHECK (length(email_template_id) <= 100),
    CONSTRAINT campaigns_approval_config_ck CHECK (jsonb_typeof(approval_config) = 'object'),
    CONSTRAINT campaigns_rvm_config_ck CHECK (jsonb_typeof(rvm_config) = 'object'),
    CONSTRAINT campaigns_upsell_services_ck CHECK (jsonb_typeof(upsell_services) = 'array')
);
-- one active campaign per program day (getCampaignForDay)
CREATE UNIQUE INDEX campaigns_day_active_uq ON campaigns (tenant_id, day) WHERE is_active;
CREATE INDEX campaigns_type_idx ON campaigns (tenant_id, type);
COMMENT ON TABLE campaigns IS 'Per-tenant catalog of program campaigns (one email + optional RVM/approval/upsell per program day).';

-- smbs was created before campaigns; its program pointer gets its FK here.
-- NULL current_campaign_id is not checked (MATCH SIMPLE). Campaigns are retired with
-- is_active = false, so deleting one that an SMB points at is refused.
ALTER TABLE smbs
    ADD CONSTRAINT smbs_current_campaign_fk FOREIGN KEY (tenant_id, current_campaign_id)
        REFERENCES campaigns (tenant_id, id);

CREATE TABLE campaign_sends (
    tenant_id      uuid        NOT NULL REFERENCES tenants (id),
    id             uuid        NOT NULL DEFAULT gen_random_uuid(),
    smb_id         uuid        NOT NULL,
    campaign_id    text        NOT NULL,
    email          text        NOT NULL,
    subject        text,
    scheduled_for  timestamptz,
    sent_at        timestamptz,
    message_id     text,                 -- provider (SES/SMTP) message id
    status         text        NOT NULL DEFAULT 'queued',
    delivered_at   timestamptz,
    opened_at      timestamptz,
    clicked_at     timestamptz,
    bounced_at     timestamptz,
    complained_at  timestamptz,
    rvm_triggered  boolean     NOT NULL DEFAULT false,
    rvm_drop_id    uuid,                 -- FK added below, after rvm_drops exists
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT campaign_sends_pk PRIMARY KEY (tenant_id, id),
    -- idempotent sends: queueing the same campaign for the same SMB twice is a no-op/conflict
    CONSTRAINT campaign_sends_smb_campaign_uq UNIQUE (tenant_id, smb_id, campaign_id),
    CONSTRAINT campaign_sends_smb_fk FOREIGN KEY (tenant_id, smb_id)
        REFERENCES smbs (tenant_id, id),
    CONSTRAINT campaign_sends_campaign_fk FOREIGN KEY (tenant_id, campaign_id)
        REFERENCES campaigns (tenant_id, id),
    CONSTRAINT campaign_sends_email_ck CHECK (email = lower(email) AND length(email) <= 254),
    CONSTRAINT campaign_sends_status_ck CHECK (status IN
        ('queued', 'scheduled', 'sending', 'sent', 'delivered', 'opened', 'clicked',
         'bounced', 'complained', 'failed', 'cancelled', 'suppressed'))
);
-- (tenant_id, smb_id) lookups use campaign_sends_smb_campaign_uq
CREATE INDEX campaign_sends_campaign_idx ON campaign_sends (tenant_id, campaign_id);
CREATE INDEX campaign_sends_status_idx ON campaign_sends (tenant_id, status);
CREATE INDEX campaign_sends_status_scheduled_idx ON campaign_sends (tenant_id, status, scheduled_for);
CREATE INDEX campaign_sends_status_sent_opened_idx ON campaign_sends (tenant_id, status, sent_at, opened_at);
-- provider webhooks find the send by its message id (tenant carried in message tags/headers)
CREATE UNIQUE INDEX campaign_sends_message_id_uq ON campaign_sends (tenant_id, message_id)
    WHERE message_id IS NOT NULL;
COMMENT ON TABLE campaign_sends IS 'One email of one catalog campaign to one SMB, with its delivery/engagement timestamps.';

CREATE TABLE rvm_drops (
    tenant_id            uuid        NOT NULL REFERENCES tenants (id),
    id                   uuid        NOT NULL DEFAULT gen_random_uuid(),
    smb_id               uuid        NOT NULL,
    campaign_send_id     uuid,
    phone                text        NOT NULL,
    script               text,
    voice_persona        text        NOT NULL DEFAULT 'sarah',
    scheduled_for        timestamptz,
    sent_at              timestamptz,
    provider             text        NOT NULL DEFAULT 'drop_cowboy',
    provider_message_id  text,
    status               text        NOT NULL DEFAULT 'queued',
    delivered_at         timestamptz,
    delivery_status      text,                 -- provider's raw delivery status
    callback_received    boolean     NOT NULL DEFAULT false,
    callback_at          timestamptz,
    callback_id          uuid,                 -- FK added in the inbound migration
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT rvm_drops_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT rvm_drops_smb_fk FOREIGN KEY (tenant_id, smb_id)
        REFERENCES smbs (tenant_id, id),
    CONSTRAINT rvm_drops_campaign_send_fk FOREIGN KEY (tenant_id, campaign_send_id)
        REFERENCES campaign_sends (tenant_id, id) ON DELETE SET NULL (campaign_send_id),
    CONSTRAINT rvm_drops_phone_ck CHECK (length(phone) BETWEEN 1 AND 50),
    CONSTRAINT rvm_drops_voice_persona_ck CHECK (length(voice_persona) <= 50),
    CONSTRAINT rvm_drops_provider_ck CHECK (length(provider) <= 50),
    CONSTRAINT rvm_drops_status_ck CHECK (status IN
        ('queued', 'scheduled', 'sending', 'sent', 'delivered', 'failed', 'cancelled')),
    CONSTRAINT rvm_drops_delivery_status_ck CHECK (length(delivery_status) <= 50)
);
CREATE INDEX rvm_drops_smb_idx ON rvm_drops (tenant_id, smb_id);
CREATE INDEX rvm_drops_status_scheduled_idx ON rvm_drops (tenant_id, status, scheduled_for);
CREATE INDEX rvm_drops_campaign_send_idx ON rvm_drops (tenant_id, campaign_send_id)
    WHERE campaign_send_id IS NOT NULL;
-- provider webhook idempotency / lookup
CREATE UNIQUE INDEX rvm_drops_provider_message_uq ON rvm_drops (tenant_id, provider, provider_message_id)
    WHERE provider_message_id IS NOT NULL;
COMMENT ON TABLE rvm_drops IS 'A ringless voicemail dropped (or to be dropped) to an SMB, usually following up a campaign send.';

ALTER TABLE campaign_sends
    ADD CONSTRAINT campaign_sends_rvm_drop_fk FOREIGN KEY (tenant_id, rvm_drop_id)
        REFERENCES rvm_drops (tenant_id, id) ON DELETE SET NULL (rvm_drop_id);
CREATE INDEX campaign_sends_rvm_drop_idx ON campaign_sends (tenant_id, rvm_drop_id)
    WHERE rvm_drop_id IS NOT NULL;

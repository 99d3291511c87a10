-- messaging: provider/tracking events for campaign emails. Append-only (no updated_at).

CREATE TABLE email_events (
    tenant_id          uuid        NOT NULL REFERENCES tenants (id),
    id                 uuid        NOT NULL DEFAULT gen_random_uuid(),
    campaign_send_id   uuid        NOT NULL,
    event_type         text        NOT NULL,
    event_at           timestamptz NOT NULL,
    provider_event_id  text,       -- e.g. SNS MessageId; replays of a webhook change nothing
    link_clicked       text,
    bounce_type        text,
    ip_address         inet,
    user_agent         text,
    raw_event          jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT email_events_pk PRIMARY KEY (tenant_id, id),
    -- pure detail of the send
    CONSTRAINT email_events_campaign_send_fk FOREIGN KEY (tenant_id, campaign_send_id)
        REFERENCES campaign_sends (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT email_events_event_type_ck CHECK (event_type IN
        ('queued', 'sent', 'delivered', 'open', 'click', 'bounce', 'complaint',
         'unsubscribe', 'reject', 'rendering_failure', 'delivery_delay')),
    CONSTRAINT email_events_bounce_type_ck CHECK (bounce_type IN ('permanent', 'transient', 'undetermined')),
    CONSTRAINT email_events_raw_event_ck CHECK (jsonb_typeof(raw_event) = 'object')
);
CREATE INDEX email_events_campaign_send_idx ON email_events (tenant_id, campaign_send_id);
CREATE INDEX email_events_type_at_idx ON email_events (tenant_id, event_type, event_at);
CREATE INDEX email_events_event_at_idx ON email_events (tenant_id, event_at);
CREATE UNIQUE INDEX email_events_provider_event_uq ON email_events (tenant_id, provider_event_id)
    WHERE provider_event_id IS NOT NULL;
COMMENT ON TABLE email_events IS 'One delivery/engagement event (sent, open, click, bounce ...) of a campaign send.';

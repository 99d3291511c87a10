-- messaging: the captured outbox, where mail goes when no real transport is configured.

CREATE TABLE outbox_messages (
    tenant_id         uuid        NOT NULL REFERENCES tenants (id),
    id                uuid        NOT NULL,
    message_id        text        NOT NULL,   -- the RFC 5322 Message-ID: a retried send is stored once
    from_address      text        NOT NULL,
    to_address        text        NOT NULL,
    subject           text        NOT NULL,
    body_html         text        NOT NULL,
    body_text         text        NOT NULL,
    headers           jsonb       NOT NULL DEFAULT '{}'::jsonb,
    campaign_send_id  uuid,
    created_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT outbox_messages_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT outbox_messages_message_id_uq UNIQUE (tenant_id, message_id),
    CONSTRAINT outbox_messages_headers_ck CHECK (jsonb_typeof(headers) = 'object')
);
CREATE INDEX outbox_messages_created_idx ON outbox_messages (tenant_id, created_at DESC);
COMMENT ON TABLE outbox_messages IS 'Mail captured instead of sent (default profile): nothing leaves the machine unless a transport is configured.';

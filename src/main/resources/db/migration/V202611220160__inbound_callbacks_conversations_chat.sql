-- inbound: phone callbacks (often after an RVM drop), email conversations and chat messages.
-- smb_id is nullable everywhere here: inbound contact may come from an unknown sender.

CREATE TABLE callbacks (
    tenant_id               uuid        NOT NULL REFERENCES tenants (id),
    id                      uuid        NOT NULL DEFAULT gen_random_uuid(),
    smb_id                  uuid,
    rvm_drop_id             uuid,
    provider_call_id        text,        -- e.g. Twilio CallSid; webhook idempotency
    caller_phone            text        NOT NULL,
    called_number           text        NOT NULL,
    started_at              timestamptz NOT NULL,
    ended_at                timestamptz,
    duration_seconds        int,
    transcript              text,
    summary                 text,
    intent_detected         text,
    actions_taken           jsonb       NOT NULL DEFAULT '[]'::jsonb,
    followup_email_sent     boolean     NOT NULL DEFAULT false,
    followup_email_sent_at  timestamptz,
    metadata                jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT callbacks_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT callbacks_smb_fk FOREIGN KEY (tenant_id, smb_id)
        REFERENCES smbs (tenant_id, id),
    CONSTRAINT callbacks_rvm_drop_fk FOREIGN KEY (tenant_id, rvm_drop_id)
        REFERENCES rvm_drops (tenant_id, id) ON DELETE SET NULL (rvm_drop_id),
    CONSTRAINT callbacks_caller_phone_ck CHECK (length(caller_phone) BETWEEN 1 AND 50),
    CONSTRAINT callbacks_called_number_ck CHECK (length(called_number) BETWEEN 1 AND 50),
    CONSTRAINT callbacks_duration_seconds_ck CHECK (duration_seconds >= 0),
    CONSTRAINT callbacks_intent_detected_ck CHECK (length(intent_detected) <= 100),
    CONSTRAINT callbacks_actions_taken_ck CHECK (jsonb_typeof(actions_taken) = 'array'),
    CONSTRAINT callbacks_metadata_ck CHECK (jsonb_typeof(metadata) = 'object')
);
CREATE INDEX callbacks_smb_idx ON callbacks (tenant_id, smb_id) WHERE smb_id IS NOT NULL;
CREATE INDEX callbacks_caller_phone_idx ON callbacks (tenant_id, caller_phone);
CREATE INDEX callbacks_rvm_drop_idx ON callbacks (tenant_id, rvm_drop_id) WHERE rvm_drop_id IS NOT NULL;
CREATE UNIQUE INDEX callbacks_provider_call_uq ON callbacks (tenant_id, provider_call_id)
    WHERE provider_call_id IS NOT NULL;
COMMENT ON TABLE callbacks IS 'An inbound phone call, with transcript, summary, detected intent and the actions taken.';

-- rvm_drops (campaign migration) points at the callback it produced.
ALTER TABLE rvm_drops
    ADD CONSTRAINT rvm_drops_callback_fk FOREIGN KEY (tenant_id, callback_id)
        REFERENCES callbacks (tenant_id, id) ON DELETE SET NULL (callback_id);
CREATE INDEX rvm_drops_callback_idx ON rvm_drops (tenant_id, callback_id) WHERE callback_id IS NOT NULL;

CREATE TABLE email_conversations (
    tenant_id         uuid        NOT NULL REFERENCES tenants (id),
    id                uuid        NOT NULL DEFAULT gen_random_uuid(),
    smb_id            uuid,
    direction         text        NOT NULL,
    message_id        text,       -- RFC 5322 Message-ID; threading and inbound idempotency
    from_email        text        NOT NULL,
    to_email          text        NOT NULL,
    subject           text,
    body              text        NOT NULL,
    body_html         text,
    in_reply_to       text,
    campaign_send_id  uuid,
    intent            text,
    sentiment         text,
    ai_responded      boolean     NOT NULL DEFAULT false,
    ai_response       text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT email_conversations_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT email_conversations_smb_fk FOREIGN KEY (tenant_id, smb_id)
        REFERENCES smbs (tenant_id, id),
    CONSTRAINT email_conversations_campaign_send_fk FOREIGN KEY (tenant_id, campaign_send_id)
        REFERENCES campaign_sends (tenant_id, id) ON DELETE SET NULL (campaign_send_id),
    CONSTRAINT email_conversations_direction_ck CHECK (direction IN ('inbound', 'outbound')),
    CONSTRAINT email_conversations_intent_ck CHECK (length(intent) <= 100),
    CONSTRAINT email_conversations_sentiment_ck CHECK (length(sentiment) <= 50)
);
CREATE INDEX email_conversations_smb_idx ON email_conversations (tenant_id, smb_id, created_at)
    WHERE smb_id IS NOT NULL;
CREATE INDEX email_conversations_direction_idx ON email_conversations (tenant_id, direction);
CREATE INDEX email_conversations_campaign_send_idx ON email_conversations (tenant_id, campaign_send_id)
    WHERE campaign_send_id IS NOT NULL;
CREATE UNIQUE INDEX email_conversations_message_id_uq ON email_conversations (tenant_id, message_id)
    WHERE message_id IS NOT NULL;
COMMENT ON TABLE email_conversations IS 'An email received from or sent to an SMB outside the campaign sends (replies, AI answers).';

-- append-only: no updated_at
CREATE TABLE chat_messages (
    tenant_id      uuid        NOT NULL REFERENCES tenants (id),
    id             uuid        NOT NULL DEFAULT gen_random_uuid(),
    session_id     uuid        NOT NULL,
    smb_id         uuid,
    role           text        NOT NULL,
    content        text        NOT NULL,
    intent         text,
    actions_taken  jsonb       NOT NULL DEFAULT '[]'::jsonb,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT chat_messages_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT chat_messages_smb_fk FOREIGN KEY (tenant_id, smb_id)
        REFERENCES smbs (tenant_id, id),
    CONSTRAINT chat_messages_role_ck CHECK (role IN ('user', 'assistant', 'system')),
    CONSTRAINT chat_messages_intent_ck CHECK (length(intent) <= 100),
    CONSTRAINT chat_messages_actions_taken_ck CHECK (jsonb_typeof(actions_taken) = 'array')
);
-- a session's history in order (ids are UUIDv7, so id order is time order too)
CREATE INDEX chat_messages_session_idx ON chat_messages (tenant_id, session_id, created_at);
CREATE INDEX chat_messages_smb_idx ON chat_messages (tenant_id, smb_id) WHERE smb_id IS NOT NULL;
COMMENT ON TABLE chat_messages IS 'One message of a website/console chat session with the AI account manager.';

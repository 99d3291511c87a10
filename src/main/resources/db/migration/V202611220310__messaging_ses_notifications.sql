-- messaging: Amazon SES. The SNS notifications the webhook has processed (a replay changes
-- nothing) and the SES message id of every message the SES transport handed over, which is how
-- a notification finds its tenant.
--
-- Neither table leads with tenant_id, on purpose: the webhook is not signed in as a tenant and
-- learns the tenant from these keys (DESIGN.md §3's rule is for rows a tenant's queries read).

CREATE TABLE sns_notifications (
    message_id   text        NOT NULL,   -- SNS MessageId: the same for every redelivery of a message
    type         text        NOT NULL,
    topic_arn    text        NOT NULL,
    tenant_id    uuid        REFERENCES tenants (id),   -- when the notification named one of our emails
    event_type   text,                   -- the SES event type of a Notification (Bounce, Open …)
    received_at  timestamptz NOT NULL,
    CONSTRAINT sns_notifications_pk PRIMARY KEY (message_id),
    CONSTRAINT sns_notifications_type_ck CHECK (type IN
        ('Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation')),
    CONSTRAINT sns_notifications_message_id_ck CHECK (length(message_id) BETWEEN 1 AND 100),
    CONSTRAINT sns_notifications_topic_arn_ck CHECK (length(topic_arn) <= 256),
    CONSTRAINT sns_notifications_event_type_ck CHECK (length(event_type) <= 50)
);
CREATE INDEX sns_notifications_received_idx ON sns_notifications (received_at);
COMMENT ON TABLE sns_notifications IS 'SNS messages POST /webhooks/ses has processed, once each by MessageId.';

CREATE TABLE ses_messages (
    ses_message_id    text        NOT NULL,   -- what SES SendEmail answered; every SES event carries it
    tenant_id         uuid        NOT NULL REFERENCES tenants (id),
    message_id        text        NOT NULL,   -- our RFC 5322 Message-ID (SES rewrites the header)
    campaign_send_id  uuid,
    created_at        timestamptz NOT NULL,
    CONSTRAINT ses_messages_pk PRIMARY KEY (ses_message_id),
    CONSTRAINT ses_messages_ses_message_id_ck CHECK (length(ses_message_id) BETWEEN 1 AND 200)
);
CREATE INDEX ses_messages_tenant_idx ON ses_messages (tenant_id, message_id);
CREATE INDEX ses_messages_created_idx ON ses_messages (created_at);
COMMENT ON TABLE ses_messages IS 'SES message id -> tenant and our Message-ID of each email sent through SES; routes SNS notifications.';

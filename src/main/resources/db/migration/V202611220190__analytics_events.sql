-- analytics: the append-only event stream dashboards and reports read from.
-- Expected to be the largest table. Not partitioned, because a partitioned table's PK
-- must contain the partition key; if it outgrows a single heap, convert it to range
-- partitions on occurred_at with PK (tenant_id, id, occurred_at). Ids are UUIDv7, so
-- inserts append to the right edge of the PK index.

CREATE TABLE analytics_events (
    tenant_id        uuid        NOT NULL REFERENCES tenants (id),
    id               uuid        NOT NULL DEFAULT gen_random_uuid(),
    smb_id           uuid,
    community_id     uuid,
    event_type       text        NOT NULL,
    event_category   text,
    source_event_id  text,       -- id of the domain event recorded; listener idempotency
    properties       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    occurred_at      timestamptz NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT analytics_events_pk PRIMARY KEY (tenant_id, id),
    -- no cascade: the SMB purge deletes (or detaches) an SMB's events explicitly
    CONSTRAINT analytics_events_smb_fk FOREIGN KEY (tenant_id, smb_id)
        REFERENCES smbs (tenant_id, id),
    CONSTRAINT analytics_events_community_fk FOREIGN KEY (tenant_id, community_id)
        REFERENCES communities (tenant_id, id),
    CONSTRAINT analytics_events_event_type_ck CHECK (btrim(event_type) <> '' AND length(event_type) <= 100),
    CONSTRAINT analytics_events_event_category_ck CHECK (length(event_category) <= 50),
    CONSTRAINT analytics_events_properties_ck CHECK (jsonb_typeof(properties) = 'object')
);
CREATE INDEX analytics_events_type_occurred_idx ON analytics_events (tenant_id, event_type, occurred_at);
CREATE INDEX analytics_events_smb_idx ON analytics_events (tenant_id, smb_id) WHERE smb_id IS NOT NULL;
-- community dashboards; also backs the FK check if a community is ever deleted
CREATE INDEX analytics_events_community_idx ON analytics_events (tenant_id, community_id, occurred_at)
    WHERE community_id IS NOT NULL;
-- an event republished from the event publication registry is recorded once (per event type)
CREATE UNIQUE INDEX analytics_events_source_event_uq ON analytics_events (tenant_id, source_event_id, event_type)
    WHERE source_event_id IS NOT NULL;
COMMENT ON TABLE analytics_events IS 'Append-only stream of business events (per SMB and/or community) for dashboards and reports.';

-- smb: free-text search, keyset-paging sort indexes, and the suppression list that channel
-- eligibility checks.

-- btree_gin lets a GIN index lead with tenant_id, so a search scans one tenant's entries only.
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- One lower-cased document over everything a user may type to find an SMB (business name, DBA
-- name, contact name, email, phone with and without formatting, city); trigram-indexed for partial
-- words and typos.
ALTER TABLE smbs ADD COLUMN search_document text GENERATED ALWAYS AS (
    lower(business_name
        || ' ' || coalesce(dba_name, '')
        || ' ' || coalesce(primary_contact_name, '')
        || ' ' || coalesce(primary_email, '')
        || ' ' || coalesce(primary_phone, '')
        || ' ' || coalesce(city, ''))
) STORED;

DROP INDEX smbs_business_name_trgm_idx;
CREATE INDEX smbs_search_trgm_idx ON smbs USING gin (tenant_id, search_document gin_trgm_ops)
    WHERE deleted_at IS NULL;

-- Keyset paging: every allow-listed sort has an index (tenant_id, sort key, id) over live rows.
CREATE INDEX smbs_sort_business_name_idx ON smbs (tenant_id, lower(business_name), id) WHERE deleted_at IS NULL;
CREATE INDEX smbs_sort_created_at_idx ON smbs (tenant_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX smbs_sort_updated_at_idx ON smbs (tenant_id, updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX smbs_sort_engagement_score_idx ON smbs (tenant_id, engagement_score, id) WHERE deleted_at IS NULL;
CREATE INDEX smbs_sort_data_quality_idx ON smbs (tenant_id, data_quality_score, id) WHERE deleted_at IS NULL;
CREATE INDEX smbs_community_name_idx ON smbs (tenant_id, community_id, lower(business_name), id)
    WHERE deleted_at IS NULL;

-- Addresses that must not be contacted on a channel whatever the SMB's opt-ins say: hard bounces,
-- complaints, one-click unsubscribes, carrier opt-outs. Channel eligibility checks it.
CREATE TABLE suppressions (
    tenant_id   uuid        NOT NULL REFERENCES tenants (id),
    channel     text        NOT NULL,
    address     text        NOT NULL,
    reason      text        NOT NULL,
    detail      text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT suppressions_pk PRIMARY KEY (tenant_id, channel, address),
    CONSTRAINT suppressions_channel_ck CHECK (channel IN ('email', 'sms', 'rvm', 'phone')),
    CONSTRAINT suppressions_reason_ck CHECK (reason IN
        ('hard_bounce', 'complaint', 'unsubscribe', 'carrier_opt_out', 'manual', 'invalid_address')),
    CONSTRAINT suppressions_address_ck CHECK (address = lower(address) AND length(address) <= 254)
);
COMMENT ON TABLE suppressions IS 'Per-channel addresses never to contact (bounces, complaints, unsubscribes); checked by channel eligibility.';

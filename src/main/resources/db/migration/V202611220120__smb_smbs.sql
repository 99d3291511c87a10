-- smb: the SMB record (seed 004 smbs + seed 000 customer fields + seed 003 AI context).

-- trigram search on business names ("contains" search in SMB lists); trusted extension since PG 13
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE smbs (
    tenant_id                     uuid        NOT NULL REFERENCES tenants (id),
    id                            uuid        NOT NULL DEFAULT gen_random_uuid(),
    community_id                  uuid        NOT NULL,
    slug                          text        NOT NULL,

    -- identity
    business_name                 text        NOT NULL,
    dba_name                      text,
    business_type                 text,
    category                      text,

    -- contact
    primary_contact_name          text,
    primary_email                 text,
    primary_phone                 text,
    secondary_contacts            jsonb       NOT NULL DEFAULT '[]'::jsonb,
    website                       text,

    -- location (seed's point column split into two numerics)
    address                       text,
    city                          text,
    state                         char(2),
    zip                           text,
    latitude                      numeric(9,6),
    longitude                     numeric(9,6),

    -- AI context (seed 003)
    business_description          text,
    brand_voice                   jsonb       NOT NULL DEFAULT '{}'::jsonb,
    products_services             jsonb       NOT NULL DEFAULT '[]'::jsonb,
    content_preferences           jsonb       NOT NULL DEFAULT '{}'::jsonb,
    faqs                          jsonb       NOT NULL DEFAULT '[]'::jsonb,

    -- engagement (maintained by the engagement module)
    engagement_tier               smallint    NOT NULL DEFAULT 4,
    engagement_score              int         NOT NULL DEFAULT 0,
    last_email_open               timestamptz,
    last_email_click              timestamptz,
    last_content_view             timestamptz,
    last_approval                 timestamptz,
    total_approvals               int         NOT NULL DEFAULT 0,
    total_meetings                int         NOT NULL DEFAULT 0,

    -- campaign (the 90-day "manifest destiny" program)
    campaign_status               text        NOT NULL DEFAULT 'pending',
    current_campaign_id           text,       -- FK to campaigns added in the campaign migration
    manifest_destiny_day          int         NOT NULL DEFAULT 0,
    manifest_destiny_start_date   date,
    next_scheduled_send           timestamptz,

    -- service
    service_model                 text,
    subscription_tier             text        NOT NULL DEFAULT 'free',
    services_activated            jsonb       NOT NULL DEFAULT '[]'::jsonb,
    services_approved_pending     jsonb       NOT NULL DEFAULT '[]'::jsonb,

    -- communication preferences (consent is the business's; never changed by tier logic)
    email_opted_in                boolean     NOT NULL DEFAULT true,
    sms_opted_in                  boolean     NOT NULL DEFAULT false,
    rvm_opted_in                  boolean     NOT NULL DEFAULT true,
    phone_opted_in                boolean     NOT NULL DEFAULT false,
    do_not_contact                boolean     NOT NULL DEFAULT false,

    -- metadata
    source                        text,
    data_quality_score            int         NOT NULL DEFAULT 0,
    metadata                      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    version                       bigint      NOT NULL DEFAULT 0,  -- bumped on every update; the ETag
    created_at                    timestamptz NOT NULL DEFAULT now(),
    updated_at                    timestamptz NOT NULL DEFAULT now(),
    deleted_at                    timestamptz,                   -- soft delete; a purge job hard-deletes later

    CONSTRAINT smbs_pk PRIMARY KEY (tenant_id, id),
    -- restrict: a community with SMBs cannot be deleted
    CONSTRAINT smbs_community_fk FOREIGN KEY (tenant_id, community_id)
        REFERENCES communities (tenant_id, id),

    CONSTRAINT smbs_slug_ck CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 120),
    CONSTRAINT smbs_business_name_ck CHECK (btrim(business_name) <> ''),
    CONSTRAINT smbs_business_type_ck CHECK (length(business_type) <= 100),
    CONSTRAINT smbs_category_ck CHECK (length(category) <= 100),
    CONSTRAINT smbs_primary_email_ck CHECK (primary_email = lower(primary_email)
        AND position('@' IN primary_email) > 1 AND length(primary_email) <= 254),
    CONSTRAINT smbs_primary_phone_ck CHECK (length(primary_phone) <= 50),
    CONSTRAINT smbs_secondary_contacts_ck CHECK (jsonb_typeof(secondary_contacts) = 'array'),
    CONSTRAINT smbs_city_ck CHECK (length(city) <= 100),
    CONSTRAINT smbs_state_ck CHECK (state ~ '^[A-Z]{2}$'),
    CONSTRAINT smbs_zip_ck CHECK (length(zip) <= 10),
    CONSTRAINT smbs_latitude_ck CHECK (latitude BETWEEN -90 AND 90),
    CONSTRAINT smbs_longitude_ck CHECK (longitude BETWEEN -180 AND 180),
    CONSTRAINT smbs_coordinates_ck CHECK ((latitude IS NULL) = (longitude IS NULL)),
    CONSTRAINT smbs_brand_voice_ck CHECK (jsonb_typeof(brand_voice) = 'object'),
    CONSTRAINT smbs_products_services_ck CHECK (jsonb_typeof(products_services) = 'array'),
    CONSTRAINT smbs_content_preferences_ck CHECK (jsonb_typeof(content_preferences) = 'object'),
    CONSTRAINT smbs_faqs_ck CHECK (jsonb_typeof(faqs) = 'array'),
    CONSTRAINT smbs_engagement_tier_ck CHECK (engagement_tier BETWEEN 1 AND 4),
    CONSTRAINT smbs_engagement_score_ck CHECK (engagement_score BETWEEN 0 AND 100),
    CONSTRAINT smbs_total_approvals_ck CHECK (total_approvals >= 0),
    CONSTRAINT smbs_total_meetings_ck CHECK (total_meetings >= 0),
    CONSTRAINT smbs_campaign_status_ck CHECK (campaign_status IN
        ('pending', 'scheduled', 'running', 'paused', 'completed', 'cancelled')),
    CONSTRAINT smbs_manifest_destiny_day_ck CHECK (manifest_destiny_day BETWEEN 0 AND 90),
    CONSTRAINT smbs_service_model_ck CHECK (service_model IN ('self_serve', 'managed', 'hybrid', 'enterprise')),
    CONSTRAINT smbs_subscription_tier_ck CHECK (subscription_tier IN
        ('free', 'basic', 'standard', 'premium', 'enterprise')),
    CONSTRAINT smbs_services_activated_ck CHECK (jsonb_typeof(services_activated) = 'array'),
    CONSTRAINT smbs_services_approved_pending_ck CHECK (jsonb_typeof(services_approved_pending) = 'array'),
    CONSTRAINT smbs_source_ck CHECK (length(source) <= 50),
    CONSTRAINT smbs_data_quality_score_ck CHECK (data_quality_score BETWEEN 0 AND 100),
    CONSTRAINT smbs_metadata_ck CHECK (jsonb_typeof(metadata) = 'object'),
    CONSTRAINT smbs_version_ck CHECK (version >= 0)
);

-- a deleted SMB frees its slug
CREATE UNIQUE INDEX smbs_slug_uq ON smbs (tenant_id, slug) WHERE deleted_at IS NULL;
-- not partial: it also backs the FK check when a community is deleted
CREATE INDEX smbs_community_idx ON smbs (tenant_id, community_id);
-- list / lookup / program queries see live rows only
CREATE INDEX smbs_primary_email_idx ON smbs (tenant_id, primary_email) WHERE deleted_at IS NULL;
CREATE INDEX smbs_primary_phone_idx ON smbs (tenant_id, primary_phone) WHERE deleted_at IS NULL;
CREATE INDEX smbs_campaign_status_idx ON smbs (tenant_id, campaign_status) WHERE deleted_at IS NULL;
CREATE INDEX smbs_engagement_tier_idx ON smbs (tenant_id, engagement_tier) WHERE deleted_at IS NULL;
CREATE INDEX smbs_campaign_status_day_idx ON smbs (tenant_id, campaign_status, manifest_destiny_day)
    WHERE deleted_at IS NULL;
CREATE INDEX smbs_next_scheduled_send_idx ON smbs (tenant_id, next_scheduled_send)
    WHERE deleted_at IS NULL AND next_scheduled_send IS NOT NULL;
-- for the purge job (soft-deleted rows older than N days)
CREATE INDEX smbs_deleted_at_idx ON smbs (tenant_id, deleted_at) WHERE deleted_at IS NOT NULL;
-- Exception to "indexes start with tenant_id": a GIN trigram index cannot hold a uuid
-- column without btree_gin, which we do not install. Queries still filter by tenant_id;
-- the planner combines this with the tenant predicate.
CREATE INDEX smbs_business_name_trgm_idx ON smbs USING gin (business_name gin_trgm_ops)
    WHERE deleted_at IS NULL;

COMMENT ON TABLE smbs IS 'A small/medium business: the CRM record, its engagement, 90-day program state, consent and AI context.';
COMMENT ON COLUMN smbs.version IS 'Optimistic-concurrency counter; incremented by every UPDATE, exposed as the ETag.';
COMMENT ON COLUMN smbs.current_campaign_id IS 'Catalog campaign the SMB is on (campaigns.id, e.g. HOWTO-001).';

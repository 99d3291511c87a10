-- content: learning-center pieces (slides/article/audio) and who viewed them.

CREATE TABLE content (
    tenant_id               uuid        NOT NULL REFERENCES tenants (id),
    id                      uuid        NOT NULL DEFAULT gen_random_uuid(),
    slug                    text        NOT NULL,
    type                    text        NOT NULL,
    title                   text        NOT NULL,
    campaign_id             text,
    slides                  jsonb       NOT NULL DEFAULT '[]'::jsonb,
    article_body            text,
    audio_base_url          text,
    duration_seconds        int         NOT NULL DEFAULT 60,
    service_type            text,
    approval_button_text    text,
    personalization_fields  jsonb       NOT NULL DEFAULT '[]'::jsonb,
    metadata                jsonb       NOT NULL DEFAULT '{}'::jsonb,
    is_active               boolean     NOT NULL DEFAULT true,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT content_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT content_slug_uq UNIQUE (tenant_id, slug),
    CONSTRAINT content_campaign_fk FOREIGN KEY (tenant_id, campaign_id)
        REFERENCES campaigns (tenant_id, id) ON DELETE SET NULL (campaign_id),
    CONSTRAINT content_slug_ck CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 100),
    CONSTRAINT content_type_ck CHECK (type IN ('edu', 'hook', 'howto', 'article')),
    CONSTRAINT content_title_ck CHECK (btrim(title) <> ''),
    CONSTRAINT content_slides_ck CHECK (jsonb_typeof(slides) = 'array'),
    CONSTRAINT content_duration_seconds_ck CHECK (duration_seconds >= 0),
    CONSTRAINT content_service_type_ck CHECK (length(service_type) <= 100),
    CONSTRAINT content_personalization_fields_ck CHECK (jsonb_typeof(personalization_fields) = 'array'),
    CONSTRAINT content_metadata_ck CHECK (jsonb_typeof(metadata) = 'object')
);
-- getContentByCampaign
CREATE INDEX content_campaign_idx ON content (tenant_id, campaign_id) WHERE campaign_id IS NOT NULL;
CREATE INDEX content_type_idx ON content (tenant_id, type) WHERE is_active;
COMMENT ON TABLE content IS 'Learning-center content (slides, article, audio) that campaign emails link to.';

CREATE TABLE content_views (
    tenant_id              uuid        NOT NULL REFERENCES tenants (id),
    id                     uuid        NOT NULL DEFAULT gen_random_uuid(),
    content_id             uuid        NOT NULL,  -- seed 004 had content_slug; slugs can change
    smb_id                 uuid,                  -- null for anonymous viewers
    started_at             timestamptz NOT NULL,
    completed_at           timestamptz,
    completion_percentage  int         NOT NULL DEFAULT 0,
    source_campaign_id     text,
    source_url             text,
    time_on_page_seconds   int,
    slides_viewed          jsonb       NOT NULL DEFAULT '[]'::jsonb,
    approval_clicked       boolean     NOT NULL DEFAULT false,
    downloaded_pdf         boolean     NOT NULL DEFAULT false,
    shared                 boolean     NOT NULL DEFAULT false,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT content_views_pk PRIMARY KEY (tenant_id, id),
    -- a view is pure detail of its content: content is normally retired (is_active = false);
    -- a deliberate hard delete of content takes its views with it
    CONSTRAINT content_views_content_fk FOREIGN KEY (tenant_id, content_id)
        REFERENCES content (tenant_id, id) ON DELETE CASCADE,
    -- no cascade from smbs: the SMB purge deletes views explicitly
    CONSTRAINT content_views_smb_fk FOREIGN KEY (tenant_id, smb_id)
        REFERENCES smbs (tenant_id, id),
    CONSTRAINT content_views_source_campaign_fk FOREIGN KEY (tenant_id, source_campaign_id)
        REFERENCES campaigns (tenant_id, id) ON DELETE SET NULL (source_campaign_id),
    CONSTRAINT content_views_completion_percentage_ck CHECK (completion_percentage BETWEEN 0 AND 100),
    CONSTRAINT content_views_time_on_page_ck CHECK (time_on_page_seconds >= 0),
    CONSTRAINT content_views_slides_viewed_ck CHECK (jsonb_typeof(slides_viewed) = 'array'),
    CONSTRAINT content_views_completed_ck CHECK (completed_at IS NULL OR completed_at >= started_at)
);
CREATE INDEX content_views_smb_idx ON content_views (tenant_id, smb_id) WHERE smb_id IS NOT NULL;
CREATE INDEX content_views_content_idx ON content_views (tenant_id, content_id, started_at);
COMMENT ON TABLE content_views IS 'One viewing session of a content piece, by a known SMB or anonymously.';

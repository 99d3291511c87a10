-- community: the towns/markets SMBs belong to; their IANA time zone drives local send times.

CREATE TABLE communities (
    tenant_id   uuid        NOT NULL REFERENCES tenants (id),
    id          uuid        NOT NULL DEFAULT gen_random_uuid(),
    name        text        NOT NULL,
    slug        text        NOT NULL,
    state       char(2)     NOT NULL,
    county      text,
    population  int,
    timezone    text        NOT NULL DEFAULT 'America/New_York',
    settings    jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT communities_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT communities_slug_uq UNIQUE (tenant_id, slug),
    CONSTRAINT communities_name_ck CHECK (btrim(name) <> ''),
    CONSTRAINT communities_slug_ck CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 100),
    CONSTRAINT communities_state_ck CHECK (state ~ '^[A-Z]{2}$'),
    CONSTRAINT communities_population_ck CHECK (population IS NULL OR population >= 0),
    -- IANA name validity (ZoneId.of) is checked by the application
    CONSTRAINT communities_timezone_ck CHECK (length(timezone) BETWEEN 1 AND 64),
    CONSTRAINT communities_settings_ck CHECK (jsonb_typeof(settings) = 'object')
);
CREATE INDEX communities_state_idx ON communities (tenant_id, state);
COMMENT ON TABLE communities IS 'A local market (town/county) that SMBs belong to, with its time zone and settings.';

-- smb: the list's text search as full-text search over the SMB's words, with a per-tenant
-- lexicon of those words for partial words and typos (docs/benchmarks.md, issue 3).
--
-- Session 1 searched a trigram index over one long lower-cased document per SMB. It was slow to
-- read (a common term matched 1-5 % of the rows, each rechecked) and slow to write (~80 trigram
-- keys per SMB, the dominant cost of a bulk import). Now:
--   * each SMB carries its words as a tsvector (~15 lexemes): the words of its business, DBA and
--     contact names, email and city, plus its phone's digits as typed in four ways (with country
--     code, national, last 7, last 4) so that any of them finds it by prefix;
--   * smb_search_words holds every word (not numbers) any SMB of the tenant has had, trigram
--     indexed; the list first turns each typed term into the words containing it (or, when none
--     does, the words similar to it) and then asks the tsvector index for any of those words;
--   * the GIN index also holds engagement_tier and community_id (btree_gin), so a search inside
--     those filters intersects them in the index instead of fetching every match.

DROP INDEX smbs_search_trgm_idx;
ALTER TABLE smbs DROP COLUMN search_document;

-- Every index costs every insert (docs/benchmarks.md, issue 4): drop the two that others cover.
-- (tenant_id, campaign_status) is the prefix of smbs_campaign_status_day_idx, same predicate.
DROP INDEX smbs_campaign_status_idx;
-- (tenant_id, community_id) is the prefix of the community list's index, which now covers
-- deleted rows too, so the composite foreign key to communities keeps an index to check against.
DROP INDEX smbs_community_idx;
DROP INDEX smbs_community_name_idx;
CREATE INDEX smbs_community_name_idx ON smbs (tenant_id, community_id, lower(business_name), id);

CREATE FUNCTION smb_search_terms(business_name text, dba_name text, contact_name text, email text,
                                 phone text, city text)
    RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT array_remove(
        regexp_split_to_array(lower(concat_ws(' ', business_name, dba_name, contact_name, email, city)),
                              '[^[:alnum:]]+')
        || CASE WHEN phone IS NULL THEN '{}'::text[]
                ELSE ARRAY[regexp_replace(phone, '[^0-9]', '', 'g'),
                           right(regexp_replace(phone, '[^0-9]', '', 'g'), 10),
                           right(regexp_replace(phone, '[^0-9]', '', 'g'), 7),
                           right(regexp_replace(phone, '[^0-9]', '', 'g'), 4)] END,
        '')
$$;
COMMENT ON FUNCTION smb_search_terms IS 'The words an SMB is found by: SmbSearch splits typed terms the same way.';

ALTER TABLE smbs ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    array_to_tsvector(smb_search_terms(business_name, dba_name, primary_contact_name, primary_email,
                                       primary_phone, city))
) STORED;

CREATE INDEX smbs_search_idx ON smbs USING gin (tenant_id, search_vector, engagement_tier, community_id)
    WHERE deleted_at IS NULL;

CREATE TABLE smb_search_words (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    word      text NOT NULL,
    CONSTRAINT smb_search_words_pk PRIMARY KEY (tenant_id, word),
    CONSTRAINT smb_search_words_word_ck CHECK (length(word) BETWEEN 2 AND 60 AND word !~ '^[0-9]+$')
);
CREATE INDEX smb_search_words_trgm_idx ON smb_search_words USING gin (tenant_id, word gin_trgm_ops);
COMMENT ON TABLE smb_search_words IS
    'Every word (not number) of a tenant''s SMBs, for partial-word and typo search; words are never removed (a stale one matches nothing).';

-- Words reach the lexicon from every write path (API, bulk update, import, COPY) by triggers: once
-- per statement for inserts, so an import adds its words in one set-based insert; per row for the
-- rare update that changes a searched column. Sorted, so concurrent writers take locks in one order.
CREATE FUNCTION smb_search_words_of_inserted() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO smb_search_words (tenant_id, word)
    SELECT DISTINCT n.tenant_id, w.word
    FROM inserted_smbs n, unnest(tsvector_to_array(n.search_vector)) AS w (word)
    WHERE length(w.word) BETWEEN 2 AND 60 AND w.word !~ '^[0-9]+$'
    ORDER BY 1, 2
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE TRIGGER smbs_search_words_insert_trg AFTER INSERT ON smbs
    REFERENCING NEW TABLE AS inserted_smbs
    FOR EACH STATEMENT EXECUTE FUNCTION smb_search_words_of_inserted();

CREATE FUNCTION smb_search_words_of_updated() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO smb_search_words (tenant_id, word)
    SELECT DISTINCT NEW.tenant_id, w.word
    FROM unnest(tsvector_to_array(NEW.search_vector)) AS w (word)
    WHERE length(w.word) BETWEEN 2 AND 60 AND w.word !~ '^[0-9]+$'
    ORDER BY 1, 2
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE TRIGGER smbs_search_words_update_trg
    AFTER UPDATE OF business_name, dba_name, primary_contact_name, primary_email, primary_phone, city ON smbs
    FOR EACH ROW WHEN (OLD.search_vector IS DISTINCT FROM NEW.search_vector)
    EXECUTE FUNCTION smb_search_words_of_updated();

INSERT INTO smb_search_words (tenant_id, word)
SELECT DISTINCT s.tenant_id, w.word
FROM smbs s, unnest(tsvector_to_array(s.search_vector)) AS w (word)
WHERE length(w.word) BETWEEN 2 AND 60 AND w.word !~ '^[0-9]+$'
ON CONFLICT DO NOTHING;

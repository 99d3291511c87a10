-- smb: the search GIN indexes no longer lead with tenant_id.
--
-- In a GIN index every key column is its own posting list, and the scan intersects them. A tenant's
-- tenant_id entry lists every one of its SMBs, so a search for a word in 800 SMBs first walked a
-- posting tree of a million: measured at 1M SMBs (bench/run-list-search.sh, held database), the
-- bitmap index scan for 'roofing':* with engagement_tier = 2 took 17–26 ms with tenant_id in the
-- index and 6–10 ms without it, for the same 784 rows. The tenant condition stays in every query;
-- it is checked on the few heap rows the words and filters leave.
-- The lexicon's trigram index gains the same way (containing/similar look-ups 14–43 ms → 3–19 ms).

DROP INDEX smbs_search_idx;
CREATE INDEX smbs_search_idx ON smbs USING gin (search_vector, engagement_tier, community_id)
    WHERE deleted_at IS NULL;

DROP INDEX smb_search_words_trgm_idx;
CREATE INDEX smb_search_words_trgm_idx ON smb_search_words USING gin (word gin_trgm_ops);

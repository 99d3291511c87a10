-- smb: the list's text search inside its most used filters (issue 3's benchmark, docs/benchmarks.md).
--
-- The trigram index also holds engagement_tier and community_id (btree_gin): a search with
-- engagement_tier= or community_id= then gets from the index only the rows of that tier or
-- community, instead of every row containing the term, and reads ~10x fewer heap pages; its cost
-- also makes the planner prefer it to walking the business-name index past tens of thousands of
-- rows that do not match. At 1,000,000 SMBs, page 1 of engagement_tier=2&search=roofing went from
-- ~430 ms to ~20 ms. A search without these filters uses the index as before (GIN can use any
-- subset of its columns). The list binds engagement_tier as smallint: btree_gin's int2 operator
-- class has no smallint = integer operator.
DROP INDEX smbs_search_trgm_idx;
CREATE INDEX smbs_search_trgm_idx ON smbs
    USING gin (tenant_id, search_document gin_trgm_ops, engagement_tier, community_id)
    WHERE deleted_at IS NULL;

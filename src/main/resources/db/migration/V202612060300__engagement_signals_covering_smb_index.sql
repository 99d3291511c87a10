-- engagement: the ledger's per-SMB index carries every column the scoring reads.
--
-- The nightly recompute scores a tenant in id ranges at once. With the plain (tenant_id, smb_id,
-- occurred_at) index it read the whole ledger in each range (a sequential scan, the other ranges'
-- rows filtered out) and hashed a per-SMB aggregate of about a million groups. With the type, the
-- machine flag and the attributes in the index, each range reads only its own SMBs' entries, in SMB
-- order, from the index alone (the append-only ledger's pages are all-visible once vacuumed), and
-- aggregates them one SMB after another without a hash table: on a 5,000,000-signal copy, half the
-- SMBs scored in 1.8–2.3 s against 4.0 s (docs/benchmarks.md, issue 5). The real-time rescoring's
-- read of one SMB's signals becomes index-only too.
--
-- A btree entry must fit in a third of a page, so the attributes that travel in the index are kept
-- small: each signal carries one short identifier (a campaign id, a content slug, a service type).
DROP INDEX engagement_signals_smb_idx;
CREATE INDEX engagement_signals_smb_idx ON engagement_signals (tenant_id, smb_id, occurred_at DESC)
    INCLUDE (signal_type, machine_generated, attributes);
ALTER TABLE engagement_signals ADD CONSTRAINT engagement_signals_attributes_size_ck
    CHECK (octet_length(CAST(attributes AS text)) <= 1000);

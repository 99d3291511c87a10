-- engagement: the real-time path in two steps. An event's listener records its signal in the ledger
-- and, in the same statement, queues its SMB here; a rescorer takes the queued SMBs in rounds (up to
-- fibonacco.engagement.rescore-batch at once, SKIP LOCKED so server processes share them) and
-- rescores them set-based in one transaction, which also removes them from the queue. A crash
-- leaves them queued. Signals of one SMB that arrive together are scored once; what they move
-- (last-activity columns, approval and meeting counters) accumulates here until then.

CREATE TABLE engagement_rescore_queue (
    tenant_id           uuid        NOT NULL,
    smb_id              uuid        NOT NULL,
    queued_at           timestamptz NOT NULL,
    -- the latest queued signal: named in the reasons, and the lead rule it fired in the change log
    trigger_type        text        NOT NULL,
    trigger_attributes  jsonb       NOT NULL DEFAULT '{}'::jsonb,
    approvals           int         NOT NULL DEFAULT 0,
    meetings            int         NOT NULL DEFAULT 0,
    last_email_open     timestamptz,
    last_email_click    timestamptz,
    last_content_view   timestamptz,
    last_approval       timestamptz,
    CONSTRAINT engagement_rescore_queue_pk PRIMARY KEY (tenant_id, smb_id),
    CONSTRAINT engagement_rescore_queue_smb_fk FOREIGN KEY (tenant_id, smb_id)
        REFERENCES smbs (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT engagement_rescore_queue_counts_ck CHECK (approvals >= 0 AND meetings >= 0)
);
CREATE INDEX engagement_rescore_queue_queued_at_idx ON engagement_rescore_queue (queued_at);
COMMENT ON TABLE engagement_rescore_queue IS
    'SMBs with new signals whose scores are not yet brought up to date (normally for well under a second).';

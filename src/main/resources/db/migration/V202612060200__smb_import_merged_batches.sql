-- smb: an import's merge runs several batches at once (fibonacco.import.merge-workers), so one
-- watermark (merged_through) can no longer say what is merged. Each committed batch records its
-- range of staged row numbers instead, in the batch's own transaction; a restarted job merges the
-- gaps. The ranges live as long as the staged rows: the job deletes them when the import ends.

CREATE TABLE smb_import_batches (
    tenant_id  uuid   NOT NULL,
    import_id  uuid   NOT NULL,
    first_row  bigint NOT NULL,
    last_row   bigint NOT NULL,
    CONSTRAINT smb_import_batches_pk PRIMARY KEY (tenant_id, import_id, first_row),
    CONSTRAINT smb_import_batches_import_fk FOREIGN KEY (tenant_id, import_id)
        REFERENCES smb_imports (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT smb_import_batches_rows_ck CHECK (first_row >= 1 AND last_row >= first_row)
);
COMMENT ON TABLE smb_import_batches IS
    'The ranges of an open import''s staged rows whose merge has committed; a restarted job merges the rest.';

-- an import in flight at the upgrade keeps what it merged
INSERT INTO smb_import_batches (tenant_id, import_id, first_row, last_row)
SELECT tenant_id, id, 1, merged_through FROM smb_imports WHERE merged_through > 0 AND finished_at IS NULL;

ALTER TABLE smb_imports DROP CONSTRAINT smb_imports_counts_ck;
ALTER TABLE smb_imports DROP COLUMN merged_through;
ALTER TABLE smb_imports ADD CONSTRAINT smb_imports_counts_ck CHECK (bytes_read >= 0 AND rows_processed >= 0
    AND created >= 0 AND updated >= 0 AND skipped >= 0 AND failed >= 0 AND attempts >= 0
    AND (rows_total IS NULL OR rows_total >= 0));

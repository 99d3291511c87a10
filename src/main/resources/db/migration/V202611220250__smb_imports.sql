-- smb: bulk imports of SMBs (seed 000 ImportSMBs, seed 001 §2 bulk operations).
--
-- An upload is kept as a PostgreSQL large object (file_oid) until its import ends, so any server
-- process, and a job restarted after a crash, can read it. The job copies the file's rows into a
-- per-import UNLOGGED staging table (smb_import_stage_<id>, created and dropped by the job), then
-- merges them into smbs in batches of row numbers; merged_through records the last committed batch,
-- so a restarted job continues after it and never merges a row twice.

CREATE TABLE smb_imports (
    tenant_id        uuid        NOT NULL REFERENCES tenants (id),
    id               uuid        NOT NULL,
    status           text        NOT NULL DEFAULT 'queued',
    -- where a running job is: reading the file into staging, or merging staged rows
    phase            text        NOT NULL DEFAULT 'staging',
    file_name        text        NOT NULL,
    file_format      text        NOT NULL,
    file_size        bigint      NOT NULL,
    file_oid         oid,
    community_id     uuid,
    on_duplicate     text        NOT NULL,
    match_on         text        NOT NULL,
    mapping          jsonb       NOT NULL DEFAULT '{}'::jsonb,
    dry_run          boolean     NOT NULL DEFAULT false,
    bytes_read       bigint      NOT NULL DEFAULT 0,
    rows_total       bigint,
    rows_processed   bigint      NOT NULL DEFAULT 0,
    merged_through   bigint      NOT NULL DEFAULT 0,
    created          bigint      NOT NULL DEFAULT 0,
    updated          bigint      NOT NULL DEFAULT 0,
    skipped          bigint      NOT NULL DEFAULT 0,
    failed           bigint      NOT NULL DEFAULT 0,
    attempts         int         NOT NULL DEFAULT 0,
    failure_reason   text,
    requested_by     uuid,
    created_at       timestamptz NOT NULL DEFAULT now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT smb_imports_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT smb_imports_community_fk FOREIGN KEY (tenant_id, community_id)
        REFERENCES communities (tenant_id, id) ON DELETE SET NULL (community_id),
    CONSTRAINT smb_imports_status_ck CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
    CONSTRAINT smb_imports_phase_ck CHECK (phase IN ('staging', 'merging', 'done')),
    CONSTRAINT smb_imports_file_format_ck CHECK (file_format IN ('csv', 'json')),
    CONSTRAINT smb_imports_file_name_ck CHECK (length(file_name) <= 255),
    CONSTRAINT smb_imports_file_size_ck CHECK (file_size > 0),
    CONSTRAINT smb_imports_on_duplicate_ck CHECK (on_duplicate IN ('skip', 'update', 'create')),
    CONSTRAINT smb_imports_match_on_ck CHECK (match_on IN ('email', 'phone', 'email_or_phone')),
    CONSTRAINT smb_imports_mapping_ck CHECK (jsonb_typeof(mapping) = 'object'),
    CONSTRAINT smb_imports_counts_ck CHECK (bytes_read >= 0 AND rows_processed >= 0 AND merged_through >= 0
        AND created >= 0 AND updated >= 0 AND skipped >= 0 AND failed >= 0 AND attempts >= 0
        AND (rows_total IS NULL OR rows_total >= 0)),
    CONSTRAINT smb_imports_finished_ck CHECK ((finished_at IS NOT NULL) = (status IN ('completed', 'failed', 'cancelled')))
);
CREATE INDEX smb_imports_created_at_idx ON smb_imports (tenant_id, created_at);

COMMENT ON TABLE smb_imports IS 'A bulk import of SMBs from an uploaded CSV or JSON file: options, progress, counts and outcome.';
COMMENT ON COLUMN smb_imports.file_oid IS 'The uploaded file as a large object; unlinked when the import ends.';
COMMENT ON COLUMN smb_imports.merged_through IS 'Highest staged row number whose batch is committed; a restarted job resumes after it.';
COMMENT ON COLUMN smb_imports.bytes_read IS 'How much of the file the staging step has read, for progress while rows_total is unknown.';

-- Every rejected row: its row number (spreadsheet numbering for CSV: the header is row 1), the
-- column as the file names it, the value and the reason. Written in the same transaction that stages
-- the rows, so a restart never loses or doubles the report.
CREATE TABLE smb_import_errors (
    tenant_id    uuid   NOT NULL,
    import_id    uuid   NOT NULL,
    row_number   bigint NOT NULL,
    error_no     int    NOT NULL,
    column_name  text   NOT NULL,
    value        text,
    reason       text   NOT NULL,
    CONSTRAINT smb_import_errors_pk PRIMARY KEY (tenant_id, import_id, row_number, error_no),
    CONSTRAINT smb_import_errors_import_fk FOREIGN KEY (tenant_id, import_id)
        REFERENCES smb_imports (tenant_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE smb_import_errors IS 'Rows an import rejected, one line per offending column, for the errors.csv report.';

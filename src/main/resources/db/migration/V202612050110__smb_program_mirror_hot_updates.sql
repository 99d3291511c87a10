-- smb: let the campaign module's daily rewrite of a running SMB's program fields be a HOT update.
--
-- Every day each running program's day, current campaign and next send are copied onto its smbs row
-- (Programs.saveAll). An UPDATE that changes no indexed column and finds room on the row's page is
-- HOT: it adds no entry to any of smbs' thirteen indexes (the GIN search index among them). The day was indexed
-- only as the second column of the campaign-status index, which no query filters or sorts by; the
-- campaign-status filter and the community stats need the status alone.
CREATE INDEX smbs_campaign_status_idx ON smbs (tenant_id, campaign_status) WHERE deleted_at IS NULL;
DROP INDEX smbs_campaign_status_day_idx;


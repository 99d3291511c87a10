-- smb: drop the index on next_scheduled_send, which no query reads.
--
-- The campaign module schedules from campaign_programs (campaign_programs_due_idx); the column on
-- smbs is a mirror shown in responses and read by id. Every write of a running SMB's row that is
-- not a HOT update (the day scheduler's mirror refresh, an import, a rescore) paid for the entry.
DROP INDEX IF EXISTS smbs_next_scheduled_send_idx;

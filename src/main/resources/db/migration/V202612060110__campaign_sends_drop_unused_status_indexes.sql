-- campaign: drop the three indexes of campaign_sends that lead with (tenant_id, status).
--
-- No query filters sends by tenant and status: the sender claims due sends through
-- campaign_sends_due_idx and campaign_sends_sending_idx (partial, per status), the voicemail check
-- through campaign_sends_rvm_check_idx, everything else by SMB, campaign or id. Every send's row
-- is updated at least twice (claimed, then sent) and each update changes the status, so each paid
-- for these three indexes without any reader.
DROP INDEX campaign_sends_status_idx;
DROP INDEX campaign_sends_status_scheduled_idx;
DROP INDEX campaign_sends_status_sent_opened_idx;

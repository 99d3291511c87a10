-- activity: timeline entries for tier pins set and lifted by hand or expired (engagement's
-- SmbTierPinned / SmbTierUnpinned). NOT VALID then VALIDATE: the check is added without
-- holding a write lock on the timeline while existing rows are checked.
ALTER TABLE activities DROP CONSTRAINT activities_activity_type_ck;
ALTER TABLE activities ADD CONSTRAINT activities_activity_type_ck CHECK (activity_type IN
    ('smb_created', 'smb_updated', 'smb_deleted', 'smb_restored',
     'tag_added', 'tag_removed',
     'note_added', 'note_updated', 'note_deleted',
     'task_created', 'task_updated', 'task_completed', 'task_deleted',
     'engagement_changed', 'tier_changed', 'tier_pinned', 'tier_unpinned',
     'campaign_send_queued', 'campaign_send_completed',
     'email_opened', 'email_clicked', 'email_bounced',
     'rvm_drop_queued', 'rvm_delivered', 'callback_received',
     'approval_submitted', 'approval_provisioned', 'upsell_offered', 'upsell_accepted',
     'content_viewed', 'content_completed',
     'inbound_email', 'chat_message')) NOT VALID;
ALTER TABLE activities VALIDATE CONSTRAINT activities_activity_type_ck;

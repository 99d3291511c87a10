-- campaign: soft bounces of a send. A transient bounce re-queues the send with backoff until
-- fibonacco.campaign.soft-bounce.max-retries; then the send ends 'bounced'.

ALTER TABLE campaign_sends
    ADD COLUMN soft_bounce_count  int NOT NULL DEFAULT 0,
    ADD CONSTRAINT campaign_sends_soft_bounce_count_ck CHECK (soft_bounce_count >= 0);

-- Notification emails (docs/notifications.md). The consent purpose `notifications`: service emails about the
-- customer's own requests (a ticket opened, an order shipped). They need no opt-in, as a receipt does not: a customer
-- who never set consent gets them, and one who said no (notifications false) gets none. Older entries, set before
-- the purpose existed, say nothing against them.
ALTER TABLE consent ADD COLUMN notifications boolean NOT NULL DEFAULT true;

-- One notification per domain event (its id), whatever how often the event arrives: the job notification (key:
-- event_id) sends it and records the outcome. state: pending (a job is queued), sent, or skipped (reason:
-- consent_withdrawn, no_email). The event's body names things by id only (docs/events.md); it goes when the
-- notification is done.
CREATE TABLE notifications (
    event_id      text        PRIMARY KEY,
    event_type    text        NOT NULL,
    customer_id   text        NOT NULL,
    body          text,
    state         text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'skipped')),
    reason        text,
    claimed_until timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    done_at       timestamptz
);
CREATE INDEX notifications_by_customer ON notifications (customer_id);

-- What applying a webhook event publishes (its domain event, the cache evictions it causes), written in the same
-- transaction as the event's webhook_processed row and relayed to the broker afterwards (OutboxRelay). An event
-- recorded as applied therefore always has its publications, whatever crashes when.
CREATE TABLE event_outbox (
    id           bigserial   PRIMARY KEY,
    topic        text        NOT NULL,
    body         text        NOT NULL,
    event_source text,
    event_type   text,
    created_at   timestamptz NOT NULL DEFAULT now()
);

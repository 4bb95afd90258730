-- The trace an outbox row was written in (a W3C traceparent), put on its broker message when it is relayed.
ALTER TABLE event_outbox ADD COLUMN traceparent text;

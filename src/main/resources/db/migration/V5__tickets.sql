-- Tickets the hub has opened, one per conversation: the same conversation asked again, on any instance at any time
-- within retention, gets the same ticket. A row without ticket_id is a creation under way (or interrupted).
CREATE TABLE tickets (
    conversation_id text        PRIMARY KEY,
    customer_id     text        NOT NULL,
    ticket_id       text,
    url             text,
    priority        text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- Subscribers to the hub's domain events (docs/events.md): each gets the events of its types as signed webhooks
-- (Standard Webhooks). The signing secret is sealed (FieldCipher, AES-256-GCM, bound to the row): it must be
-- readable to sign, and it is never shown after creation. enabled turns false after disable_after consecutive failed
-- attempts, or by the admin API; the admin API turns it back on.
CREATE TABLE webhook_subscriptions (
    id                   text        PRIMARY KEY,
    name                 text        NOT NULL,
    url                  text        NOT NULL,
    event_types          text[]      NOT NULL,
    marketing            boolean     NOT NULL DEFAULT false,
    key_id               text        NOT NULL,
    secret_sealed        bytea       NOT NULL,
    enabled              boolean     NOT NULL DEFAULT true,
    consecutive_failures integer     NOT NULL DEFAULT 0,
    disabled_at          timestamptz,
    disabled_reason      text,
    created_at           timestamptz NOT NULL DEFAULT now()
);

-- One event to deliver to one subscriber; the job subscriber-delivery (key: id) sends it. The body is kept until the
-- delivery is done (delivered, or withheld for want of marketing consent), for retries and dead-letter replays.
CREATE TABLE subscriber_deliveries (
    id              text        PRIMARY KEY,
    subscription_id text        NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    event_id        text        NOT NULL,
    event_type      text        NOT NULL,
    customer_id     text,
    body            text,
    state           text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'withheld')),
    attempts        integer     NOT NULL DEFAULT 0,
    last_status     integer,
    created_at      timestamptz NOT NULL DEFAULT now(),
    done_at         timestamptz,
    UNIQUE (subscription_id, event_id)
);
CREATE INDEX subscriber_deliveries_pending ON subscriber_deliveries (created_at) WHERE state = 'pending';

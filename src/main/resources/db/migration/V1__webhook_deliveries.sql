-- Webhook deliveries the ingress has put on the broker, by source and the vendor's event id. A repeated delivery
-- is answered as a duplicate from here, whichever instance took the first one, before or after a restart.
CREATE TABLE webhook_receipts (
    source      text        NOT NULL,
    event_id    text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source, event_id)
);

-- Events a worker has applied. A second copy of the same event on the queue (two instances racing on one
-- delivery, or a crash between enqueue and receipt) is skipped rather than applied twice.
CREATE TABLE webhook_processed (
    source       text        NOT NULL,
    event_id     text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source, event_id)
);

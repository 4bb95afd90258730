-- Shipping address changes the chat API accepted (POST /api/v1/orders/{n}/address), one row per request. The new
-- address is sealed (FieldCipher, AES-256-GCM, bound to the request id) and only until the job
-- (jobs.order-address-change, key: request_id) has applied it or given up: then address_sealed is NULL. state:
-- requested (a job is queued), applied, or failed (reason: not_changeable, not_found).
CREATE TABLE order_address_changes (
    request_id     text        PRIMARY KEY,
    order_number   text        NOT NULL,
    customer_id    text        NOT NULL,
    state          text        NOT NULL DEFAULT 'requested' CHECK (state IN ('requested', 'applied', 'failed')),
    reason         text,
    key_id         text,
    address_sealed bytea,
    requested_at   timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_address_changes_by_customer ON order_address_changes (customer_id);

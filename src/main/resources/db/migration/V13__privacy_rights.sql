-- Erasure requests (DELETE /api/v1/privacy/customers/{id}, Shopify's customers/redact): one per customer, found again
-- by a fingerprint of the customer's id (customer_hash), so that a repeated request is the same request. The
-- customer's id itself is kept only while a system still has work to do (the vendors are asked by it), then
-- cleared: what stays is the proof, which names no one (request id, when, the systems and their outcomes).
CREATE TABLE erasure_requests (
    request_id    text        PRIMARY KEY,
    customer_hash text        NOT NULL UNIQUE,
    customer_id   text,
    origin        text        NOT NULL,
    requested_at  timestamptz NOT NULL DEFAULT now(),
    completed_at  timestamptz
);
CREATE INDEX erasure_requests_by_age ON erasure_requests (requested_at);

-- Each system's part of an erasure. A worker claims a system (in_progress, claimed_until) before it calls the
-- vendor and records the outcome after, so that a repeated job, a second instance or a restart calls each vendor
-- once. failed: last_error and next_attempt_at (none once the job's retries are used up).
CREATE TABLE erasure_systems (
    request_id      text        NOT NULL REFERENCES erasure_requests ON DELETE CASCADE,
    system          text        NOT NULL,
    state           text        NOT NULL CHECK (state IN ('pending', 'in_progress', 'completed', 'failed',
                                                          'manual_action_required', 'not_applicable')),
    attempts        integer     NOT NULL DEFAULT 0,
    claimed_until   timestamptz,
    last_error      text,
    next_attempt_at timestamptz,
    reason          text,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (request_id, system)
);

-- Exports kept for an operator to hand over (Shopify's customers/data_request): the document sealed like
-- conversation text (FieldCipher, key_id), removed after switchboard.retention.exports.
CREATE TABLE privacy_exports (
    export_id       text        PRIMARY KEY,
    origin          text        NOT NULL,
    customer_hash   text        NOT NULL,
    shop_domain     text,
    key_id          text        NOT NULL,
    document_sealed bytea       NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX privacy_exports_by_age ON privacy_exports (created_at);

-- Retention of the ticket ledger, and the export's reads by customer.
CREATE INDEX tickets_by_age ON tickets (created_at);
CREATE INDEX tickets_by_customer ON tickets (customer_id);
CREATE INDEX audit_log_by_actor ON audit_log (actor);
-- Re-encryption walks the rows still sealed under another key than the current one.
CREATE INDEX conversation_events_by_key ON conversation_events (key_id);

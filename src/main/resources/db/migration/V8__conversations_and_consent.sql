-- Consent per customer, as set through PUT /api/v1/privacy/customers/{id}/consent: every change is a new row (when,
-- and the id of the API key that set it), never an update; the latest row is the consent in force. A customer
-- without a row has consented to nothing.
CREATE TABLE consent (
    id                 bigserial   PRIMARY KEY,
    customer_id        text        NOT NULL,
    crm_logging        boolean     NOT NULL,
    transcript_storage boolean     NOT NULL,
    marketing          boolean     NOT NULL,
    set_at             timestamptz NOT NULL DEFAULT clock_timestamp(),
    set_by             text        NOT NULL
);
CREATE INDEX consent_by_customer ON consent (customer_id, id);

-- The history is appended to, never rewritten (erasing a customer deletes their rows whole).
CREATE FUNCTION consent_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'consent history is append-only';
END
$$;
CREATE TRIGGER consent_append_only BEFORE UPDATE ON consent
    FOR EACH ROW EXECUTE FUNCTION consent_is_append_only();

-- Whose conversation is whose: the first event claims the conversation for its customer; another customer's events
-- on it are answered as not found.
CREATE TABLE conversations (
    conversation_id text        PRIMARY KEY,
    customer_id     text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- Conversation events (POST /api/v1/conversations/{id}/events). What was said (text) and who said it (role) are
-- sealed with AES-256-GCM (FieldCipher: nonce and ciphertext, bound to the row and column) under the key key_id
-- names. crm_logging is the customer's consent when the event arrived: only such events are logged to the CRM, by
-- the job that claims the event (crm_claimed_until) and records the CRM's id of the activity (crm_activity_id), so
-- that a repeated job does not log it twice.
CREATE TABLE conversation_events (
    id                text        PRIMARY KEY,
    conversation_id   text        NOT NULL REFERENCES conversations ON DELETE CASCADE,
    customer_id       text        NOT NULL,
    type              text        NOT NULL,
    at                timestamptz NOT NULL,
    key_id            text,
    role_sealed       bytea,
    text_sealed       bytea,
    crm_logging       boolean     NOT NULL,
    crm_activity_id   text,
    crm_claimed_until timestamptz,
    received_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversation_events_by_conversation ON conversation_events (conversation_id, received_at);
CREATE INDEX conversation_events_by_customer ON conversation_events (customer_id);
CREATE INDEX conversation_events_by_age ON conversation_events (received_at);

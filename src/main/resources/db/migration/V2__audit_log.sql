-- Who tried what, when, with which outcome. Never a credential, a secret or a body.
CREATE TABLE audit_log (
    id         bigserial   PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    actor      text        NOT NULL,
    action     text        NOT NULL,
    outcome    text        NOT NULL,
    request_id text,
    detail     text
);
CREATE INDEX audit_log_at ON audit_log (at);

-- Server-to-server API keys. Only a SHA-256 of each key is stored (keys are 256-bit random values, so a fast hash
-- is enough); the key itself is shown once, when it is minted.
CREATE TABLE api_keys (
    id           text        PRIMARY KEY,
    key_hash     bytea       NOT NULL UNIQUE,
    name         text        NOT NULL,
    scopes       text[]      NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz
);

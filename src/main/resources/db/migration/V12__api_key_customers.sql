-- The customers an API key acts for on the chat API (a server-to-server caller names one per request); a key of
-- scope customers:all acts for any. Empty for keys of the admin and privacy APIs.
ALTER TABLE api_keys ADD COLUMN customers text[] NOT NULL DEFAULT '{}';

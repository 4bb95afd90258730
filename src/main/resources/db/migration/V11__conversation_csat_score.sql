-- The customer's satisfaction score (1 to 5) that a csat conversation event carries; null on other events.
ALTER TABLE conversation_events ADD COLUMN score smallint CHECK (score BETWEEN 1 AND 5);

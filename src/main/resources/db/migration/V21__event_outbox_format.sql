-- What a message of switchboard.events is, for the broker to tell them apart without reading bodies: cloudevents (a
-- domain event of the catalog) or vendor (a vendor event as received); NULL for every other message (cache
-- evictions, jobs), and for rows written before this column. The relay sends it as the message property eventFormat.
ALTER TABLE event_outbox ADD COLUMN event_format text;

-- The reactions of the fan-out (routes/events/reactions.camel.yaml, routes/reactions/): one row per domain event and
-- reaction, written with its job in one transaction, once however often the event comes. A worker claims the row
-- before it reacts (claimed_until) and marks it done after (done_at, in the transaction of what the reaction
-- publishes), so that a job run again (a redelivery, a replayed dead letter) does not react twice.
CREATE TABLE reaction_jobs (
    id            text        PRIMARY KEY,          -- <event id>/<reaction>: the job's key on jobs.reaction
    event_id      text        NOT NULL,
    reaction      text        NOT NULL,
    event_type    text        NOT NULL,
    customer_id   text,
    event         text        NOT NULL,             -- the domain event (CloudEvent JSON; names things only)
    claimed_until timestamptz,
    done_at       timestamptz,
    outcome       text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (event_id, reaction)
);
CREATE INDEX reaction_jobs_customer ON reaction_jobs (customer_id);
CREATE INDEX reaction_jobs_created ON reaction_jobs (created_at);

-- Order cancellations the chat API accepted, one row per order: a second request while one is requested or done is
-- answered from here, on any instance, without a second job. state: requested (a job is on the queue
-- orders.cancellations), cancelled, or failed (a new request may try again). job_id names the job and its outcome
-- event.
CREATE TABLE order_cancellations (
    order_number text        PRIMARY KEY,
    customer_id  text        NOT NULL,
    job_id       text        NOT NULL,
    state        text        NOT NULL CHECK (state IN ('requested', 'cancelled', 'failed')),
    reason       text,
    requested_at timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

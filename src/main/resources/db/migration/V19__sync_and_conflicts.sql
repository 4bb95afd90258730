-- Batch sync of the catalog from the order platforms (io.switchboard.sync): where each source stands. A run reads
-- the products changed since high_water_mark, page by page; run_cursor is the next page of the run in progress,
-- written after each page, so that a run cut short resumes where it stopped. NULL run_cursor: no run in progress.
CREATE TABLE sync_state (
    source           text        PRIMARY KEY,
    -- the greatest updated_at the source reported in the last complete run: the next run asks for changes from it
    high_water_mark  timestamptz,
    -- when the last complete run started: every change the source made before then is applied
    synced_until     timestamptz,
    run_since        timestamptz,
    run_cursor       text,
    run_high_water   timestamptz,
    run_started_at   timestamptz,
    run_rows         integer     NOT NULL DEFAULT 0,
    last_started_at  timestamptz,
    last_finished_at timestamptz,
    last_outcome     text,
    last_rows        integer,
    last_error       text
);

-- The local record of each synchronized field: its value, the source it came from and that source's own timestamp
-- for it. Conflict rules (io.switchboard.conflicts) compare a change with it.
CREATE TABLE field_values (
    data_type        text        NOT NULL,
    entity_id        text        NOT NULL,
    field            text        NOT NULL,
    value            text,
    source           text        NOT NULL,
    source_timestamp timestamptz NOT NULL,
    recorded_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (data_type, entity_id, field)
);

-- Changes a manual-review rule held back: an operator accepts (the change is applied) or rejects it (the value stays).
CREATE TABLE conflict_reviews (
    id                 text        PRIMARY KEY,
    data_type          text        NOT NULL,
    entity_id          text        NOT NULL,
    field              text        NOT NULL,
    current_value      text,
    current_source     text,
    current_at         timestamptz,
    proposed_value     text,
    proposed_source    text        NOT NULL,
    proposed_at        timestamptz NOT NULL,
    state              text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'rejected')),
    created_at         timestamptz NOT NULL DEFAULT now(),
    resolved_at        timestamptz,
    resolved_by        text
);
CREATE INDEX conflict_reviews_pending ON conflict_reviews (created_at) WHERE state = 'pending';

-- The actions of the console and `keepers act` beyond notes and tasks.

-- A call, e-mail, meeting or chat with the customer, and how it went.
CREATE TABLE touchpoints (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    contact_id  INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    channel     TEXT    NOT NULL,
    outcome     TEXT    NOT NULL,
    summary     TEXT    NOT NULL,
    author      TEXT    NOT NULL,
    happened_at INTEGER NOT NULL
);
CREATE INDEX touchpoints_by_account ON touchpoints (account_id, happened_at);
CREATE INDEX touchpoints_by_contact ON touchpoints (contact_id);

-- The MEDDIC checklist of a renewal or expansion: one row per element a
-- user has filled in.
CREATE TABLE meddic (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    element    TEXT    NOT NULL,
    done       BOOLEAN NOT NULL,
    evidence   TEXT    NOT NULL,
    updated_by TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, element)
);

-- What made a playbook's task (playbook, step and the record it answers):
-- a trigger that runs twice inserts nothing the second time.
ALTER TABLE tasks ADD COLUMN trigger_key TEXT;
CREATE UNIQUE INDEX tasks_by_trigger_key ON tasks (trigger_key) WHERE trigger_key IS NOT NULL;
CREATE INDEX tasks_by_status ON tasks (status, due);

-- Actions taken together (one, or a bulk action on many records), so that
-- they are undone together.
CREATE TABLE batches (
    id         INTEGER PRIMARY KEY,
    label      TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    undone_at  INTEGER
);

-- Each outbox row knows its batch and how to take its local change back
-- (JSON), while it has not left for a backend.
ALTER TABLE outbox ADD COLUMN batch_id INTEGER REFERENCES batches (id);
ALTER TABLE outbox ADD COLUMN undo TEXT;
-- When a pending item may be tried again (after a backoff or Retry-After).
ALTER TABLE outbox ADD COLUMN next_attempt_at INTEGER;
CREATE INDEX outbox_by_batch ON outbox (batch_id);

-- Each run of the playbooks' triggers: the next run reads events from the
-- last one's `ran_at` on.
CREATE TABLE playbook_runs (
    id      INTEGER PRIMARY KEY,
    ran_at  INTEGER NOT NULL,
    since   INTEGER NOT NULL,
    planned INTEGER NOT NULL,
    created INTEGER NOT NULL
);

-- The outbox: every action a user takes is written here in the same
-- transaction as its local change, with an idempotency key, so that a
-- pusher can send it to its backend exactly once, in order per record.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    idempotency_key TEXT    NOT NULL UNIQUE,
    -- What the action is about ('account', 'ticket', ...) and its id.
    record_kind     TEXT    NOT NULL,
    record_id       INTEGER NOT NULL,
    -- What was done ('note', ...) and its content as JSON.
    action          TEXT    NOT NULL,
    payload         TEXT    NOT NULL,
    -- 'local' (no backend for the record), 'pending', 'failed' or 'done'.
    state           TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    created_at      INTEGER NOT NULL
);
CREATE INDEX outbox_by_state ON outbox (state, id);
CREATE INDEX outbox_by_record ON outbox (record_kind, record_id, id);

-- keepers workspace schema, version 2: the MRR history that churn and
-- revenue retention are computed from, and the daily health scores that give
-- an account's trend. Conventions as in 0001.

-- One row per change: from changed_at on, the account's MRR is mrr_minor
-- (zero when it stops paying). Two changes at the same instant are told
-- apart by id, the later row winning, as in a change log.
CREATE TABLE mrr_changes (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    changed_at   INTEGER NOT NULL,
    mrr_minor    INTEGER NOT NULL,
    mrr_currency TEXT    NOT NULL
);
CREATE INDEX mrr_changes_by_account ON mrr_changes (account_id, changed_at);

-- One score per account per UTC day, 0-100.
CREATE TABLE health_snapshots (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    day        TEXT    NOT NULL,
    score      INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
    PRIMARY KEY (account_id, day)
);
-- By day: "was today's snapshot taken?", and the last month of scores of
-- every account, read from the index alone.
CREATE INDEX health_snapshots_by_day ON health_snapshots (day, account_id, score);

-- keepers workspace schema, version 1.
--
-- Conventions (DESIGN.md, "Store"):
--   * every row has a local integer id; a backend record's (source, external_id)
--     pair is unique;
--   * money is integer minor units plus a three-letter ISO 4217 currency;
--   * instants are INTEGER unix seconds, UTC; calendar days are TEXT 'YYYY-MM-DD',
--     so they sort as text;
--   * closed vocabularies (stage, status, ...) are stored as their canonical
--     names, and checked by keepers when a row is read;
--   * every record hangs off an account and goes with it (ON DELETE CASCADE).
-- SQL is kept standard where SQLite allows it: a PostgreSQL workspace may follow.

CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL,
    -- The name folded to lower case by keepers. SQL lower() folds ASCII only,
    -- which would sort "Łódź" and "łódź" apart.
    name_sort_key TEXT    NOT NULL,
    domain        TEXT    NOT NULL,
    plan          TEXT    NOT NULL,
    mrr_minor     INTEGER NOT NULL,
    mrr_currency  TEXT    NOT NULL,
    owner         TEXT    NOT NULL,
    stage         TEXT    NOT NULL,
    renewal_date  TEXT,
    created_at    INTEGER NOT NULL
);
CREATE INDEX accounts_by_name ON accounts (name_sort_key);
CREATE INDEX accounts_by_stage ON accounts (stage);
CREATE INDEX accounts_by_plan ON accounts (plan);
CREATE INDEX accounts_by_mrr ON accounts (mrr_minor);
CREATE INDEX accounts_by_renewal_date ON accounts (renewal_date);
CREATE INDEX accounts_by_owner ON accounts (owner);
-- Records from several backends are joined into one account by e-mail domain.
CREATE INDEX accounts_by_domain ON accounts (domain);

-- position keeps the order tags were given in.
CREATE TABLE account_tags (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    tag        TEXT    NOT NULL,
    PRIMARY KEY (account_id, position)
);
CREATE INDEX account_tags_by_tag ON account_tags (tag);

CREATE TABLE account_external_ids (
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    source      TEXT    NOT NULL,
    external_id TEXT    NOT NULL,
    PRIMARY KEY (account_id, position),
    UNIQUE (source, external_id)
);

CREATE TABLE contacts (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    email        TEXT    NOT NULL,
    role         TEXT    NOT NULL,
    champion     BOOLEAN NOT NULL,
    last_seen_at INTEGER,
    source       TEXT,
    external_id  TEXT,
    CHECK ((source IS NULL AND external_id IS NULL)
        OR (source IS NOT NULL AND external_id IS NOT NULL))
);
CREATE INDEX contacts_by_account ON contacts (account_id);
CREATE UNIQUE INDEX contacts_by_external_id ON contacts (source, external_id)
    WHERE external_id IS NOT NULL;

CREATE TABLE tickets (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    requester_id INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    subject      TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    priority     TEXT    NOT NULL,
    assignee     TEXT    NOT NULL,
    channel      TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    solved_at    INTEGER,
    sla_due_at   INTEGER,
    satisfaction TEXT,
    source       TEXT,
    external_id  TEXT,
    CHECK ((source IS NULL AND external_id IS NULL)
        OR (source IS NOT NULL AND external_id IS NOT NULL))
);
CREATE INDEX tickets_by_account ON tickets (account_id, created_at);
CREATE INDEX tickets_by_updated_at ON tickets (updated_at);
-- Without it, deleting one contact would scan every ticket to clear requester_id.
CREATE INDEX tickets_by_requester ON tickets (requester_id);
CREATE UNIQUE INDEX tickets_by_external_id ON tickets (source, external_id)
    WHERE external_id IS NOT NULL;

CREATE TABLE ticket_comments (
    id         INTEGER PRIMARY KEY,
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    author     TEXT    NOT NULL,
    by_agent   BOOLEAN NOT NULL,
    is_public  BOOLEAN NOT NULL,
    body       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX ticket_comments_by_ticket ON ticket_comments (ticket_id, created_at);

-- The loop_* columns record the human follow-up of a detractor or a bad
-- rating: all three are set together, or none is.
CREATE TABLE survey_responses (
    id             INTEGER PRIMARY KEY,
    account_id     INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    contact_id     INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    ticket_id      INTEGER REFERENCES tickets (id) ON DELETE SET NULL,
    kind           TEXT    NOT NULL,
    score          INTEGER NOT NULL,
    comment        TEXT    NOT NULL,
    responded_at   INTEGER NOT NULL,
    loop_closed_at INTEGER,
    loop_closed_by TEXT,
    loop_outcome   TEXT,
    CHECK ((loop_closed_at IS NULL AND loop_closed_by IS NULL AND loop_outcome IS NULL)
        OR (loop_closed_at IS NOT NULL AND loop_closed_by IS NOT NULL AND loop_outcome IS NOT NULL))
);
CREATE INDEX survey_responses_by_account ON survey_responses (account_id, responded_at);
CREATE INDEX survey_responses_by_responded_at ON survey_responses (responded_at);
-- For ON DELETE SET NULL, as for tickets_by_requester.
CREATE INDEX survey_responses_by_contact ON survey_responses (contact_id);
CREATE INDEX survey_responses_by_ticket ON survey_responses (ticket_id);

CREATE TABLE purchases (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    amount_minor    INTEGER NOT NULL,
    amount_currency TEXT    NOT NULL,
    cost_minor      INTEGER NOT NULL,
    cost_currency   TEXT    NOT NULL,
    description     TEXT    NOT NULL,
    purchased_at    INTEGER NOT NULL
);
CREATE INDEX purchases_by_account ON purchases (account_id, purchased_at);

CREATE TABLE usage_snapshots (
    account_id       INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    day              TEXT    NOT NULL,
    active_users     INTEGER NOT NULL,
    seats            INTEGER NOT NULL,
    logins           INTEGER NOT NULL,
    key_feature_uses INTEGER NOT NULL,
    PRIMARY KEY (account_id, day)
);

CREATE TABLE stage_changes (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    from_stage TEXT,
    to_stage   TEXT    NOT NULL,
    changed_at INTEGER NOT NULL,
    reason     TEXT    NOT NULL
);
CREATE INDEX stage_changes_by_account ON stage_changes (account_id, changed_at);

CREATE TABLE tasks (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    title        TEXT    NOT NULL,
    owner        TEXT    NOT NULL,
    due          TEXT,
    status       TEXT    NOT NULL,
    playbook     TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    completed_at INTEGER
);
CREATE INDEX tasks_by_account ON tasks (account_id, due);
CREATE INDEX tasks_by_due ON tasks (due);

CREATE TABLE notes (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    author     TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX notes_by_account ON notes (account_id, created_at);

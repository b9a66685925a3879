-- Sync from backends: where each stream of each source is, and survey
-- answers that came from a backend (so a page read twice adds nothing).

-- The cursor of one stream of one configured source ("zendesk", "tickets"),
-- saved in the same transaction as the page it follows.
CREATE TABLE sync_cursors (
    source     TEXT    NOT NULL,
    stream     TEXT    NOT NULL,
    cursor     TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (source, stream)
);

-- Each sync of a source: when, how many records, and how it ended.
CREATE TABLE sync_runs (
    id          INTEGER PRIMARY KEY,
    source      TEXT    NOT NULL,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER,
    records     INTEGER NOT NULL DEFAULT 0,
    error       TEXT
);
CREATE INDEX sync_runs_by_source ON sync_runs (source, id);

ALTER TABLE survey_responses ADD COLUMN source TEXT;
ALTER TABLE survey_responses ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX survey_responses_by_external_id ON survey_responses (source, external_id)
    WHERE external_id IS NOT NULL;

-- Purchases, notes and touchpoints read from a backend (HubSpot deals and
-- engagements), once each.
ALTER TABLE purchases ADD COLUMN source TEXT;
ALTER TABLE purchases ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX purchases_by_external_id ON purchases (source, external_id) WHERE external_id IS NOT NULL;
ALTER TABLE notes ADD COLUMN source TEXT;
ALTER TABLE notes ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX notes_by_external_id ON notes (source, external_id) WHERE external_id IS NOT NULL;
ALTER TABLE touchpoints ADD COLUMN source TEXT;
ALTER TABLE touchpoints ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX touchpoints_by_external_id ON touchpoints (source, external_id) WHERE external_id IS NOT NULL;

-- Comments read from a backend when their ticket is opened: replaced as a
-- whole on the next read, while comments written in keepers (source NULL)
-- stay.
ALTER TABLE ticket_comments ADD COLUMN source TEXT;

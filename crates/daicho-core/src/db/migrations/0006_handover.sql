-- Daicho ledger, schema 6: portfolios taken over from a colleague, with what each take-over
-- inserted, so that it can be undone in one step and never applied twice.
-- Append-only: never edit this file once landed.

CREATE TABLE handover_imports (
    id            TEXT PRIMARY KEY NOT NULL,                    -- UUID v7
    bundle_id     TEXT NOT NULL,                                -- the bundle's own id
    from_owner    TEXT NOT NULL DEFAULT '',
    to_owner      TEXT NOT NULL DEFAULT '',
    imported_at   TEXT NOT NULL,
    actor         TEXT NOT NULL DEFAULT '',
    confirmed_by  TEXT NOT NULL DEFAULT '',                     -- the successor who took it over
    cards_added   INTEGER NOT NULL DEFAULT 0,
    cards_merged  INTEGER NOT NULL DEFAULT 0,
    cards_skipped INTEGER NOT NULL DEFAULT 0,
    undone_at     TEXT,
    manifest      TEXT NOT NULL                                 -- JSON: the bundle's manifest
) STRICT;
CREATE INDEX handover_imports_bundle ON handover_imports (bundle_id);

-- Every row a take-over inserted, newest last: undo deletes them in reverse.
CREATE TABLE handover_rows (
    import_id  TEXT NOT NULL REFERENCES handover_imports (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    tbl        TEXT NOT NULL,
    row_key    TEXT NOT NULL,                                   -- JSON: the row's key columns
    PRIMARY KEY (import_id, seq)
) STRICT, WITHOUT ROWID;

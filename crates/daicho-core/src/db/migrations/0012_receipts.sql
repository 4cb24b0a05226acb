-- Daicho ledger, schema 12: the successor's signed receipts for handover files. The leaving
-- ledger keeps each file's manifest seal with its marks (a receipt must name it), and a
-- take-over keeps which cards it took, for the receipt it writes.
-- Append-only: never edit this file once landed.
ALTER TABLE handed_over ADD COLUMN seal TEXT NOT NULL DEFAULT '';
ALTER TABLE handover_imports ADD COLUMN taken_ids TEXT;              -- JSON array of card ids
CREATE TABLE handover_receipts (
    bundle_id     TEXT PRIMARY KEY NOT NULL,
    to_owner      TEXT NOT NULL,
    confirmed_by  TEXT NOT NULL,
    taken_over_at TEXT NOT NULL,
    signer        TEXT NOT NULL,                                    -- the successor ledger's fingerprint
    taken         INTEGER NOT NULL,
    left_out      INTEGER NOT NULL,
    received_at   TEXT NOT NULL,
    actor         TEXT NOT NULL DEFAULT '',
    removed_at    TEXT
) STRICT;

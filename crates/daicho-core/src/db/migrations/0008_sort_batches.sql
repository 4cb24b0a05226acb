-- Daicho ledger, schema 8: the card list's order by reading follows each language (gojūon for
-- フリガナ, pinyin for hanzi, hangul for Korean names; names::sort_key), and changes to many cards
-- in one step (an import, a bulk change, a merge of two cards) are recorded card by card so that
-- the whole step can be undone.
-- Append-only: never edit this file once landed.
UPDATE cards SET sort_key = daicho_sort_key(name, reading);

CREATE TABLE change_batches (
    id         TEXT PRIMARY KEY NOT NULL,                        -- UUID v7
    kind       TEXT NOT NULL CHECK (kind IN ('import', 'bulk', 'merge')),
    label      TEXT NOT NULL DEFAULT '',                         -- the imported file's name, or what was changed
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL DEFAULT '',
    added      INTEGER NOT NULL DEFAULT 0,
    changed    INTEGER NOT NULL DEFAULT 0,
    skipped    INTEGER NOT NULL DEFAULT 0,
    undone_at  TEXT
) STRICT;
CREATE INDEX change_batches_at ON change_batches (at DESC);

-- Each card a batch created, changed or trashed and each row it moved, in order;
-- `version_after` is the card's version right after, so undo can tell a later edit.
CREATE TABLE change_batch_cards (
    batch_id       TEXT NOT NULL REFERENCES change_batches (id) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,
    card_id        TEXT NOT NULL,
    action         TEXT NOT NULL CHECK (action IN ('created', 'changed', 'person_added', 'moved', 'trashed')),
    before         TEXT,   -- changed: the fields before (JSON); person_added: the key person's id;
                           -- moved: {"table", "key", "from"} of a row moved to this card
    version_after  INTEGER NOT NULL,
    PRIMARY KEY (batch_id, seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX change_batch_cards_card ON change_batch_cards (card_id);

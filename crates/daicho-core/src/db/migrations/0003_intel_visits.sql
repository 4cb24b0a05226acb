-- Daicho ledger, schema 3: what triggered the first deal, intelligence notes, the visit plan.
-- Append-only: never edit this file once landed.

ALTER TABLE cards ADD COLUMN first_deal_on TEXT;                      -- YYYY-MM-DD
ALTER TABLE cards ADD COLUMN first_deal_trigger TEXT NOT NULL DEFAULT '';

-- What a rep learned, graded: the intake sheet of intelligence.
CREATE TABLE intel_notes (
    id            TEXT PRIMARY KEY NOT NULL,                          -- UUID v7
    card_id       TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    noted_on      TEXT NOT NULL,                                      -- YYYY-MM-DD
    category      TEXT NOT NULL CHECK (category IN ('company', 'person', 'needs', 'competitor', 'market',
                      'credit', 'other')),
    source_who    TEXT NOT NULL DEFAULT '',
    source_where  TEXT NOT NULL DEFAULT '',
    means         TEXT CHECK (means IN ('face_to_face', 'phone', 'document', 'web', 'other')),
    content       TEXT NOT NULL CHECK (length(trim(content)) > 0),
    certainty     TEXT NOT NULL CHECK (certainty IN ('fact', 'speculation')),
    reliability   TEXT NOT NULL CHECK (reliability IN ('low', 'medium', 'high')),
    importance    TEXT NOT NULL CHECK (importance IN ('low', 'medium', 'high')),
    urgency       TEXT NOT NULL CHECK (urgency IN ('low', 'medium', 'high')),
    how_to_use    TEXT NOT NULL DEFAULT '',
    find_out_next TEXT NOT NULL DEFAULT '',
    judgement     TEXT NOT NULL DEFAULT '',                           -- the superior's judgement or instruction
    judgement_on  TEXT,
    share         INTEGER NOT NULL DEFAULT 0 CHECK (share IN (0, 1)), -- bring to the next meeting
    search_text   TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX intel_notes_card ON intel_notes (card_id, noted_on DESC);
CREATE INDEX intel_notes_noted ON intel_notes (noted_on DESC, id);

-- Visits the rep plans, day by day and in order; a logged visit points at its contact.
CREATE TABLE planned_visits (
    id          TEXT PRIMARY KEY NOT NULL,
    card_id     TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    planned_on  TEXT NOT NULL,                                        -- YYYY-MM-DD
    position    INTEGER NOT NULL,
    purpose     TEXT NOT NULL DEFAULT '',
    contact_id  TEXT REFERENCES contacts (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX planned_visits_day ON planned_visits (planned_on, position);
CREATE INDEX planned_visits_card ON planned_visits (card_id);

-- "Not visited for N days" is asked of every card: the latest visit is kept on the card, like the
-- latest contact.
ALTER TABLE cards ADD COLUMN last_visit_at TEXT;
UPDATE cards SET last_visit_at = (SELECT max(at) FROM contacts WHERE card_id = cards.id AND kind = 'visit');
CREATE INDEX cards_live_last_visit ON cards (deleted_at, last_visit_at, id);

-- History rows may now describe notes: SQLite cannot change a CHECK, so the table is rebuilt.
CREATE TABLE card_history_v3 (
    id           INTEGER PRIMARY KEY,
    card_id      TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    entity       TEXT NOT NULL CHECK (entity IN ('card', 'key_person', 'contact', 'note')),
    entity_id    TEXT NOT NULL,
    entity_label TEXT NOT NULL DEFAULT '',
    action       TEXT NOT NULL CHECK (action IN ('created', 'changed', 'deleted', 'restored')),
    field        TEXT NOT NULL DEFAULT '',
    old_value    TEXT,
    new_value    TEXT
) STRICT;
INSERT INTO card_history_v3 SELECT * FROM card_history;
DROP TABLE card_history;
ALTER TABLE card_history_v3 RENAME TO card_history;
CREATE INDEX card_history_card ON card_history (card_id, id);

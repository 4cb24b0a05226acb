-- Daicho ledger, schema 2: contact history (visits, calls, complaints, negotiations...) with next actions.
-- Append-only: never edit this file once landed.

CREATE TABLE contacts (
    id                  TEXT PRIMARY KEY NOT NULL,          -- UUID v7
    card_id             TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    kind                TEXT NOT NULL CHECK (kind IN ('visit', 'phone', 'letter', 'email', 'meeting',
                            'complaint', 'negotiation', 'service', 'other')),
    at                  TEXT NOT NULL,                      -- local date and time, YYYY-MM-DDTHH:MM
    duration_minutes    INTEGER CHECK (duration_minutes >= 0),
    rep                 TEXT NOT NULL DEFAULT '',
    purpose             TEXT NOT NULL DEFAULT '',
    content             TEXT NOT NULL DEFAULT '',
    outcome             TEXT NOT NULL DEFAULT '',
    reaction            TEXT NOT NULL DEFAULT '',
    next_action         TEXT NOT NULL DEFAULT '',
    next_action_due     TEXT,                               -- YYYY-MM-DD
    next_action_done_at TEXT,
    complaint           TEXT,                               -- JSON Complaint, kind = complaint
    complaint_state     TEXT CHECK (complaint_state IN ('open', 'in_progress', 'resolved')),
    negotiation         TEXT,                               -- JSON Negotiation, kind = negotiation
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    version             INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX contacts_card_at ON contacts (card_id, at DESC);
-- Open next actions across the ledger (the follow-ups page).
CREATE INDEX contacts_open_actions ON contacts (next_action_due)
    WHERE next_action_due IS NOT NULL AND next_action_done_at IS NULL;
CREATE INDEX contacts_open_complaints ON contacts (card_id)
    WHERE complaint_state IN ('open', 'in_progress');

-- Which key persons took part in a contact.
CREATE TABLE contact_persons (
    contact_id    TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    key_person_id TEXT NOT NULL REFERENCES key_persons (id) ON DELETE CASCADE,
    PRIMARY KEY (contact_id, key_person_id)
) STRICT, WITHOUT ROWID;

-- The card list sorts and filters by the last contact: kept on the card, updated with its contacts.
ALTER TABLE cards ADD COLUMN last_contact_at TEXT;
CREATE INDEX cards_live_last_contact ON cards (deleted_at, last_contact_at, id);

-- History rows may now describe contacts: SQLite cannot change a CHECK, so the table is rebuilt.
CREATE TABLE card_history_v2 (
    id           INTEGER PRIMARY KEY,
    card_id      TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    entity       TEXT NOT NULL CHECK (entity IN ('card', 'key_person', 'contact')),
    entity_id    TEXT NOT NULL,
    entity_label TEXT NOT NULL DEFAULT '',
    action       TEXT NOT NULL CHECK (action IN ('created', 'changed', 'deleted', 'restored')),
    field        TEXT NOT NULL DEFAULT '',
    old_value    TEXT,
    new_value    TEXT
) STRICT;
INSERT INTO card_history_v2 SELECT * FROM card_history;
DROP TABLE card_history;
ALTER TABLE card_history_v2 RENAME TO card_history;
CREATE INDEX card_history_card ON card_history (card_id, id);

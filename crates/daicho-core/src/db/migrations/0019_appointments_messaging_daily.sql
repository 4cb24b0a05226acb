-- Daicho ledger, schema 19: appointments, messaging IDs and the daily report's review.
-- Append-only: never edit this file once landed. The contacts table's new "message" kind is
-- allowed by the migration's hook (db::widen_contact_kinds), which widens its CHECK in place.

-- A planned visit becomes an appointment: a start time, how long, where (empty: the card's
-- address), whom the rep meets, and whether the customer has agreed it.
ALTER TABLE planned_visits ADD COLUMN starts_at TEXT;                  -- HH:MM, local time
ALTER TABLE planned_visits ADD COLUMN duration_minutes INTEGER CHECK (duration_minutes > 0);
ALTER TABLE planned_visits ADD COLUMN place TEXT NOT NULL DEFAULT '';
ALTER TABLE planned_visits ADD COLUMN meeting_with TEXT NOT NULL DEFAULT '';
ALTER TABLE planned_visits ADD COLUMN confirmed INTEGER NOT NULL DEFAULT 0 CHECK (confirmed IN (0, 1));

-- LINE, WeChat, QQ, KakaoTalk, WhatsApp and Weibo IDs: JSON {"line": "...", ...}.
ALTER TABLE cards ADD COLUMN messaging TEXT;
ALTER TABLE key_persons ADD COLUMN messaging TEXT;
-- A card handed over to a successor stays as it was handed over, its new column too.
CREATE TRIGGER cards_handed_over_messaging BEFORE UPDATE OF messaging ON cards
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- The daily report reads one day's contacts across every card.
CREATE INDEX contacts_at ON contacts (at);

-- The superior's review of a day's report: who, when, and what they said.
CREATE TABLE daily_reviews (
    day         TEXT PRIMARY KEY NOT NULL,                           -- YYYY-MM-DD
    reviewer    TEXT NOT NULL CHECK (length(trim(reviewer)) > 0),
    reviewed_on TEXT NOT NULL,                                       -- YYYY-MM-DD
    comment     TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT, WITHOUT ROWID;

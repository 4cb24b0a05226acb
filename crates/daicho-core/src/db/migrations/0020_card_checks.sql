-- Daicho ledger, schema 20: the superior's check of a rep's cards (000 ①: once a week the
-- supervisor goes through each rep's customer cards): which card, when, by whom, and what they
-- said. Append-only: never edit this file once landed.
CREATE TABLE card_checks (
    id         TEXT PRIMARY KEY NOT NULL,
    card_id    TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    checked_on TEXT NOT NULL,                                        -- YYYY-MM-DD
    checker    TEXT NOT NULL CHECK (length(trim(checker)) > 0),
    comment    TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX card_checks_card ON card_checks (card_id, checked_on DESC);
CREATE INDEX card_checks_on ON card_checks (checked_on);

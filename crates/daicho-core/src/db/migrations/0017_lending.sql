-- Daicho ledger, schema 17: lending cards for a leave and taking them back. A lent card says
-- until when it is lent; the cards as they were lent are kept, so that what comes back can be
-- told apart from what the owner changed meanwhile (each side's change against the card as it
-- left); a take-over counts the lent cards that came back into it.
-- Append-only: never edit this file once landed.
ALTER TABLE handed_over ADD COLUMN until TEXT;
CREATE TABLE lent_bases (
    card_id   TEXT PRIMARY KEY NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    bundle_id TEXT NOT NULL,
    rows      TEXT NOT NULL
) STRICT;
ALTER TABLE take_overs ADD COLUMN cards_returned INTEGER NOT NULL DEFAULT 0;

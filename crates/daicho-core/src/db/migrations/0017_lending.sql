-- Daicho ledger, schema 17: lending cards for a leave and taking them back, and importing the
-- products customers use. A lent card says until when it is lent; the cards as they were lent
-- are kept, so that what comes back can be told apart from what the owner changed meanwhile
-- (each side's change against the card as it left); a take-over counts the lent cards that came
-- back into it. An import that records a product a customer uses keeps `product_added` with the
-- use's id, and `catalogue_added` ({"table", "id"}) for a product or maker it put in the
-- catalogue, so that undo takes them back too.
-- Append-only: never edit this file once landed.
ALTER TABLE handed_over ADD COLUMN until TEXT;
CREATE TABLE lent_bases (
    card_id   TEXT PRIMARY KEY NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    bundle_id TEXT NOT NULL,
    rows      TEXT NOT NULL
) STRICT;
ALTER TABLE take_overs ADD COLUMN cards_returned INTEGER NOT NULL DEFAULT 0;
CREATE TABLE change_batch_cards_v17 (
    batch_id       TEXT NOT NULL REFERENCES change_batches (id) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,
    card_id        TEXT NOT NULL,
    action         TEXT NOT NULL CHECK (action IN ('created', 'changed', 'person_added', 'contact_added',
                                                   'transaction_added', 'product_added', 'catalogue_added',
                                                   'moved', 'trashed')),
    before         TEXT,   -- changed: the fields before (JSON); person_added / contact_added /
                           -- transaction_added / product_added: the row's id; moved: {"table",
                           -- "key", "from"}; catalogue_added: {"table", "id"}
    version_after  INTEGER NOT NULL,
    PRIMARY KEY (batch_id, seq)
) STRICT, WITHOUT ROWID;
INSERT INTO change_batch_cards_v17 (batch_id, seq, card_id, action, before, version_after)
    SELECT batch_id, seq, card_id, action, before, version_after FROM change_batch_cards;
DROP TABLE change_batch_cards;
ALTER TABLE change_batch_cards_v17 RENAME TO change_batch_cards;
CREATE INDEX change_batch_cards_card ON change_batch_cards (card_id);

-- Daicho ledger, schema 16: an import of contact history or of sales adds contacts and
-- transactions to cards already in the ledger, and undo takes each of them back: a batch
-- records `contact_added` and `transaction_added` with the row's id, as it records
-- `person_added` with a key person's.
-- Append-only: never edit this file once landed.
CREATE TABLE change_batch_cards_v16 (
    batch_id       TEXT NOT NULL REFERENCES change_batches (id) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,
    card_id        TEXT NOT NULL,
    action         TEXT NOT NULL CHECK (action IN ('created', 'changed', 'person_added', 'contact_added',
                                                   'transaction_added', 'moved', 'trashed')),
    before         TEXT,   -- changed: the fields before (JSON); person_added / contact_added /
                           -- transaction_added: the row's id; moved: {"table", "key", "from"}
    version_after  INTEGER NOT NULL,
    PRIMARY KEY (batch_id, seq)
) STRICT, WITHOUT ROWID;
INSERT INTO change_batch_cards_v16 (batch_id, seq, card_id, action, before, version_after)
    SELECT batch_id, seq, card_id, action, before, version_after FROM change_batch_cards;
DROP TABLE change_batch_cards;
ALTER TABLE change_batch_cards_v16 RENAME TO change_batch_cards;
CREATE INDEX change_batch_cards_card ON change_batch_cards (card_id);

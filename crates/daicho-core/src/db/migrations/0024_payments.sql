-- Daicho ledger, schema 24: payments as their own rows (000 ⑨ 販売・入金のバランス), so that a
-- sale paid in parts shows each part on its day. A sale's paid amount and date stay on it as the
-- sum and the latest of its payments, which the ledger keeps in step.
-- Append-only: never edit this file once landed.
-- Kept lean: a ledger holds about one payment per sale. Keyed by its id alone (no rowid); the
-- card is the sale's, copied for the handover guards and a handover's choice of rows, and goes
-- with the sale (no index or cascade of its own).
CREATE TABLE payments (
    id             TEXT PRIMARY KEY NOT NULL,                        -- UUID
    transaction_id TEXT NOT NULL REFERENCES transactions (id) ON DELETE CASCADE,
    card_id        TEXT NOT NULL,                                    -- the sale's card
    paid_on        TEXT NOT NULL,                                    -- YYYY-MM-DD
    amount         INTEGER NOT NULL CHECK (amount > 0),
    method         TEXT NOT NULL DEFAULT '',                         -- bank transfer, cash, bill...
    note           TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX payments_transaction ON payments (transaction_id, paid_on);

-- What was paid so far becomes one payment on the day it was paid. It takes its sale's id (ids
-- are unique per table; the sales' ids are in time order, so the rows go in in key order).
INSERT INTO payments (id, transaction_id, card_id, paid_on, amount, created_at)
SELECT id, id, card_id, coalesce(paid_on, dated_on), paid_amount, updated_at
FROM transactions WHERE kind = 'sale' AND paid_amount > 0 ORDER BY id;

CREATE TRIGGER payments_handed_over_insert BEFORE INSERT ON payments
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = new.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER payments_handed_over_update BEFORE UPDATE ON payments
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id IN (old.card_id, new.card_id))
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER payments_handed_over_delete BEFORE DELETE ON payments
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- Daicho ledger, schema 23: what our products and each sale cost, so that customers are ranked
-- by profit as well as by sales (002 売り上げや利益, 003 이익 기여도), and customers linked to
-- customers: who referred them (001 链式引荐法 / 中心开花法), their household (001 家庭) and the
-- group or head office they belong to (002 お客様単位).
-- Append-only: never edit this file once landed.
ALTER TABLE products ADD COLUMN unit_cost INTEGER CHECK (unit_cost >= 0);
-- The line's whole cost (NULL: not known); a catalogue product's cost times the quantity unless
-- the rep gives another.
ALTER TABLE transactions ADD COLUMN cost INTEGER CHECK (cost >= 0);

-- The covering index of a card's sales now carries the cost; the three indexes are made again
-- in the order they had, so that the planner breaks ties between them as before.
DROP INDEX transactions_card;
DROP INDEX transactions_product;
DROP INDEX transactions_open;
CREATE INDEX transactions_card ON transactions (card_id, dated_on, kind, amount, quantity, product_id, cost);
CREATE INDEX transactions_product ON transactions (product_id) WHERE product_id IS NOT NULL;
CREATE INDEX transactions_open ON transactions (card_id, due_on, amount, paid_amount)
    WHERE kind = 'sale' AND paid_amount < amount;

-- One link of each kind per card: `card_id` was referred by, is a branch or group company of,
-- or is in the household of `other_id`.
CREATE TABLE card_links (
    card_id    TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('referred_by', 'branch_of', 'household_of')),
    other_id   TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    PRIMARY KEY (card_id, kind),
    CHECK (card_id <> other_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX card_links_other ON card_links (other_id, kind);

-- The relationship's length counts in a customer's value (003 시간): classification reads the
-- first deal of the cards that record one from here, not from the cards' rows.
CREATE INDEX cards_first_deal ON cards (id, first_deal_on) WHERE first_deal_on IS NOT NULL AND deleted_at IS NULL;

-- A card handed over to a successor keeps its links as they were (a link to it from another
-- card may still be removed, with that card).
CREATE TRIGGER card_links_handed_over_insert BEFORE INSERT ON card_links
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = new.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER card_links_handed_over_update BEFORE UPDATE ON card_links
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id IN (old.card_id, new.card_id))
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

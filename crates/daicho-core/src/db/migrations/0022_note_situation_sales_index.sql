-- Daicho ledger, schema 22: an intelligence note's situation (002 □入手状況: who, where, and
-- the situation it was heard in, what makes it credible), and the product on the covering index
-- of a card's sales, so that the sales plan adds up categories from the index alone.
-- Append-only: never edit this file once landed.
ALTER TABLE notes ADD COLUMN situation TEXT NOT NULL DEFAULT '';

-- The transactions' indexes are made again in the order they had, so that the planner breaks
-- ties between them as before.
DROP INDEX transactions_card;
DROP INDEX transactions_product;
DROP INDEX transactions_open;
-- Covering: classification sums each card's purchases, and the plan each card's and each
-- category's months, from this index alone.
CREATE INDEX transactions_card ON transactions (card_id, dated_on, kind, amount, quantity, product_id);
CREATE INDEX transactions_product ON transactions (product_id) WHERE product_id IS NOT NULL;
CREATE INDEX transactions_open ON transactions (card_id, due_on, amount, paid_amount)
    WHERE kind = 'sale' AND paid_amount < amount;

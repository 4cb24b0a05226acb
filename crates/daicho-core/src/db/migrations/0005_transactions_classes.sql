-- Daicho ledger, schema 5: transactions and receivables, a collection plan, each card's standing
-- (credit, loyalty, the rep's judgement of cooperation and influence) and its classes.
-- Append-only: never edit this file once landed.

ALTER TABLE cards ADD COLUMN credit_rating TEXT NOT NULL DEFAULT '';       -- on the user's scale
ALTER TABLE cards ADD COLUMN credit_score INTEGER CHECK (credit_score BETWEEN 0 AND 100); -- a bureau's score
ALTER TABLE cards ADD COLUMN credit_limit INTEGER CHECK (credit_limit >= 0);
ALTER TABLE cards ADD COLUMN loyalty TEXT CHECK (loyalty IN ('loyal', 'switcher', 'no_loyalty'));
ALTER TABLE cards ADD COLUMN cooperation INTEGER CHECK (cooperation BETWEEN 1 AND 5);
ALTER TABLE cards ADD COLUMN influence INTEGER CHECK (influence BETWEEN 1 AND 5);

-- What a customer bought (or returned): amounts in whole units of the ledger's currency.
CREATE TABLE transactions (
    id           TEXT PRIMARY KEY NOT NULL,                     -- UUID v7
    card_id      TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('sale', 'return')),
    dated_on     TEXT NOT NULL,                                 -- YYYY-MM-DD
    product_id   TEXT REFERENCES products (id) ON DELETE SET NULL,
    item         TEXT NOT NULL CHECK (length(trim(item)) > 0),  -- the product's name when one is chosen
    quantity     INTEGER NOT NULL CHECK (quantity > 0),
    unit_price   INTEGER NOT NULL CHECK (unit_price >= 0),
    amount       INTEGER NOT NULL CHECK (amount >= 0),
    invoice_no   TEXT NOT NULL DEFAULT '',
    due_on       TEXT,
    paid_amount  INTEGER NOT NULL DEFAULT 0 CHECK (paid_amount >= 0 AND paid_amount <= amount),
    paid_on      TEXT,
    notes        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1
) STRICT;
-- Covering: classification sums each card's purchases from this index alone.
CREATE INDEX transactions_card ON transactions (card_id, dated_on, kind, amount, quantity);
CREATE INDEX transactions_product ON transactions (product_id) WHERE product_id IS NOT NULL;
-- Receivables: sales not fully paid, per card (covering what the collection page and
-- classification sum).
CREATE INDEX transactions_open ON transactions (card_id, due_on, amount, paid_amount)
    WHERE kind = 'sale' AND paid_amount < amount;

-- Who to chase for payment at a customer, and when.
CREATE TABLE collection_plans (
    card_id     TEXT PRIMARY KEY NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    chase_on    TEXT NOT NULL,
    person      TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL
) STRICT;

-- The latest classification of each card; changes are recorded in the card's history.
CREATE TABLE card_classes (
    card_id       TEXT PRIMARY KEY NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    abc           TEXT CHECK (abc IN ('a', 'b', 'c')),          -- NULL: no purchases in the period
    grade         TEXT,                                         -- the volume band's label
    value_tier    TEXT NOT NULL CHECK (value_tier IN ('high', 'secondary', 'potential', 'low')),
    value_score   INTEGER NOT NULL,
    loyalty_hint  TEXT CHECK (loyalty_hint IN ('loyal', 'switcher', 'no_loyalty')),
    completeness  INTEGER NOT NULL CHECK (completeness BETWEEN 0 AND 100),
    missing       TEXT NOT NULL DEFAULT '[]',                   -- JSON: completeness items not filled
    core          INTEGER NOT NULL CHECK (core IN (0, 1)),
    problem       INTEGER NOT NULL CHECK (problem IN (0, 1)),
    reasons       TEXT NOT NULL DEFAULT '[]',                   -- JSON: why core or problem
    computed_at   TEXT NOT NULL
) STRICT;
CREATE INDEX card_classes_abc ON card_classes (abc);
CREATE INDEX card_classes_tier ON card_classes (value_tier);
CREATE INDEX card_classes_lists ON card_classes (core, problem);

-- History rows may now describe transactions, classes and the collection plan.
CREATE TABLE card_history_v5 (
    id           INTEGER PRIMARY KEY,
    card_id      TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    entity       TEXT NOT NULL CHECK (entity IN ('card', 'key_person', 'contact', 'note', 'product_use',
                     'share', 'transaction', 'classification', 'collection')),
    entity_id    TEXT NOT NULL,
    entity_label TEXT NOT NULL DEFAULT '',
    action       TEXT NOT NULL CHECK (action IN ('created', 'changed', 'deleted', 'restored')),
    field        TEXT NOT NULL DEFAULT '',
    old_value    TEXT,
    new_value    TEXT
) STRICT;
INSERT INTO card_history_v5 SELECT * FROM card_history;
DROP TABLE card_history;
ALTER TABLE card_history_v5 RENAME TO card_history;
CREATE INDEX card_history_card ON card_history (card_id, id);

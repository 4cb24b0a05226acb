-- Daicho ledger, schema 25: fields of the rep's own on every card (001 设计自用客户卡: design
-- your own customer card), each a text, number, date or choice, shown on the card, as a column
-- of the list, in its filters, in import and in the reports.
-- Append-only: never edit this file once landed.
-- With it, `db::widen_batch_actions` edits three CHECKs in place: an import records
-- `custom_added` (a value it gave a card it merged into, for undo), a contact can be a
-- `training` (000 教育), a note's means `questionnaire` or `observation` (001 文字询问法, 观察法).
CREATE TABLE custom_fields (
    id         TEXT NOT NULL PRIMARY KEY,
    label      TEXT NOT NULL UNIQUE CHECK (length(label) BETWEEN 1 AND 40),
    kind       TEXT NOT NULL CHECK (kind IN ('text', 'number', 'date', 'choice')),
    -- A choice field's choices, in the order offered (a JSON array of text).
    choices    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(choices) AND json_type(choices) = 'array'),
    -- Shown as a column of the card list.
    in_list    INTEGER NOT NULL DEFAULT 0 CHECK (in_list IN (0, 1)),
    position   INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- A card's value of a field, as text in one form per kind (a number without grouping, a date as
-- YYYY-MM-DD), so that equal values compare equal and dates sort as text. No row: no value.
CREATE TABLE card_custom_values (
    card_id  TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    field_id TEXT NOT NULL REFERENCES custom_fields (id) ON DELETE CASCADE,
    value    TEXT NOT NULL CHECK (value <> ''),
    PRIMARY KEY (card_id, field_id)
) STRICT, WITHOUT ROWID;
-- The list's filter by a field's value.
CREATE INDEX card_custom_values_field ON card_custom_values (field_id, value);

-- 003 브랜드 육성 능력: how far the customer (a store) promotes our brand, 1–5, judged by the rep
-- and weighed in the value score; read by classification from its own partial index.
ALTER TABLE cards ADD COLUMN brand_support INTEGER CHECK (brand_support BETWEEN 1 AND 5);
CREATE INDEX cards_brand_support ON cards (id, brand_support)
    WHERE brand_support IS NOT NULL AND deleted_at IS NULL;
CREATE TRIGGER cards_handed_over_brand_support BEFORE UPDATE OF brand_support ON cards
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- A card handed over to a successor keeps its values as they were.
CREATE TRIGGER card_custom_values_handed_over_insert BEFORE INSERT ON card_custom_values
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = new.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER card_custom_values_handed_over_update BEFORE UPDATE ON card_custom_values
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id IN (old.card_id, new.card_id))
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER card_custom_values_handed_over_delete BEFORE DELETE ON card_custom_values
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- Daicho ledger, schema 21: the annual sales plan (000 ⑥ 年度区域販売計画; 001 推销工作计划:
-- tasks, goals, means) and the card's territory and route (003 관리 지역 / 배송 경로; 000 ⑤
-- 販売ルート). Append-only: never edit this file once landed.
ALTER TABLE cards ADD COLUMN territory TEXT NOT NULL DEFAULT '';
ALTER TABLE cards ADD COLUMN route TEXT NOT NULL DEFAULT '';
-- Plan against actual sums a year's sales by territory, and the list filters by it.
CREATE INDEX cards_territory ON cards (territory) WHERE territory <> '';

-- One line of a fiscal year's plan: the whole ledger, a territory, a rep, a customer or a
-- product category, with twelve monthly targets in fiscal order and how it is to be reached.
CREATE TABLE sales_plans (
    id          TEXT PRIMARY KEY NOT NULL,
    fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 1900 AND 2999), -- the year it starts in
    scope       TEXT NOT NULL CHECK (scope IN ('total', 'territory', 'owner', 'card', 'category')),
    key         TEXT NOT NULL DEFAULT '',                 -- territory, rep or category; '' otherwise
    card_id     TEXT REFERENCES cards (id) ON DELETE CASCADE,
    months      TEXT NOT NULL CHECK (json_valid(months) AND json_array_length(months) = 12),
    means       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    CHECK ((scope = 'card') = (card_id IS NOT NULL)),
    CHECK ((scope IN ('total', 'card')) = (key = ''))
) STRICT;
CREATE UNIQUE INDEX sales_plans_line ON sales_plans (fiscal_year, scope, key, ifnull(card_id, ''));
CREATE INDEX sales_plans_card ON sales_plans (card_id) WHERE card_id IS NOT NULL;

-- Daicho ledger, schema 4: competitors and products, comparison sheets with dated assessments,
-- products in use at each customer and our share, case studies.
-- Append-only: never edit this file once landed.

CREATE TABLE competitors (
    id          TEXT PRIMARY KEY NOT NULL,                      -- UUID v7
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    reading     TEXT NOT NULL DEFAULT '',
    website     TEXT NOT NULL DEFAULT '',
    strengths   TEXT NOT NULL DEFAULT '',                       -- where they are strong
    weaknesses  TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
) STRICT;

-- Our products (competitor_id NULL) and competitors' products.
CREATE TABLE products (
    id             TEXT PRIMARY KEY NOT NULL,
    competitor_id  TEXT REFERENCES competitors (id) ON DELETE CASCADE,
    name           TEXT NOT NULL CHECK (length(trim(name)) > 0),
    category       TEXT NOT NULL DEFAULT '',
    price_min      INTEGER CHECK (price_min >= 0),
    price_max      INTEGER CHECK (price_max >= 0),
    features       TEXT NOT NULL DEFAULT '',
    selling_points TEXT NOT NULL DEFAULT '',
    notes          TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX products_category ON products (category, name);
CREATE INDEX products_competitor ON products (competitor_id);

-- A comparison of one of our products with competitors' products.
CREATE TABLE sheets (
    id              TEXT PRIMARY KEY NOT NULL,
    title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
    category        TEXT NOT NULL DEFAULT '',
    our_product_id  TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE TABLE sheet_products (
    sheet_id    TEXT NOT NULL REFERENCES sheets (id) ON DELETE CASCADE,
    product_id  TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    PRIMARY KEY (sheet_id, product_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX sheet_products_product ON sheet_products (product_id);

-- A dated view of a sheet: its scale, criteria and weights, scores and texts as they were judged
-- that day. Last year's assessment stays beside this year's.
CREATE TABLE assessments (
    id           TEXT PRIMARY KEY NOT NULL,
    sheet_id     TEXT NOT NULL REFERENCES sheets (id) ON DELETE CASCADE,
    assessed_on  TEXT NOT NULL,                                 -- YYYY-MM-DD
    scale        INTEGER NOT NULL CHECK (scale IN (5, 10)),
    actor        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (sheet_id, assessed_on)
) STRICT;
CREATE TABLE assessment_criteria (
    assessment_id  TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    name           TEXT NOT NULL,
    weight         REAL NOT NULL CHECK (weight >= 0),
    PRIMARY KEY (assessment_id, position)
) STRICT, WITHOUT ROWID;
CREATE TABLE assessment_scores (
    assessment_id  TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    product_id     TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,                            -- the criterion
    score          INTEGER NOT NULL CHECK (score >= 1),
    PRIMARY KEY (assessment_id, product_id, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX assessment_scores_product ON assessment_scores (product_id);
-- Our strengths and weaknesses against one competitor product, in words.
CREATE TABLE assessment_texts (
    assessment_id  TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    product_id     TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    strengths      TEXT NOT NULL DEFAULT '',
    weaknesses     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (assessment_id, product_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX assessment_texts_product ON assessment_texts (product_id);

-- What each customer uses: competitors' products (and ours, for the share).
CREATE TABLE card_products (
    id            TEXT PRIMARY KEY NOT NULL,
    card_id       TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    product_id    TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    since         TEXT,                                         -- YYYY-MM-DD
    volume        INTEGER CHECK (volume >= 0),                  -- per year, in the category's unit
    satisfaction  INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
    renewal_on    TEXT,                                         -- contract or renewal date
    notes         TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (card_id, product_id)
) STRICT;
CREATE INDEX card_products_product ON card_products (product_id);
CREATE INDEX card_products_renewal ON card_products (renewal_on) WHERE renewal_on IS NOT NULL;

-- Our share of a customer's purchases in a category, when entered rather than derived.
CREATE TABLE card_shares (
    card_id    TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    category   TEXT NOT NULL,
    percent    INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    PRIMARY KEY (card_id, category)
) STRICT, WITHOUT ROWID;

CREATE TABLE case_studies (
    id             TEXT PRIMARY KEY NOT NULL,
    title          TEXT NOT NULL CHECK (length(trim(title)) > 0),
    card_id        TEXT REFERENCES cards (id) ON DELETE SET NULL, -- the customer, or NULL when anonymised
    customer_label TEXT NOT NULL DEFAULT '',                    -- "a logistics company in Osaka"
    industry       TEXT NOT NULL DEFAULT '',
    employees      INTEGER CHECK (employees >= 0),
    product_id     TEXT REFERENCES products (id) ON DELETE SET NULL,
    problem        TEXT NOT NULL DEFAULT '',
    introduced     TEXT NOT NULL DEFAULT '',
    effect         TEXT NOT NULL DEFAULT '',
    dated_on       TEXT NOT NULL,
    shareable      INTEGER NOT NULL DEFAULT 0 CHECK (shareable IN (0, 1)),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX case_studies_card ON case_studies (card_id);
CREATE INDEX case_studies_product ON case_studies (product_id);

-- Intelligence can be about a competitor.
ALTER TABLE intel_notes ADD COLUMN competitor_id TEXT REFERENCES competitors (id) ON DELETE SET NULL;
CREATE INDEX intel_notes_competitor ON intel_notes (competitor_id) WHERE competitor_id IS NOT NULL;

-- History rows may now describe products in use and shares: the table is rebuilt for its CHECK.
CREATE TABLE card_history_v4 (
    id           INTEGER PRIMARY KEY,
    card_id      TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    entity       TEXT NOT NULL CHECK (entity IN ('card', 'key_person', 'contact', 'note', 'product_use',
                     'share')),
    entity_id    TEXT NOT NULL,
    entity_label TEXT NOT NULL DEFAULT '',
    action       TEXT NOT NULL CHECK (action IN ('created', 'changed', 'deleted', 'restored')),
    field        TEXT NOT NULL DEFAULT '',
    old_value    TEXT,
    new_value    TEXT
) STRICT;
INSERT INTO card_history_v4 SELECT * FROM card_history;
DROP TABLE card_history;
ALTER TABLE card_history_v4 RENAME TO card_history;
CREATE INDEX card_history_card ON card_history (card_id, id);

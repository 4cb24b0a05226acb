-- index assessment_scores_product
CREATE INDEX assessment_scores_product ON assessment_scores (product_id);

-- index assessment_texts_product
CREATE INDEX assessment_texts_product ON assessment_texts (product_id);

-- index card_checks_card
CREATE INDEX card_checks_card ON card_checks (card_id, checked_on DESC);

-- index card_checks_on
CREATE INDEX card_checks_on ON card_checks (checked_on);

-- index card_classes_abc
CREATE INDEX card_classes_abc ON card_classes (abc);

-- index card_classes_lists
CREATE INDEX card_classes_lists ON card_classes (core, problem);

-- index card_classes_tier
CREATE INDEX card_classes_tier ON card_classes (value_tier);

-- index card_custom_values_field
CREATE INDEX card_custom_values_field ON card_custom_values (field_id, value);

-- index card_history_card
CREATE INDEX card_history_card ON card_history (card_id, id);

-- index card_links_other
CREATE INDEX card_links_other ON card_links (other_id, kind);

-- index card_products_product
CREATE INDEX card_products_product ON card_products (product_id);

-- index card_products_renewal
CREATE INDEX card_products_renewal ON card_products (renewal_on) WHERE renewal_on IS NOT NULL;

-- index card_tags_tag
CREATE INDEX card_tags_tag ON card_tags (tag, card_id);

-- index cards_brand_support
CREATE INDEX cards_brand_support ON cards (id, brand_support)
    WHERE brand_support IS NOT NULL AND deleted_at IS NULL;

-- index cards_classify_facts
CREATE INDEX cards_classify_facts ON cards (
    deleted_at, id, code, name, owner, kind, status, credit_rating, credit_score, credit_limit,
    loyalty, cooperation, influence,
    reading <> '',
    phones <> '[]' OR email <> '',
    region <> '' AND city <> '' AND street <> '',
    industry <> '',
    CASE WHEN json_valid(organisation) THEN
        coalesce(json_extract(organisation, '$.decision_maker'), '') <> ''
        OR coalesce(json_extract(organisation, '$.decision_approach'), '') <> '' ELSE 0 END,
    CASE WHEN kind = 'organisation' AND json_valid(organisation) THEN
        json_extract(organisation, '$.employees') IS NOT NULL
        AND json_extract(organisation, '$.annual_sales') IS NOT NULL
    WHEN kind <> 'organisation' AND json_valid(individual) THEN
        coalesce(json_extract(individual, '$.occupation'), '') <> ''
        AND json_extract(individual, '$.birthday') IS NOT NULL ELSE 0 END,
    CASE WHEN json_valid(organisation) THEN
        coalesce(json_extract(organisation, '$.payment_terms'), '') <> ''
        OR coalesce(json_extract(organisation, '$.payment_method'), '') <> '' ELSE 0 END
);

-- index cards_first_deal
CREATE INDEX cards_first_deal ON cards (id, first_deal_on) WHERE first_deal_on IS NOT NULL AND deleted_at IS NULL;

-- index cards_list_completeness
CREATE INDEX cards_list_completeness ON cards
    (deleted_at, completeness IS NULL, completeness, sort_key, id, status, kind, owner, last_contact_at);

-- index cards_list_last_contact
CREATE INDEX cards_list_last_contact ON cards (deleted_at, last_contact_at, sort_key, name, id, status, kind, owner);

-- index cards_list_name
CREATE INDEX cards_list_name         ON cards (deleted_at, name, id, status, kind, owner, last_contact_at);

-- index cards_list_reading
CREATE INDEX cards_list_reading      ON cards (deleted_at, sort_key, name, id, status, kind, owner, last_contact_at);

-- index cards_list_status_completeness
CREATE INDEX cards_list_status_completeness ON cards
    (deleted_at, status, completeness IS NULL, completeness, sort_key, id, kind, owner, last_contact_at);

-- index cards_list_status_last_contact
CREATE INDEX cards_list_status_last_contact ON cards
    (deleted_at, status, last_contact_at, sort_key, name, id, kind, owner);

-- index cards_list_status_name
CREATE INDEX cards_list_status_name ON cards
    (deleted_at, status, name, id, kind, owner, last_contact_at);

-- index cards_list_status_reading
CREATE INDEX cards_list_status_reading ON cards
    (deleted_at, status, sort_key, name, id, kind, owner, last_contact_at);

-- index cards_list_status_updated
CREATE INDEX cards_list_status_updated ON cards
    (deleted_at, status, updated_at, id, kind, owner, last_contact_at);

-- index cards_list_updated
CREATE INDEX cards_list_updated      ON cards (deleted_at, updated_at, id, status, kind, owner, last_contact_at);

-- index cards_live_last_visit
CREATE INDEX cards_live_last_visit ON cards (deleted_at, last_visit_at, id);

-- index cards_owner
CREATE INDEX cards_owner        ON cards (owner);

-- index cards_reminder_dates
CREATE INDEX cards_reminder_dates ON cards (
    first_deal_on,
    CASE WHEN json_valid(individual) THEN individual ->> '$.birthday' END,
    CASE WHEN json_valid(organisation) THEN organisation ->> '$.licence_review_on' END,
    CASE WHEN json_valid(organisation) THEN organisation ->> '$.contract_renews_on' END,
    CASE WHEN json_valid(organisation) THEN organisation ->> '$.decision_meeting_on' END,
    CASE WHEN json_valid(organisation) THEN organisation ->> '$.fiscal_year_end_month' END,
    kind, name, code, id, status, deleted_at)
WHERE deleted_at IS NULL AND status <> 'lost' AND (first_deal_on IS NOT NULL
    OR (CASE WHEN json_valid(individual) THEN individual ->> '$.birthday' END) IS NOT NULL
    OR (CASE WHEN json_valid(organisation) THEN organisation ->> '$.licence_review_on' END) IS NOT NULL
    OR (CASE WHEN json_valid(organisation) THEN organisation ->> '$.contract_renews_on' END) IS NOT NULL
    OR (CASE WHEN json_valid(organisation) THEN organisation ->> '$.decision_meeting_on' END) IS NOT NULL
    OR (CASE WHEN json_valid(organisation) THEN organisation ->> '$.fiscal_year_end_month' END) IS NOT NULL);

-- index cards_territory
CREATE INDEX cards_territory ON cards (territory) WHERE territory <> '';

-- index case_studies_card
CREATE INDEX case_studies_card ON case_studies (card_id);

-- index case_studies_product
CREATE INDEX case_studies_product ON case_studies (product_id);

-- index change_batch_cards_card
CREATE INDEX change_batch_cards_card ON change_batch_cards (card_id);

-- index change_batches_at
CREATE INDEX change_batches_at ON change_batches (at DESC);

-- index contacts_at
CREATE INDEX contacts_at ON contacts (at);

-- index contacts_card_at
CREATE INDEX contacts_card_at ON contacts (card_id, at DESC);

-- index contacts_open_actions
CREATE INDEX contacts_open_actions ON contacts (next_action_due, card_id, next_action_done_at)
    WHERE next_action_due IS NOT NULL AND next_action_done_at IS NULL;

-- index contacts_open_complaints
CREATE INDEX contacts_open_complaints ON contacts (card_id)
    WHERE complaint_state IN ('open', 'in_progress');

-- index copies_log_at
CREATE INDEX copies_log_at ON copies_log (at);

-- index handed_over_bundle
CREATE INDEX handed_over_bundle ON handed_over (bundle_id);

-- index key_persons_birthdays
CREATE INDEX key_persons_birthdays ON key_persons (card_id, birthday, id, name)
    WHERE birthday IS NOT NULL;

-- index key_persons_card
CREATE INDEX key_persons_card ON key_persons (card_id, position);

-- index notes_card
CREATE INDEX notes_card ON notes (card_id, noted_on DESC);

-- index notes_competitor
CREATE INDEX notes_competitor ON notes (competitor_id) WHERE competitor_id IS NOT NULL;

-- index notes_noted
CREATE INDEX notes_noted ON notes (noted_on DESC, id);

-- index payments_transaction
CREATE INDEX payments_transaction ON payments (transaction_id, paid_on);

-- index planned_visits_card
CREATE INDEX planned_visits_card ON planned_visits (card_id);

-- index planned_visits_day
CREATE INDEX planned_visits_day ON planned_visits (planned_on, position);

-- index products_category
CREATE INDEX products_category ON products (category, name);

-- index products_competitor
CREATE INDEX products_competitor ON products (competitor_id);

-- index sales_plans_card
CREATE INDEX sales_plans_card ON sales_plans (card_id) WHERE card_id IS NOT NULL;

-- index sales_plans_line
CREATE UNIQUE INDEX sales_plans_line ON sales_plans (fiscal_year, scope, key, ifnull(card_id, ''));

-- index sheet_products_product
CREATE INDEX sheet_products_product ON sheet_products (product_id);

-- index take_overs_bundle
CREATE INDEX take_overs_bundle ON take_overs (bundle_id);

-- index transactions_card
CREATE INDEX transactions_card ON transactions (card_id, dated_on, kind, amount, quantity, product_id, cost);

-- index transactions_open
CREATE INDEX transactions_open ON transactions (card_id, due_on, amount, paid_amount)
    WHERE kind = 'sale' AND paid_amount < amount;

-- index transactions_product
CREATE INDEX transactions_product ON transactions (product_id) WHERE product_id IS NOT NULL;

-- table assessment_criteria
CREATE TABLE assessment_criteria (
    assessment_id  TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    name           TEXT NOT NULL,
    weight         REAL NOT NULL CHECK (weight >= 0),
    PRIMARY KEY (assessment_id, position)
) STRICT, WITHOUT ROWID;

-- table assessment_scores
CREATE TABLE assessment_scores (
    assessment_id  TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    product_id     TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,                            -- the criterion
    score          INTEGER NOT NULL CHECK (score >= 1),
    PRIMARY KEY (assessment_id, product_id, position)
) STRICT, WITHOUT ROWID;

-- table assessment_texts
CREATE TABLE assessment_texts (
    assessment_id  TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    product_id     TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    strengths      TEXT NOT NULL DEFAULT '',
    weaknesses     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (assessment_id, product_id)
) STRICT, WITHOUT ROWID;

-- table assessments
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

-- table card_checks
CREATE TABLE card_checks (
    id         TEXT PRIMARY KEY NOT NULL,
    card_id    TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    checked_on TEXT NOT NULL,                                        -- YYYY-MM-DD
    checker    TEXT NOT NULL CHECK (length(trim(checker)) > 0),
    comment    TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) STRICT;

-- table card_classes
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

-- table card_custom_values
CREATE TABLE card_custom_values (
    card_id  TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    field_id TEXT NOT NULL REFERENCES custom_fields (id) ON DELETE CASCADE,
    value    TEXT NOT NULL CHECK (value <> ''),
    PRIMARY KEY (card_id, field_id)
) STRICT, WITHOUT ROWID;

-- table card_fts
CREATE VIRTUAL TABLE card_fts USING fts5(
    name, phone, other,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2'
);

-- table card_fts_config
CREATE TABLE 'card_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table card_fts_data
CREATE TABLE 'card_fts_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table card_fts_docsize
CREATE TABLE 'card_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB, origin INTEGER);

-- table card_fts_idx
CREATE TABLE 'card_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table card_history
CREATE TABLE "card_history" (
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

-- table card_links
CREATE TABLE card_links (
    card_id    TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('referred_by', 'branch_of', 'household_of')),
    other_id   TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    PRIMARY KEY (card_id, kind),
    CHECK (card_id <> other_id)
) STRICT, WITHOUT ROWID;

-- table card_products
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

-- table card_shares
CREATE TABLE card_shares (
    card_id    TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    category   TEXT NOT NULL,
    percent    INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    PRIMARY KEY (card_id, category)
) STRICT, WITHOUT ROWID;

-- table card_tags
CREATE TABLE card_tags (
    card_id TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    tag     TEXT NOT NULL,
    PRIMARY KEY (card_id, tag)
) STRICT, WITHOUT ROWID;

-- table cards
CREATE TABLE cards (
    id              TEXT PRIMARY KEY NOT NULL,          -- UUID v7
    code            TEXT NOT NULL UNIQUE,               -- human customer code
    kind            TEXT NOT NULL CHECK (kind IN ('organisation', 'individual')),
    status          TEXT NOT NULL CHECK (status IN ('prospect', 'active', 'dormant', 'lost')),
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    reading         TEXT NOT NULL DEFAULT '',
    honorific       TEXT NOT NULL DEFAULT '',
    owner           TEXT NOT NULL DEFAULT '',
    lead_source     TEXT,
    industry        TEXT NOT NULL DEFAULT '',
    postal_code     TEXT NOT NULL DEFAULT '',
    region          TEXT NOT NULL DEFAULT '',
    city            TEXT NOT NULL DEFAULT '',
    street          TEXT NOT NULL DEFAULT '',
    building        TEXT NOT NULL DEFAULT '',
    phones          TEXT NOT NULL DEFAULT '[]',         -- JSON array of strings
    email           TEXT NOT NULL DEFAULT '',
    website         TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    organisation    TEXT,                               -- JSON OrganisationProfile, kind = organisation
    individual      TEXT,                               -- JSON IndividualProfile, kind = individual
    sort_key        TEXT NOT NULL,                      -- normalised reading (or name): list order
    search_text     TEXT NOT NULL,                      -- normalised haystack for the simple search
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,                               -- set when in the trash
    version         INTEGER NOT NULL DEFAULT 1          -- optimistic concurrency
, last_contact_at TEXT, first_deal_on TEXT, first_deal_trigger TEXT NOT NULL DEFAULT '', last_visit_at TEXT, credit_rating TEXT NOT NULL DEFAULT '', credit_score INTEGER CHECK (credit_score BETWEEN 0 AND 100), credit_limit INTEGER CHECK (credit_limit >= 0), loyalty TEXT CHECK (loyalty IN ('loyal', 'switcher', 'no_loyalty')), cooperation INTEGER CHECK (cooperation BETWEEN 1 AND 5), influence INTEGER CHECK (influence BETWEEN 1 AND 5), completeness INTEGER CHECK (completeness BETWEEN 0 AND 100), messaging TEXT, territory TEXT NOT NULL DEFAULT '', route TEXT NOT NULL DEFAULT '', brand_support INTEGER CHECK (brand_support BETWEEN 1 AND 5)) STRICT;

-- table case_studies
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

-- table change_batch_cards
CREATE TABLE "change_batch_cards" (
    batch_id       TEXT NOT NULL REFERENCES change_batches (id) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,
    card_id        TEXT NOT NULL,
    action         TEXT NOT NULL CHECK (action IN ('created', 'changed', 'person_added', 'contact_added',
                                                   'transaction_added', 'product_added', 'catalogue_added',
                                                   'moved', 'trashed', 'custom_added')),
    before         TEXT,   -- changed: the fields before (JSON); person_added / contact_added /
                           -- transaction_added / product_added: the row's id; moved: {"table",
                           -- "key", "from"}; catalogue_added: {"table", "id"}
    version_after  INTEGER NOT NULL,
    PRIMARY KEY (batch_id, seq)
) STRICT, WITHOUT ROWID;

-- table change_batches
CREATE TABLE change_batches (
    id         TEXT PRIMARY KEY NOT NULL,                        -- UUID v7
    kind       TEXT NOT NULL CHECK (kind IN ('import', 'bulk', 'merge')),
    label      TEXT NOT NULL DEFAULT '',                         -- the imported file's name, or what was changed
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL DEFAULT '',
    added      INTEGER NOT NULL DEFAULT 0,
    changed    INTEGER NOT NULL DEFAULT 0,
    skipped    INTEGER NOT NULL DEFAULT 0,
    undone_at  TEXT
) STRICT;

-- table collection_plans
CREATE TABLE collection_plans (
    card_id     TEXT PRIMARY KEY NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    chase_on    TEXT NOT NULL,
    person      TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL
) STRICT;

-- table competitors
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

-- table contact_fts
CREATE VIRTUAL TABLE contact_fts USING fts5(
    body,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2'
);

-- table contact_fts_config
CREATE TABLE 'contact_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table contact_fts_data
CREATE TABLE 'contact_fts_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table contact_fts_docsize
CREATE TABLE 'contact_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB, origin INTEGER);

-- table contact_fts_idx
CREATE TABLE 'contact_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table contact_persons
CREATE TABLE contact_persons (
    contact_id    TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    key_person_id TEXT NOT NULL REFERENCES key_persons (id) ON DELETE CASCADE,
    PRIMARY KEY (contact_id, key_person_id)
) STRICT, WITHOUT ROWID;

-- table contacts
CREATE TABLE contacts (
    id                  TEXT PRIMARY KEY NOT NULL,          -- UUID v7
    card_id             TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    kind                TEXT NOT NULL CHECK (kind IN ('visit', 'phone', 'letter', 'email', 'meeting',
                            'complaint', 'negotiation', 'service', 'other', 'message', 'training')),
    at                  TEXT NOT NULL,                      -- local date and time, YYYY-MM-DDTHH:MM
    duration_minutes    INTEGER CHECK (duration_minutes >= 0),
    rep                 TEXT NOT NULL DEFAULT '',
    purpose             TEXT NOT NULL DEFAULT '',
    content             TEXT NOT NULL DEFAULT '',
    outcome             TEXT NOT NULL DEFAULT '',
    reaction            TEXT NOT NULL DEFAULT '',
    next_action         TEXT NOT NULL DEFAULT '',
    next_action_due     TEXT,                               -- YYYY-MM-DD
    next_action_done_at TEXT,
    complaint           TEXT,                               -- JSON Complaint, kind = complaint
    complaint_state     TEXT CHECK (complaint_state IN ('open', 'in_progress', 'resolved')),
    negotiation         TEXT,                               -- JSON Negotiation, kind = negotiation
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    version             INTEGER NOT NULL DEFAULT 1
) STRICT;

-- table copies_log
CREATE TABLE copies_log (
    id     INTEGER PRIMARY KEY,
    uid    TEXT NOT NULL UNIQUE,
    at     TEXT NOT NULL,
    actor  TEXT NOT NULL,
    kind   TEXT NOT NULL CHECK (kind IN ('report', 'handover', 'backup', 'restore')),
    what   TEXT NOT NULL DEFAULT '',
    filter TEXT NOT NULL DEFAULT '[]',
    cards  INTEGER CHECK (cards >= 0),
    target TEXT NOT NULL DEFAULT ''
) STRICT;

-- table custom_fields
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

-- table daily_reviews
CREATE TABLE daily_reviews (
    day         TEXT PRIMARY KEY NOT NULL,                           -- YYYY-MM-DD
    reviewer    TEXT NOT NULL CHECK (length(trim(reviewer)) > 0),
    reviewed_on TEXT NOT NULL,                                       -- YYYY-MM-DD
    comment     TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- table handed_over
CREATE TABLE handed_over (
    card_id   TEXT PRIMARY KEY NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    bundle_id TEXT NOT NULL,
    to_owner  TEXT NOT NULL,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL DEFAULT '',
    file      TEXT NOT NULL,
    lent      INTEGER NOT NULL DEFAULT 0 CHECK (lent IN (0, 1))
, seal TEXT NOT NULL DEFAULT '', until TEXT) STRICT;

-- table handover_receipts
CREATE TABLE handover_receipts (
    bundle_id     TEXT PRIMARY KEY NOT NULL,
    to_owner      TEXT NOT NULL,
    confirmed_by  TEXT NOT NULL,
    taken_over_at TEXT NOT NULL,
    signer        TEXT NOT NULL,                                    -- the successor ledger's fingerprint
    taken         INTEGER NOT NULL,
    left_out      INTEGER NOT NULL,
    received_at   TEXT NOT NULL,
    actor         TEXT NOT NULL DEFAULT '',
    removed_at    TEXT
) STRICT;

-- table key_persons
CREATE TABLE key_persons (
    id          TEXT PRIMARY KEY NOT NULL,
    card_id     TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    reading     TEXT NOT NULL DEFAULT '',
    department  TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL DEFAULT '',
    role        TEXT CHECK (role IN ('decision_maker', 'influencer', 'purchaser', 'user', 'gatekeeper')),
    phone       TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    birthday    TEXT,
    interests   TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
, messaging TEXT) STRICT;

-- table ledger_meta
CREATE TABLE ledger_meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

-- table lent_bases
CREATE TABLE lent_bases (
    card_id   TEXT PRIMARY KEY NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    bundle_id TEXT NOT NULL,
    rows      TEXT NOT NULL
) STRICT;

-- table note_fts
CREATE VIRTUAL TABLE note_fts USING fts5(
    body,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2'
);

-- table note_fts_config
CREATE TABLE 'note_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table note_fts_data
CREATE TABLE 'note_fts_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table note_fts_docsize
CREATE TABLE 'note_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB, origin INTEGER);

-- table note_fts_idx
CREATE TABLE 'note_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table notes
CREATE TABLE "notes" (
    id            TEXT PRIMARY KEY NOT NULL,                          -- UUID v7
    card_id       TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    noted_on      TEXT NOT NULL,                                      -- YYYY-MM-DD
    category      TEXT NOT NULL CHECK (category IN ('company', 'person', 'needs', 'competitor', 'market',
                      'credit', 'other')),
    source_who    TEXT NOT NULL DEFAULT '',
    source_where  TEXT NOT NULL DEFAULT '',
    means         TEXT CHECK (means IN ('face_to_face', 'phone', 'document', 'web', 'other', 'questionnaire', 'observation')),
    content       TEXT NOT NULL CHECK (length(trim(content)) > 0),
    certainty     TEXT NOT NULL CHECK (certainty IN ('fact', 'speculation')),
    reliability   TEXT NOT NULL CHECK (reliability IN ('low', 'medium', 'high')),
    importance    TEXT NOT NULL CHECK (importance IN ('low', 'medium', 'high')),
    urgency       TEXT NOT NULL CHECK (urgency IN ('low', 'medium', 'high')),
    how_to_use    TEXT NOT NULL DEFAULT '',
    find_out_next TEXT NOT NULL DEFAULT '',
    judgement     TEXT NOT NULL DEFAULT '',                           -- the superior's judgement or instruction
    judgement_on  TEXT,
    share         INTEGER NOT NULL DEFAULT 0 CHECK (share IN (0, 1)), -- bring to the next meeting
    search_text   TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
, competitor_id TEXT REFERENCES competitors (id) ON DELETE SET NULL, situation TEXT NOT NULL DEFAULT '') STRICT;

-- table payments
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

-- table planned_visits
CREATE TABLE planned_visits (
    id          TEXT PRIMARY KEY NOT NULL,
    card_id     TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    planned_on  TEXT NOT NULL,                                        -- YYYY-MM-DD
    position    INTEGER NOT NULL,
    purpose     TEXT NOT NULL DEFAULT '',
    contact_id  TEXT REFERENCES contacts (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
, starts_at TEXT, duration_minutes INTEGER CHECK (duration_minutes > 0), place TEXT NOT NULL DEFAULT '', meeting_with TEXT NOT NULL DEFAULT '', confirmed INTEGER NOT NULL DEFAULT 0 CHECK (confirmed IN (0, 1))) STRICT;

-- table products
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
, unit_cost INTEGER CHECK (unit_cost >= 0)) STRICT;

-- table reminders_done
CREATE TABLE reminders_done (
    kind      TEXT NOT NULL,
    subject   TEXT NOT NULL,
    occurs_on TEXT NOT NULL,
    done_at   TEXT NOT NULL,
    done_by   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (kind, subject, occurs_on)
) STRICT, WITHOUT ROWID;

-- table sales_plans
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

-- table search_keys
CREATE TABLE search_keys (
    key       INTEGER PRIMARY KEY,
    source_id TEXT NOT NULL UNIQUE
) STRICT;

-- table sheet_products
CREATE TABLE sheet_products (
    sheet_id    TEXT NOT NULL REFERENCES sheets (id) ON DELETE CASCADE,
    product_id  TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    PRIMARY KEY (sheet_id, product_id)
) STRICT, WITHOUT ROWID;

-- table sheets
CREATE TABLE sheets (
    id              TEXT PRIMARY KEY NOT NULL,
    title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
    category        TEXT NOT NULL DEFAULT '',
    our_product_id  TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
) STRICT;

-- table take_over_rows
CREATE TABLE "take_over_rows" (
    take_over_id  TEXT NOT NULL REFERENCES "take_overs" (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    tbl        TEXT NOT NULL,
    row_key    TEXT NOT NULL,                                   -- JSON: the row's key columns
    PRIMARY KEY (take_over_id, seq)
) STRICT, WITHOUT ROWID;

-- table take_overs
CREATE TABLE "take_overs" (
    id            TEXT PRIMARY KEY NOT NULL,                    -- UUID v7
    bundle_id     TEXT NOT NULL,                                -- the bundle's own id
    from_owner    TEXT NOT NULL DEFAULT '',
    to_owner      TEXT NOT NULL DEFAULT '',
    taken_at   TEXT NOT NULL,
    actor         TEXT NOT NULL DEFAULT '',
    confirmed_by  TEXT NOT NULL DEFAULT '',                     -- the successor who took it over
    cards_added   INTEGER NOT NULL DEFAULT 0,
    cards_merged  INTEGER NOT NULL DEFAULT 0,
    cards_skipped INTEGER NOT NULL DEFAULT 0,
    undone_at     TEXT,
    manifest      TEXT NOT NULL                                 -- JSON: the bundle's manifest
, taken_ids TEXT, cards_returned INTEGER NOT NULL DEFAULT 0) STRICT;

-- table transactions
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
, cost INTEGER CHECK (cost >= 0)) STRICT;

-- trigger card_classes_completeness_delete
CREATE TRIGGER card_classes_completeness_delete AFTER DELETE ON card_classes BEGIN
    UPDATE cards SET completeness = NULL WHERE id = old.card_id;
END;

-- trigger card_classes_completeness_insert
CREATE TRIGGER card_classes_completeness_insert AFTER INSERT ON card_classes BEGIN
    UPDATE cards SET completeness = new.completeness WHERE id = new.card_id;
END;

-- trigger card_classes_completeness_update
CREATE TRIGGER card_classes_completeness_update AFTER UPDATE OF completeness ON card_classes BEGIN
    UPDATE cards SET completeness = new.completeness WHERE id = new.card_id;
END;

-- trigger card_custom_values_handed_over_delete
CREATE TRIGGER card_custom_values_handed_over_delete BEFORE DELETE ON card_custom_values
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger card_custom_values_handed_over_insert
CREATE TRIGGER card_custom_values_handed_over_insert BEFORE INSERT ON card_custom_values
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = new.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger card_custom_values_handed_over_update
CREATE TRIGGER card_custom_values_handed_over_update BEFORE UPDATE ON card_custom_values
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id IN (old.card_id, new.card_id))
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger card_links_handed_over_insert
CREATE TRIGGER card_links_handed_over_insert BEFORE INSERT ON card_links
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = new.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger card_links_handed_over_update
CREATE TRIGGER card_links_handed_over_update BEFORE UPDATE ON card_links
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id IN (old.card_id, new.card_id))
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger card_products_handed_over_delete
CREATE TRIGGER card_products_handed_over_delete BEFORE DELETE ON card_products
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger card_products_handed_over_insert
CREATE TRIGGER card_products_handed_over_insert BEFORE INSERT ON card_products
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = new.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger card_products_handed_over_update
CREATE TRIGGER card_products_handed_over_update BEFORE UPDATE ON card_products
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id IN (old.card_id, new.card_id))
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger card_shares_handed_over_delete
CREATE TRIGGER card_shares_handed_over_delete BEFORE DELETE ON card_shares
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger card_shares_handed_over_insert
CREATE TRIGGER card_shares_handed_over_insert BEFORE INSERT ON card_shares
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = new.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger card_shares_handed_over_update
CREATE TRIGGER card_shares_handed_over_update BEFORE UPDATE ON card_shares
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id IN (old.card_id, new.card_id))
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger card_tags_handed_over_delete
CREATE TRIGGER card_tags_handed_over_delete BEFORE DELETE ON card_tags
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger card_tags_handed_over_insert
CREATE TRIGGER card_tags_handed_over_insert BEFORE INSERT ON card_tags
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = new.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger card_tags_handed_over_update
CREATE TRIGGER card_tags_handed_over_update BEFORE UPDATE ON card_tags
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id IN (old.card_id, new.card_id))
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger card_tags_search_delete
CREATE TRIGGER card_tags_search_delete AFTER DELETE ON card_tags BEGIN
    DELETE FROM card_fts WHERE rowid = (SELECT key FROM search_keys WHERE source_id = old.card_id);
    INSERT INTO card_fts (rowid, name, phone, other)
        SELECT key, name, phone, other FROM card_search_doc WHERE card_id = old.card_id;
END;

-- trigger card_tags_search_insert
CREATE TRIGGER card_tags_search_insert AFTER INSERT ON card_tags BEGIN
    DELETE FROM card_fts WHERE rowid = (SELECT key FROM search_keys WHERE source_id = new.card_id);
    INSERT INTO card_fts (rowid, name, phone, other)
        SELECT key, name, phone, other FROM card_search_doc WHERE card_id = new.card_id;
END;

-- trigger cards_handed_over
CREATE TRIGGER cards_handed_over BEFORE UPDATE OF code, kind, status, name, reading, honorific, owner, lead_source, industry, postal_code, region, city, street, building, phones, email, website, notes, organisation, individual, deleted_at, first_deal_on, first_deal_trigger, credit_rating, credit_score, credit_limit, loyalty, cooperation, influence ON cards
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger cards_handed_over_brand_support
CREATE TRIGGER cards_handed_over_brand_support BEFORE UPDATE OF brand_support ON cards
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger cards_handed_over_delete
CREATE TRIGGER cards_handed_over_delete BEFORE DELETE ON cards
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger cards_handed_over_messaging
CREATE TRIGGER cards_handed_over_messaging BEFORE UPDATE OF messaging ON cards
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger cards_search_delete
CREATE TRIGGER cards_search_delete AFTER DELETE ON cards BEGIN
    DELETE FROM card_fts WHERE rowid = (SELECT key FROM search_keys WHERE source_id = old.id);
    DELETE FROM search_keys WHERE source_id = old.id;
END;

-- trigger cards_search_insert
CREATE TRIGGER cards_search_insert AFTER INSERT ON cards BEGIN
    INSERT INTO search_keys (source_id) VALUES (new.id);
    INSERT INTO card_fts (rowid, name, phone, other)
        SELECT key, name, phone, other FROM card_search_doc WHERE card_id = new.id;
END;

-- trigger cards_search_trash
CREATE TRIGGER cards_search_trash AFTER UPDATE OF deleted_at ON cards
    WHEN (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN
    DELETE FROM card_fts WHERE rowid = (SELECT key FROM search_keys WHERE source_id = new.id);
    DELETE FROM contact_fts WHERE rowid IN
        (SELECT k.key FROM contacts t JOIN search_keys k ON k.source_id = t.id WHERE t.card_id = new.id);
    DELETE FROM note_fts WHERE rowid IN
        (SELECT k.key FROM "notes" n JOIN search_keys k ON k.source_id = n.id WHERE n.card_id = new.id);
    INSERT INTO card_fts (rowid, name, phone, other)
        SELECT key, name, phone, other FROM card_search_doc WHERE card_id = new.id;
    INSERT INTO contact_fts (rowid, body) SELECT key, body FROM contact_search_doc WHERE card_id = new.id;
    INSERT INTO note_fts (rowid, body) SELECT key, body FROM note_search_doc WHERE card_id = new.id;
END;

-- trigger cards_search_update
CREATE TRIGGER cards_search_update AFTER UPDATE OF name, reading, code, individual, phones, email,
    postal_code, region, city, street, building, industry, website, notes ON cards BEGIN
    DELETE FROM card_fts WHERE rowid = (SELECT key FROM search_keys WHERE source_id = new.id);
    INSERT INTO card_fts (rowid, name, phone, other)
        SELECT key, name, phone, other FROM card_search_doc WHERE card_id = new.id;
END;

-- trigger collection_plans_handed_over_delete
CREATE TRIGGER collection_plans_handed_over_delete BEFORE DELETE ON collection_plans
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger collection_plans_handed_over_insert
CREATE TRIGGER collection_plans_handed_over_insert BEFORE INSERT ON collection_plans
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = new.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger collection_plans_handed_over_update
CREATE TRIGGER collection_plans_handed_over_update BEFORE UPDATE ON collection_plans
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id IN (old.card_id, new.card_id))
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger contacts_handed_over_delete
CREATE TRIGGER contacts_handed_over_delete BEFORE DELETE ON contacts
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger contacts_handed_over_insert
CREATE TRIGGER contacts_handed_over_insert BEFORE INSERT ON contacts
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = new.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger contacts_handed_over_update
CREATE TRIGGER contacts_handed_over_update BEFORE UPDATE ON contacts
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id IN (old.card_id, new.card_id))
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger contacts_search_delete
CREATE TRIGGER contacts_search_delete AFTER DELETE ON contacts BEGIN
    DELETE FROM contact_fts WHERE rowid = (SELECT key FROM search_keys WHERE source_id = old.id);
    DELETE FROM search_keys WHERE source_id = old.id;
END;

-- trigger contacts_search_insert
CREATE TRIGGER contacts_search_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO search_keys (source_id) VALUES (new.id);
    INSERT INTO contact_fts (rowid, body) SELECT key, body FROM contact_search_doc
        WHERE key = (SELECT key FROM search_keys WHERE source_id = new.id);
END;

-- trigger contacts_search_update
CREATE TRIGGER contacts_search_update AFTER UPDATE OF card_id, purpose, content, outcome, reaction,
    next_action, rep, complaint, negotiation ON contacts BEGIN
    DELETE FROM contact_fts WHERE rowid = (SELECT key FROM search_keys WHERE source_id = new.id);
    INSERT INTO contact_fts (rowid, body) SELECT key, body FROM contact_search_doc
        WHERE key = (SELECT key FROM search_keys WHERE source_id = new.id);
END;

-- trigger copies_log_never_changed
CREATE TRIGGER copies_log_never_changed BEFORE UPDATE ON copies_log
BEGIN
    SELECT RAISE(ABORT, 'daicho: the copies log is never changed');
END;

-- trigger copies_log_never_removed
CREATE TRIGGER copies_log_never_removed BEFORE DELETE ON copies_log
BEGIN
    SELECT RAISE(ABORT, 'daicho: the copies log is never changed');
END;

-- trigger key_persons_handed_over_delete
CREATE TRIGGER key_persons_handed_over_delete BEFORE DELETE ON key_persons
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger key_persons_handed_over_insert
CREATE TRIGGER key_persons_handed_over_insert BEFORE INSERT ON key_persons
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = new.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger key_persons_handed_over_update
CREATE TRIGGER key_persons_handed_over_update BEFORE UPDATE ON key_persons
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id IN (old.card_id, new.card_id))
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger key_persons_search_delete
CREATE TRIGGER key_persons_search_delete AFTER DELETE ON key_persons BEGIN
    DELETE FROM card_fts WHERE rowid = (SELECT key FROM search_keys WHERE source_id = old.card_id);
    INSERT INTO card_fts (rowid, name, phone, other)
        SELECT key, name, phone, other FROM card_search_doc WHERE card_id = old.card_id;
END;

-- trigger key_persons_search_insert
CREATE TRIGGER key_persons_search_insert AFTER INSERT ON key_persons BEGIN
    DELETE FROM card_fts WHERE rowid = (SELECT key FROM search_keys WHERE source_id = new.card_id);
    INSERT INTO card_fts (rowid, name, phone, other)
        SELECT key, name, phone, other FROM card_search_doc WHERE card_id = new.card_id;
END;

-- trigger key_persons_search_update
CREATE TRIGGER key_persons_search_update AFTER UPDATE ON key_persons BEGIN
    DELETE FROM card_fts WHERE rowid = (SELECT key FROM search_keys WHERE source_id = new.card_id);
    INSERT INTO card_fts (rowid, name, phone, other)
        SELECT key, name, phone, other FROM card_search_doc WHERE card_id = new.card_id;
    DELETE FROM card_fts WHERE old.card_id <> new.card_id
        AND rowid = (SELECT key FROM search_keys WHERE source_id = old.card_id);
    INSERT INTO card_fts (rowid, name, phone, other)
        SELECT key, name, phone, other FROM card_search_doc WHERE old.card_id <> new.card_id
        AND card_id = old.card_id;
END;

-- trigger notes_handed_over_delete
CREATE TRIGGER notes_handed_over_delete BEFORE DELETE ON notes
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger notes_handed_over_insert
CREATE TRIGGER notes_handed_over_insert BEFORE INSERT ON notes
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = new.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger notes_handed_over_update
CREATE TRIGGER notes_handed_over_update BEFORE UPDATE ON notes
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id IN (old.card_id, new.card_id))
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger notes_search_delete
CREATE TRIGGER notes_search_delete AFTER DELETE ON notes BEGIN
    DELETE FROM note_fts WHERE rowid = (SELECT key FROM search_keys WHERE source_id = old.id);
    DELETE FROM search_keys WHERE source_id = old.id;
END;

-- trigger notes_search_insert
CREATE TRIGGER notes_search_insert AFTER INSERT ON notes BEGIN
    INSERT INTO search_keys (source_id) VALUES (new.id);
    INSERT INTO note_fts (rowid, body) SELECT key, body FROM note_search_doc
        WHERE key = (SELECT key FROM search_keys WHERE source_id = new.id);
END;

-- trigger notes_search_update
CREATE TRIGGER notes_search_update AFTER UPDATE OF card_id, content, source_who, source_where,
    how_to_use, find_out_next, judgement ON notes BEGIN
    DELETE FROM note_fts WHERE rowid = (SELECT key FROM search_keys WHERE source_id = new.id);
    INSERT INTO note_fts (rowid, body) SELECT key, body FROM note_search_doc
        WHERE key = (SELECT key FROM search_keys WHERE source_id = new.id);
END;

-- trigger payments_handed_over_delete
CREATE TRIGGER payments_handed_over_delete BEFORE DELETE ON payments
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger payments_handed_over_insert
CREATE TRIGGER payments_handed_over_insert BEFORE INSERT ON payments
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = new.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger payments_handed_over_update
CREATE TRIGGER payments_handed_over_update BEFORE UPDATE ON payments
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id IN (old.card_id, new.card_id))
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger planned_visits_handed_over_delete
CREATE TRIGGER planned_visits_handed_over_delete BEFORE DELETE ON planned_visits
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger planned_visits_handed_over_insert
CREATE TRIGGER planned_visits_handed_over_insert BEFORE INSERT ON planned_visits
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = new.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger planned_visits_handed_over_update
CREATE TRIGGER planned_visits_handed_over_update BEFORE UPDATE ON planned_visits
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id IN (old.card_id, new.card_id))
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger transactions_handed_over_delete
CREATE TRIGGER transactions_handed_over_delete BEFORE DELETE ON transactions
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger transactions_handed_over_insert
CREATE TRIGGER transactions_handed_over_insert BEFORE INSERT ON transactions
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = new.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- trigger transactions_handed_over_update
CREATE TRIGGER transactions_handed_over_update BEFORE UPDATE ON transactions
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id IN (old.card_id, new.card_id))
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

-- view card_search_doc
CREATE VIEW card_search_doc AS
SELECT k.key, c.id AS card_id,
    daicho_index_text(c.name, c.reading, c.code,
        json_extract(c.individual, '$.family_name'), json_extract(c.individual, '$.given_name'),
        json_extract(c.individual, '$.family_name_reading'), json_extract(c.individual, '$.given_name_reading')
    ) AS name,
    daicho_phone_text(
        (SELECT group_concat(value, char(31)) FROM json_each(c.phones)),
        (SELECT group_concat(phone, char(31)) FROM key_persons WHERE card_id = c.id)
    ) AS phone,
    daicho_index_text(c.email, c.postal_code, c.region, c.city, c.street, c.building, c.industry,
        c.website, c.notes,
        (SELECT group_concat(tag, char(31)) FROM card_tags WHERE card_id = c.id),
        (SELECT group_concat(name || char(31) || reading || char(31) || department || char(31) || title
            || char(31) || email, char(31)) FROM key_persons WHERE card_id = c.id)
    ) AS other
FROM cards c JOIN search_keys k ON k.source_id = c.id
WHERE c.deleted_at IS NULL;

-- view contact_search_doc
CREATE VIEW contact_search_doc AS
SELECT k.key, t.card_id,
    daicho_index_text(t.purpose, t.content, t.outcome, t.reaction, t.next_action, t.rep,
        json_extract(t.complaint, '$.action_taken'), json_extract(t.negotiation, '$.stage')) AS body
FROM contacts t JOIN search_keys k ON k.source_id = t.id
    JOIN cards c ON c.id = t.card_id AND c.deleted_at IS NULL;

-- view note_search_doc
CREATE VIEW note_search_doc AS
SELECT k.key, n.card_id,
    daicho_index_text(n.content, n.source_who, n.source_where, n.how_to_use, n.find_out_next,
        n.judgement) AS body
FROM "notes" n JOIN search_keys k ON k.source_id = n.id
    JOIN cards c ON c.id = n.card_id AND c.deleted_at IS NULL;

-- Daicho ledger, schema 1: customer cards, key persons, tags, history, settings.
-- Append-only: never edit this file once landed; add 0002_*.sql instead.
PRAGMA application_id = 1145261128; -- 0x44434C48 "DCLH": marks the file as a Daicho ledger

CREATE TABLE ledger_meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

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
) STRICT;

CREATE INDEX cards_live_sort    ON cards (deleted_at, sort_key, id);
CREATE INDEX cards_live_name    ON cards (deleted_at, name, id);
CREATE INDEX cards_live_updated ON cards (deleted_at, updated_at, id);
CREATE INDEX cards_owner        ON cards (owner);

CREATE TABLE card_tags (
    card_id TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    tag     TEXT NOT NULL,
    PRIMARY KEY (card_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX card_tags_tag ON card_tags (tag, card_id);

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
) STRICT;
CREATE INDEX key_persons_card ON key_persons (card_id, position);

CREATE TABLE card_history (
    id          INTEGER PRIMARY KEY,
    card_id     TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    entity      TEXT NOT NULL CHECK (entity IN ('card', 'key_person')),
    entity_id   TEXT NOT NULL,
    entity_label TEXT NOT NULL DEFAULT '',
    action      TEXT NOT NULL CHECK (action IN ('created', 'changed', 'deleted', 'restored')),
    field       TEXT NOT NULL DEFAULT '',
    old_value   TEXT,
    new_value   TEXT
) STRICT;
CREATE INDEX card_history_card ON card_history (card_id, id);

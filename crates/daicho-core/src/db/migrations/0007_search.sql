-- Daicho ledger, schema 7: full-text search over cards, contacts and intelligence notes.
-- Append-only: never edit this file once landed.
--
-- FTS5 indexes the terms Daicho writes with daicho_index_text / daicho_phone_text (registered on
-- every connection, see fulltext::terms): CJK runs as overlapping pairs, words, phone suffixes.
-- The indexes hold no copy of the text (contentless) and are kept in step by the triggers
-- below, inside the transaction that changes the row. A card in the trash leaves the index with
-- its contacts and notes, and comes back when restored.

-- FTS5 rowids are integers; cards, contacts and notes have UUIDs. search_keys gives each a
-- stable integer (an INTEGER PRIMARY KEY survives VACUUM, a hidden rowid may not).
CREATE TABLE search_keys (
    key       INTEGER PRIMARY KEY,
    source_id TEXT NOT NULL UNIQUE
) STRICT;

CREATE VIRTUAL TABLE card_fts USING fts5(
    name, phone, other,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2'
);
-- A match in the name (with reading and code) counts most, then a phone, then the rest.
INSERT INTO card_fts (card_fts, rank) VALUES ('rank', 'bm25(10.0, 5.0, 1.0)');

CREATE VIRTUAL TABLE contact_fts USING fts5(
    body,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2'
);
CREATE VIRTUAL TABLE note_fts USING fts5(
    body,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2'
);

-- What is indexed of each live card, contact and note.
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

CREATE VIEW contact_search_doc AS
SELECT k.key, t.card_id,
    daicho_index_text(t.purpose, t.content, t.outcome, t.reaction, t.next_action, t.rep,
        json_extract(t.complaint, '$.action_taken'), json_extract(t.negotiation, '$.stage')) AS body
FROM contacts t JOIN search_keys k ON k.source_id = t.id
    JOIN cards c ON c.id = t.card_id AND c.deleted_at IS NULL;

CREATE VIEW note_search_doc AS
SELECT k.key, n.card_id,
    daicho_index_text(n.content, n.source_who, n.source_where, n.how_to_use, n.find_out_next,
        n.judgement) AS body
FROM intel_notes n JOIN search_keys k ON k.source_id = n.id
    JOIN cards c ON c.id = n.card_id AND c.deleted_at IS NULL;

-- Everything already in the ledger.
INSERT INTO search_keys (source_id) SELECT id FROM cards;
INSERT INTO search_keys (source_id) SELECT id FROM contacts;
INSERT INTO search_keys (source_id) SELECT id FROM intel_notes;
INSERT INTO card_fts (rowid, name, phone, other) SELECT key, name, phone, other FROM card_search_doc;
INSERT INTO contact_fts (rowid, body) SELECT key, body FROM contact_search_doc;
INSERT INTO note_fts (rowid, body) SELECT key, body FROM note_search_doc;

-- Cards.
CREATE TRIGGER cards_search_insert AFTER INSERT ON cards BEGIN
    INSERT INTO search_keys (source_id) VALUES (new.id);
    INSERT INTO card_fts (rowid, name, phone, other)
        SELECT key, name, phone, other FROM card_search_doc WHERE card_id = new.id;
END;
CREATE TRIGGER cards_search_update AFTER UPDATE OF name, reading, code, individual, phones, email,
    postal_code, region, city, street, building, industry, website, notes ON cards BEGIN
    DELETE FROM card_fts WHERE rowid = (SELECT key FROM search_keys WHERE source_id = new.id);
    INSERT INTO card_fts (rowid, name, phone, other)
        SELECT key, name, phone, other FROM card_search_doc WHERE card_id = new.id;
END;
-- To the trash and back: the card, its contacts and its notes leave the index and return.
CREATE TRIGGER cards_search_trash AFTER UPDATE OF deleted_at ON cards
    WHEN (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN
    DELETE FROM card_fts WHERE rowid = (SELECT key FROM search_keys WHERE source_id = new.id);
    DELETE FROM contact_fts WHERE rowid IN
        (SELECT k.key FROM contacts t JOIN search_keys k ON k.source_id = t.id WHERE t.card_id = new.id);
    DELETE FROM note_fts WHERE rowid IN
        (SELECT k.key FROM intel_notes n JOIN search_keys k ON k.source_id = n.id WHERE n.card_id = new.id);
    INSERT INTO card_fts (rowid, name, phone, other)
        SELECT key, name, phone, other FROM card_search_doc WHERE card_id = new.id;
    INSERT INTO contact_fts (rowid, body) SELECT key, body FROM contact_search_doc WHERE card_id = new.id;
    INSERT INTO note_fts (rowid, body) SELECT key, body FROM note_search_doc WHERE card_id = new.id;
END;
CREATE TRIGGER cards_search_delete AFTER DELETE ON cards BEGIN
    DELETE FROM card_fts WHERE rowid = (SELECT key FROM search_keys WHERE source_id = old.id);
    DELETE FROM search_keys WHERE source_id = old.id;
END;

-- Tags and key persons are part of their card's entry.
CREATE TRIGGER card_tags_search_insert AFTER INSERT ON card_tags BEGIN
    DELETE FROM card_fts WHERE rowid = (SELECT key FROM search_keys WHERE source_id = new.card_id);
    INSERT INTO card_fts (rowid, name, phone, other)
        SELECT key, name, phone, other FROM card_search_doc WHERE card_id = new.card_id;
END;
CREATE TRIGGER card_tags_search_delete AFTER DELETE ON card_tags BEGIN
    DELETE FROM card_fts WHERE rowid = (SELECT key FROM search_keys WHERE source_id = old.card_id);
    INSERT INTO card_fts (rowid, name, phone, other)
        SELECT key, name, phone, other FROM card_search_doc WHERE card_id = old.card_id;
END;
CREATE TRIGGER key_persons_search_insert AFTER INSERT ON key_persons BEGIN
    DELETE FROM card_fts WHERE rowid = (SELECT key FROM search_keys WHERE source_id = new.card_id);
    INSERT INTO card_fts (rowid, name, phone, other)
        SELECT key, name, phone, other FROM card_search_doc WHERE card_id = new.card_id;
END;
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
CREATE TRIGGER key_persons_search_delete AFTER DELETE ON key_persons BEGIN
    DELETE FROM card_fts WHERE rowid = (SELECT key FROM search_keys WHERE source_id = old.card_id);
    INSERT INTO card_fts (rowid, name, phone, other)
        SELECT key, name, phone, other FROM card_search_doc WHERE card_id = old.card_id;
END;

-- Contacts (a contact moved to another card, as a merge does, keeps its key).
CREATE TRIGGER contacts_search_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO search_keys (source_id) VALUES (new.id);
    INSERT INTO contact_fts (rowid, body) SELECT key, body FROM contact_search_doc
        WHERE key = (SELECT key FROM search_keys WHERE source_id = new.id);
END;
CREATE TRIGGER contacts_search_update AFTER UPDATE OF card_id, purpose, content, outcome, reaction,
    next_action, rep, complaint, negotiation ON contacts BEGIN
    DELETE FROM contact_fts WHERE rowid = (SELECT key FROM search_keys WHERE source_id = new.id);
    INSERT INTO contact_fts (rowid, body) SELECT key, body FROM contact_search_doc
        WHERE key = (SELECT key FROM search_keys WHERE source_id = new.id);
END;
CREATE TRIGGER contacts_search_delete AFTER DELETE ON contacts BEGIN
    DELETE FROM contact_fts WHERE rowid = (SELECT key FROM search_keys WHERE source_id = old.id);
    DELETE FROM search_keys WHERE source_id = old.id;
END;

-- Intelligence notes.
CREATE TRIGGER intel_notes_search_insert AFTER INSERT ON intel_notes BEGIN
    INSERT INTO search_keys (source_id) VALUES (new.id);
    INSERT INTO note_fts (rowid, body) SELECT key, body FROM note_search_doc
        WHERE key = (SELECT key FROM search_keys WHERE source_id = new.id);
END;
CREATE TRIGGER intel_notes_search_update AFTER UPDATE OF card_id, content, source_who, source_where,
    how_to_use, find_out_next, judgement ON intel_notes BEGIN
    DELETE FROM note_fts WHERE rowid = (SELECT key FROM search_keys WHERE source_id = new.id);
    INSERT INTO note_fts (rowid, body) SELECT key, body FROM note_search_doc
        WHERE key = (SELECT key FROM search_keys WHERE source_id = new.id);
END;
CREATE TRIGGER intel_notes_search_delete AFTER DELETE ON intel_notes BEGIN
    DELETE FROM note_fts WHERE rowid = (SELECT key FROM search_keys WHERE source_id = old.id);
    DELETE FROM search_keys WHERE source_id = old.id;
END;

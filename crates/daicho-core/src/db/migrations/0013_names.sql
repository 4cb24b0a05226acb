-- Daicho ledger, schema 13: one name per idea. An intelligence note is a `note` (its search
-- index was already `note_fts`), and taking a colleague's portfolio over is a `take_over`, as the
-- window says, no longer an "import" (which is the list import). Renames only: no row changes.
-- Append-only: never edit this file once landed.

ALTER TABLE intel_notes RENAME TO notes;

DROP INDEX intel_notes_card;
CREATE INDEX notes_card ON notes (card_id, noted_on DESC);
DROP INDEX intel_notes_noted;
CREATE INDEX notes_noted ON notes (noted_on DESC, id);
DROP INDEX intel_notes_competitor;
CREATE INDEX notes_competitor ON notes (competitor_id) WHERE competitor_id IS NOT NULL;

DROP TRIGGER intel_notes_search_insert;
CREATE TRIGGER notes_search_insert AFTER INSERT ON notes BEGIN
    INSERT INTO search_keys (source_id) VALUES (new.id);
    INSERT INTO note_fts (rowid, body) SELECT key, body FROM note_search_doc
        WHERE key = (SELECT key FROM search_keys WHERE source_id = new.id);
END;

DROP TRIGGER intel_notes_search_update;
CREATE TRIGGER notes_search_update AFTER UPDATE OF card_id, content, source_who, source_where,
    how_to_use, find_out_next, judgement ON notes BEGIN
    DELETE FROM note_fts WHERE rowid = (SELECT key FROM search_keys WHERE source_id = new.id);
    INSERT INTO note_fts (rowid, body) SELECT key, body FROM note_search_doc
        WHERE key = (SELECT key FROM search_keys WHERE source_id = new.id);
END;

DROP TRIGGER intel_notes_search_delete;
CREATE TRIGGER notes_search_delete AFTER DELETE ON notes BEGIN
    DELETE FROM note_fts WHERE rowid = (SELECT key FROM search_keys WHERE source_id = old.id);
    DELETE FROM search_keys WHERE source_id = old.id;
END;

DROP TRIGGER intel_notes_handed_over_insert;
CREATE TRIGGER notes_handed_over_insert BEFORE INSERT ON notes
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = new.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

DROP TRIGGER intel_notes_handed_over_update;
CREATE TRIGGER notes_handed_over_update BEFORE UPDATE ON notes
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id IN (old.card_id, new.card_id))
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

DROP TRIGGER intel_notes_handed_over_delete;
CREATE TRIGGER notes_handed_over_delete BEFORE DELETE ON notes
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

ALTER TABLE handover_imports RENAME TO take_overs;
ALTER TABLE take_overs RENAME COLUMN imported_at TO taken_at;
DROP INDEX handover_imports_bundle;
CREATE INDEX take_overs_bundle ON take_overs (bundle_id);

ALTER TABLE handover_rows RENAME TO take_over_rows;
ALTER TABLE take_over_rows RENAME COLUMN import_id TO take_over_id;

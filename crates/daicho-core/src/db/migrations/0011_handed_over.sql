-- Daicho ledger, schema 11: cards handed over (or lent for a leave) to a successor. A marked
-- card is read-only in this ledger: the triggers below refuse any change to it, to its trash
-- state, or to what hangs on it (contacts, notes, key persons...), whoever writes. Derived
-- columns (the sort key, the last contact) and the card's history and classes stay writable.
-- A migration that rewrites card rows must drop these triggers first and make them again.
-- Append-only: never edit this file once landed.
CREATE TABLE handed_over (
    card_id   TEXT PRIMARY KEY NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    bundle_id TEXT NOT NULL,
    to_owner  TEXT NOT NULL,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL DEFAULT '',
    file      TEXT NOT NULL,
    lent      INTEGER NOT NULL DEFAULT 0 CHECK (lent IN (0, 1))
) STRICT;
CREATE INDEX handed_over_bundle ON handed_over (bundle_id);
CREATE TRIGGER cards_handed_over BEFORE UPDATE OF code, kind, status, name, reading, honorific, owner, lead_source, industry, postal_code, region, city, street, building, phones, email, website, notes, organisation, individual, deleted_at, first_deal_on, first_deal_trigger, credit_rating, credit_score, credit_limit, loyalty, cooperation, influence ON cards
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER cards_handed_over_delete BEFORE DELETE ON cards
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER card_tags_handed_over_insert BEFORE INSERT ON card_tags
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = new.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER card_tags_handed_over_update BEFORE UPDATE ON card_tags
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id IN (old.card_id, new.card_id))
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER card_tags_handed_over_delete BEFORE DELETE ON card_tags
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER key_persons_handed_over_insert BEFORE INSERT ON key_persons
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = new.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER key_persons_handed_over_update BEFORE UPDATE ON key_persons
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id IN (old.card_id, new.card_id))
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER key_persons_handed_over_delete BEFORE DELETE ON key_persons
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER contacts_handed_over_insert BEFORE INSERT ON contacts
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = new.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER contacts_handed_over_update BEFORE UPDATE ON contacts
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id IN (old.card_id, new.card_id))
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER contacts_handed_over_delete BEFORE DELETE ON contacts
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER intel_notes_handed_over_insert BEFORE INSERT ON intel_notes
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = new.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER intel_notes_handed_over_update BEFORE UPDATE ON intel_notes
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id IN (old.card_id, new.card_id))
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER intel_notes_handed_over_delete BEFORE DELETE ON intel_notes
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER planned_visits_handed_over_insert BEFORE INSERT ON planned_visits
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = new.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER planned_visits_handed_over_update BEFORE UPDATE ON planned_visits
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id IN (old.card_id, new.card_id))
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER planned_visits_handed_over_delete BEFORE DELETE ON planned_visits
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER card_products_handed_over_insert BEFORE INSERT ON card_products
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = new.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER card_products_handed_over_update BEFORE UPDATE ON card_products
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id IN (old.card_id, new.card_id))
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER card_products_handed_over_delete BEFORE DELETE ON card_products
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER card_shares_handed_over_insert BEFORE INSERT ON card_shares
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = new.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER card_shares_handed_over_update BEFORE UPDATE ON card_shares
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id IN (old.card_id, new.card_id))
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER card_shares_handed_over_delete BEFORE DELETE ON card_shares
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER transactions_handed_over_insert BEFORE INSERT ON transactions
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = new.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER transactions_handed_over_update BEFORE UPDATE ON transactions
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id IN (old.card_id, new.card_id))
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER transactions_handed_over_delete BEFORE DELETE ON transactions
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER collection_plans_handed_over_insert BEFORE INSERT ON collection_plans
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = new.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER collection_plans_handed_over_update BEFORE UPDATE ON collection_plans
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id IN (old.card_id, new.card_id))
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;
CREATE TRIGGER collection_plans_handed_over_delete BEFORE DELETE ON collection_plans
    WHEN EXISTS (SELECT 1 FROM handed_over WHERE card_id = old.card_id)
BEGIN
    SELECT RAISE(ABORT, 'daicho:handed_over');
END;

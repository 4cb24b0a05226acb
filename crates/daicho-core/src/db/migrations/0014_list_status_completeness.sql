-- Daicho ledger, schema 14: the card list's least-complete-first order, and every order with
-- one status only ("active cards"), walk an index like the other orders. A card keeps its
-- completeness beside its other list columns (kept in step with its classes by triggers), and
-- each order has a second index that starts with the status, so that a window deep in the
-- active cards skips only active cards.
-- Append-only: never edit this file once landed.
ALTER TABLE cards ADD COLUMN completeness INTEGER CHECK (completeness BETWEEN 0 AND 100);
UPDATE cards SET completeness = (SELECT completeness FROM card_classes WHERE card_id = cards.id);

CREATE TRIGGER card_classes_completeness_insert AFTER INSERT ON card_classes BEGIN
    UPDATE cards SET completeness = new.completeness WHERE id = new.card_id;
END;
CREATE TRIGGER card_classes_completeness_update AFTER UPDATE OF completeness ON card_classes BEGIN
    UPDATE cards SET completeness = new.completeness WHERE id = new.card_id;
END;
CREATE TRIGGER card_classes_completeness_delete AFTER DELETE ON card_classes BEGIN
    UPDATE cards SET completeness = NULL WHERE id = old.card_id;
END;

CREATE INDEX cards_list_completeness ON cards
    (deleted_at, completeness IS NULL, completeness, sort_key, id, status, kind, owner, last_contact_at);
CREATE INDEX cards_list_status_reading ON cards
    (deleted_at, status, sort_key, name, id, kind, owner, last_contact_at);
CREATE INDEX cards_list_status_name ON cards
    (deleted_at, status, name, id, kind, owner, last_contact_at);
CREATE INDEX cards_list_status_updated ON cards
    (deleted_at, status, updated_at, id, kind, owner, last_contact_at);
CREATE INDEX cards_list_status_last_contact ON cards
    (deleted_at, status, last_contact_at, sort_key, name, id, kind, owner);
CREATE INDEX cards_list_status_completeness ON cards
    (deleted_at, status, completeness IS NULL, completeness, sort_key, id, kind, owner, last_contact_at);

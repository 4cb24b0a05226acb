-- Daicho ledger, schema 9: the card list scrolls through 100,000 cards. Each order of the list
-- has an index that also holds the columns its common filters read (status, kind, owner, last
-- contact), so that finding a window deep in the list walks the index and never reads the
-- table rows it skips.
-- Append-only: never edit this file once landed.
DROP INDEX cards_live_sort;
DROP INDEX cards_live_name;
DROP INDEX cards_live_updated;
DROP INDEX cards_live_last_contact;
CREATE INDEX cards_list_reading      ON cards (deleted_at, sort_key, name, id, status, kind, owner, last_contact_at);
CREATE INDEX cards_list_name         ON cards (deleted_at, name, id, status, kind, owner, last_contact_at);
CREATE INDEX cards_list_updated      ON cards (deleted_at, updated_at, id, status, kind, owner, last_contact_at);
CREATE INDEX cards_list_last_contact ON cards (deleted_at, last_contact_at, sort_key, name, id, status, kind, owner);

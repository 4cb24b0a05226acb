-- Daicho ledger, schema 10: the copies log. Every report, handover file and backup made from
-- the ledger, and every restore into it: who, when, what, how many cards, where. Rows are
-- added and never changed: the triggers refuse any update or delete.
-- Append-only: never edit this file once landed.
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
CREATE INDEX copies_log_at ON copies_log (at);
CREATE TRIGGER copies_log_never_changed BEFORE UPDATE ON copies_log
BEGIN
    SELECT RAISE(ABORT, 'daicho: the copies log is never changed');
END;
CREATE TRIGGER copies_log_never_removed BEFORE DELETE ON copies_log
BEGIN
    SELECT RAISE(ABORT, 'daicho: the copies log is never changed');
END;

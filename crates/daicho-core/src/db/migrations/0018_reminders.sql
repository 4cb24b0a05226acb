-- Reminders the rep has dealt with (a birthday greeted, a renewal discussed): one row per
-- reminder and day, so that next year's birthday comes up again. The reminders themselves are
-- worked out from the dates on the cards, key persons and products in use.
CREATE TABLE reminders_done (
    kind      TEXT NOT NULL,
    subject   TEXT NOT NULL,
    occurs_on TEXT NOT NULL,
    done_at   TEXT NOT NULL,
    done_by   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (kind, subject, occurs_on)
) STRICT, WITHOUT ROWID;

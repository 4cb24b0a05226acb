-- Daicho ledger, schema 26: what the window asks for right after its first list (the sidebar's
-- reminders and overdue follow-ups) is read from small indexes instead of whole tables. On
-- 100,000 cards and 1,000,000 contacts the reminders scanned the cards six times (2.6 s, and a
-- page cache filled with every card) and the overdue count read each open contact's row.
-- Append-only: never edit this file once landed.

-- The dates reminders come from (and the month a fiscal year ends), on live cards not lost,
-- with what a reminder shows: the reminders read this index alone (the columns of its
-- condition are in it too, so that SQLite reads no card's row). A damaged profile (not JSON)
-- holds no date, as before.
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

-- Key persons' birthdays, with the person's name and card.
CREATE INDEX key_persons_birthdays ON key_persons (card_id, birthday, id, name)
    WHERE birthday IS NOT NULL;

-- Open next actions carry their card: counting the overdue ones reads no contact's row.
DROP INDEX contacts_open_actions;
CREATE INDEX contacts_open_actions ON contacts (next_action_due, card_id, next_action_done_at)
    WHERE next_action_due IS NOT NULL AND next_action_done_at IS NULL;

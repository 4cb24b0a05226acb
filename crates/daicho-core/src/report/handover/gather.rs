//! What the handover report lists, read from the ledger for the cards in `temp.report_cards`
//! before a cell is written: each list as rows of text cells, in the order the sheets show them.

use rusqlite::Connection;
use serde::Serialize;

/// Any cell as text (counts and amounts too).
fn text(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<String> {
    use rusqlite::types::ValueRef;
    Ok(match r.get_ref(i)? {
        ValueRef::Null => String::new(),
        ValueRef::Integer(n) => n.to_string(),
        ValueRef::Real(f) => f.to_string(),
        ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into_owned(),
    })
}

/// Runs `sql` (over `temp.report_cards`) and returns its rows as text cells.
fn rows(conn: &Connection, sql: &str, columns: usize) -> rusqlite::Result<Vec<Vec<String>>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| {
        (0..columns)
            .map(|i| text(r, i))
            .collect::<rusqlite::Result<Vec<_>>>()
    })?;
    rows.collect()
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HandoverRows {
    /// Code, customer, status, owner, contacts, open actions, open complaints, outstanding,
    /// key persons, completeness.
    pub cards: Vec<Vec<String>>,
    /// Customer, next action, due, days late (blank while not yet due).
    pub follow_ups: Vec<Vec<String>>,
    /// Customer, when, what, state.
    pub complaints: Vec<Vec<String>>,
    /// Customer, invoice, due, outstanding.
    pub receivables: Vec<Vec<String>>,
    /// Customer, name, department and title, role, phone.
    pub people: Vec<Vec<String>>,
}

/// The lists of the cards `card_ids`; `today` dates the days late.
pub fn gather(
    conn: &Connection,
    card_ids: &[crate::ids::CardId],
    today: chrono::NaiveDate,
) -> rusqlite::Result<HandoverRows> {
    // The cards go in a temporary table that every list's query joins.
    conn.execute_batch("CREATE TEMP TABLE IF NOT EXISTS report_cards (id TEXT PRIMARY KEY); DELETE FROM temp.report_cards;")?;
    {
        let mut insert =
            conn.prepare("INSERT OR IGNORE INTO temp.report_cards (id) VALUES (?1)")?;
        for id in card_ids {
            insert.execute([id])?;
        }
    }
    let gathered = lists(conn, today);
    conn.execute_batch("DROP TABLE temp.report_cards")?;
    gathered
}

fn lists(conn: &Connection, today: chrono::NaiveDate) -> rusqlite::Result<HandoverRows> {
    let today = today.format("%Y-%m-%d").to_string();
    let cards = rows(
        conn,
        "SELECT c.code, c.name, c.status, c.owner,
                (SELECT count(*) FROM contacts t WHERE t.card_id = c.id),
                (SELECT count(*) FROM contacts t WHERE t.card_id = c.id AND t.next_action_due IS NOT NULL AND t.next_action_done_at IS NULL),
                (SELECT count(*) FROM contacts t WHERE t.card_id = c.id AND t.complaint_state IN ('open', 'in_progress')),
                (SELECT coalesce(sum(amount - paid_amount), 0) FROM transactions x WHERE x.card_id = c.id AND x.kind = 'sale' AND x.paid_amount < x.amount),
                (SELECT count(*) FROM key_persons k WHERE k.card_id = c.id),
                (SELECT completeness FROM card_classes k WHERE k.card_id = c.id)
             FROM cards c WHERE c.id IN (SELECT id FROM temp.report_cards) ORDER BY c.sort_key",
        10,
    )?;
    let follow_ups = rows(
        conn,
        &format!(
            "SELECT c.name, t.next_action, t.next_action_due, CASE WHEN t.next_action_due < '{today}' THEN CAST(julianday('{today}') - julianday(t.next_action_due) AS INTEGER) END
             FROM contacts t JOIN cards c ON c.id = t.card_id
             WHERE c.id IN (SELECT id FROM temp.report_cards) AND t.next_action_due IS NOT NULL AND t.next_action_done_at IS NULL
             ORDER BY t.next_action_due"
        ),
        4,
    )?;
    let complaints = rows(
        conn,
        "SELECT c.name, t.at, t.content, t.complaint_state FROM contacts t JOIN cards c ON c.id = t.card_id
         WHERE c.id IN (SELECT id FROM temp.report_cards) AND t.complaint_state IN ('open', 'in_progress') ORDER BY t.at",
        4,
    )?;
    let receivables = rows(
        conn,
        "SELECT c.name, x.invoice_no, x.due_on, x.amount - x.paid_amount FROM transactions x JOIN cards c ON c.id = x.card_id
         WHERE c.id IN (SELECT id FROM temp.report_cards) AND x.kind = 'sale' AND x.paid_amount < x.amount ORDER BY x.due_on",
        4,
    )?;
    let people = rows(
        conn,
        "SELECT c.name, k.name, trim(k.department || ' ' || k.title), k.role, k.phone FROM key_persons k JOIN cards c ON c.id = k.card_id
         WHERE c.id IN (SELECT id FROM temp.report_cards) ORDER BY c.sort_key, k.position",
        5,
    )?;

    Ok(HandoverRows {
        cards,
        follow_ups,
        complaints,
        receivables,
        people,
    })
}

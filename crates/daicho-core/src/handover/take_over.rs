//! Taking a bundle over: the preview (new cards, likely duplicates, cards already here), the
//! take-over in one transaction with every inserted row recorded, and undo.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};

use crate::card::history::{self, Stamp};
use crate::card::store::{new_id, next_code, Edit};
use crate::card::{HistoryAction, HistoryEntity};
use crate::db::json;
use crate::db::json::Json;
use crate::error::{FieldIssue, HandoverError};
use crate::ids::CardId;
use crate::text::{digits, normalize};

use super::bundle::{self, Rows};
use super::give_back::{self, Returned};
use super::tables::{self, SHARED, TABLES};
use super::{
    CardChoice, Choice, ExistingCard, HandoverPreview, PreviewCard, PreviewStatus, TakeOver,
    TakeOverRequest,
};

fn text(row: &BTreeMap<String, serde_json::Value>, column: &str) -> String {
    row.get(column)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_owned()
}

/// The ledger's live card that `card` (a bundle row) most likely is, and why.
fn duplicate_of(
    conn: &Connection,
    card: &BTreeMap<String, serde_json::Value>,
) -> rusqlite::Result<Option<(ExistingCard, String)>> {
    let name = normalize(text(card, "name").trim());
    if name.is_empty() {
        return Ok(None);
    }
    let phones: Vec<String> = serde_json::from_str::<Vec<String>>(&text(card, "phones"))
        .unwrap_or_default()
        .iter()
        .map(|p| digits(p))
        .filter(|p| p.len() >= 6)
        .collect();
    let email = text(card, "email").to_lowercase();
    let place = (text(card, "region"), text(card, "city"));
    let mut stmt = conn.prepare_cached(
        "SELECT id, code, name, owner, phones, email, region, city FROM cards WHERE deleted_at IS NULL AND id <> ?1",
    )?;
    let mut rows = stmt.query([text(card, "id")])?;
    while let Some(r) = rows.next()? {
        let other: String = r.get(2)?;
        if normalize(other.trim()) != name {
            continue;
        }
        let their_phones: Vec<String> = r
            .get::<_, Json<Vec<String>>>(4)?
            .0
            .iter()
            .map(|p| digits(p))
            .collect();
        let why = if phones.iter().any(|p| their_phones.contains(p)) {
            "name_phone"
        } else if !email.is_empty() && r.get::<_, String>(5)?.to_lowercase() == email {
            "name_email"
        } else if !place.1.is_empty() && (r.get::<_, String>(6)?, r.get::<_, String>(7)?) == place {
            "name_place"
        } else {
            continue;
        };
        let existing = ExistingCard {
            id: r.get(0)?,
            code: r.get(1)?,
            name: other,
            owner: r.get(3)?,
        };
        return Ok(Some((existing, why.to_owned())));
    }
    Ok(None)
}

fn taken_over(conn: &Connection, bundle_id: &str) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached("SELECT id FROM take_overs WHERE bundle_id = ?1 AND undone_at IS NULL")?
        .query_row([bundle_id], |r| r.get(0))
        .optional()
}

/// Each bundle card as it stands here, and what the cards here already bring back.
fn cards_of(
    conn: &Connection,
    tables: &BTreeMap<String, Rows>,
) -> rusqlite::Result<(Vec<PreviewCard>, HashMap<CardId, Returned>)> {
    let contacts = tables.get("contacts").map(|rows| {
        let mut per: HashMap<String, u32> = HashMap::new();
        for r in rows {
            *per.entry(text(r, "card_id")).or_default() += 1;
        }
        per
    });
    let mut out = Vec::new();
    let mut returns = HashMap::new();
    for card in tables.get("cards").into_iter().flatten() {
        let id = text(card, "id");
        let here: bool = conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM cards WHERE id = ?1)")?
            .query_row([&id], |r| r.get(0))?;
        let mut changes = 0;
        let (status, existing, why) = if here {
            let back = give_back::returned(conn, &id, tables)?;
            changes = back.changes();
            // A card the colleague held comes back with their history at least.
            let status = if changes > 0 || !back.history.is_empty() {
                PreviewStatus::Returning
            } else {
                PreviewStatus::AlreadyHere
            };
            returns.insert(CardId::from(id.as_str()), back);
            (status, None, None)
        } else {
            match duplicate_of(conn, card)? {
                Some((existing, why)) => (PreviewStatus::Duplicate, Some(existing), Some(why)),
                None => (PreviewStatus::New, None, None),
            }
        };
        out.push(PreviewCard {
            contacts: contacts
                .as_ref()
                .and_then(|c| c.get(&id))
                .copied()
                .unwrap_or(0),
            card_id: id.into(),
            code: text(card, "code"),
            name: text(card, "name"),
            status,
            existing,
            why,
            changes,
        });
    }
    Ok((out, returns))
}

/// The bundle at `path`, opened with `passphrase` or this ledger's own key and checked.
fn open(
    conn: &Connection,
    path: &Path,
    passphrase: Option<&str>,
) -> Result<bundle::Opened, HandoverError> {
    let identity = super::identity(conn)?;
    bundle::read(
        path,
        &bundle::Opener {
            passphrase,
            identity: Some(identity.age()),
        },
    )
}

/// What taking the bundle at `path` over would do. The bundle is checked whole first.
pub fn preview(
    conn: &Connection,
    path: &Path,
    passphrase: Option<&str>,
) -> Result<HandoverPreview, HandoverError> {
    let bundle::Opened {
        manifest,
        mut tables,
        signer,
    } = open(conn, path, passphrase)?;
    super::fields::match_fields(conn, &mut tables)?;
    let (cards, returns) = cards_of(conn, &tables)?;
    let mut conflicts: Vec<_> = returns.into_values().flat_map(|r| r.conflicts).collect();
    conflicts.sort_by(|a, b| {
        (&a.card_name, &a.table, &a.row, &a.field).cmp(&(&b.card_name, &b.table, &b.row, &b.field))
    });
    Ok(HandoverPreview {
        signer,
        already_taken_over: taken_over(conn, &manifest.bundle_id)?.is_some(),
        cards,
        lent_until: manifest.lent_until.clone(),
        conflicts,
        counts: manifest
            .entries
            .iter()
            .map(|(t, e)| (t.clone(), e.rows))
            .collect(),
        bundle_id: manifest.bundle_id,
        from_owner: manifest.from_owner,
        to_owner: manifest.to_owner,
        made_at: manifest.made_at,
        made_by: manifest.made_by,
    })
}

/// A JSON value as SQLite keeps it; `None` for what no column keeps (lists, objects, booleans).
pub(crate) fn sql_value(value: &serde_json::Value) -> Option<Value> {
    match value {
        serde_json::Value::Null => Some(Value::Null),
        serde_json::Value::Number(n) => n
            .as_i64()
            .map(Value::Integer)
            .or_else(|| n.as_f64().map(Value::Real)),
        serde_json::Value::String(s) => Some(Value::Text(s.clone())),
        _ => None,
    }
}

/// Records a row the take-over inserted.
fn track(
    conn: &Connection,
    take_over_id: &str,
    seq: &mut i64,
    table: &str,
    key: &serde_json::Value,
) -> rusqlite::Result<()> {
    *seq += 1;
    conn.prepare_cached(
        "INSERT INTO take_over_rows (take_over_id, seq, tbl, row_key) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![take_over_id, *seq, table, key.to_string()])?;
    Ok(())
}

/// Inserts `row` into `table` (columns checked against the ledger's); returns whether a row was
/// inserted (a shared catalogue row already there is kept).
fn insert(
    conn: &Connection,
    table: &str,
    row: &BTreeMap<String, serde_json::Value>,
    known: &HashSet<String>,
    or_ignore: bool,
    path: &Path,
) -> Result<bool, HandoverError> {
    let mut names = Vec::new();
    let mut values = Vec::new();
    for (column, value) in row {
        if !known.contains(column) {
            return Err(HandoverError::Corrupt {
                path: path.to_owned(),
                reason: format!("{table}.{column}"),
            });
        }
        names.push(format!("\"{column}\""));
        values.push(sql_value(value).ok_or_else(|| HandoverError::Corrupt {
            path: path.to_owned(),
            reason: format!("{table}.{column}"),
        })?);
    }
    let marks = (1..=values.len())
        .map(|n| format!("?{n}"))
        .collect::<Vec<_>>()
        .join(", ");
    let verb = if or_ignore {
        "INSERT OR IGNORE"
    } else {
        "INSERT"
    };
    let changed = conn
        .execute(
            &format!(
                "{verb} INTO {table} ({}) VALUES ({marks})",
                names.join(", ")
            ),
            rusqlite::params_from_iter(values),
        )
        .map_err(|e| match e.sqlite_error_code() {
            // A value the ledger's own rules refuse (a negative amount, a kind no Daicho
            // writes): the file was altered, and it is said so, not as a storage fault.
            Some(rusqlite::ErrorCode::ConstraintViolation) => HandoverError::Refused {
                code: ["code", "card_id", "id"]
                    .iter()
                    .map(|c| text(row, c))
                    .find(|v| !v.is_empty())
                    .unwrap_or_default(),
                field: table.to_owned(),
                rule: "constraint".into(),
            },
            _ => e.into(),
        })?;
    Ok(changed == 1)
}

/// Takes the bundle at `path` over: one transaction, every inserted row recorded for undo.
/// A bundle already taken over (and not undone) changes nothing.
pub fn take_over(
    conn: &Connection,
    path: &Path,
    request: &TakeOverRequest,
    edit: &Edit<'_>,
) -> Result<TakeOver, HandoverError> {
    let confirmed_by = request.confirmed_by.trim();
    if confirmed_by.is_empty() {
        return Err(HandoverError::Invalid(vec![FieldIssue::new(
            "confirmed_by",
            "required",
        )]));
    }
    let bundle::Opened {
        manifest,
        mut tables,
        signer,
    } = open(conn, path, request.passphrase.as_deref())?;
    // Signed, but by whom: only the ledger whose fingerprint the successor confirmed (from the
    // handover report, or the leaving rep) may hand cards over.
    if request.signer.trim().is_empty() {
        return Err(HandoverError::SignerNotConfirmed {
            path: path.to_owned(),
            found: signer,
        });
    }
    if !crate::crypto::identity::same_fingerprint(&request.signer, &signer) {
        return Err(HandoverError::OtherSigner {
            path: path.to_owned(),
            found: signer,
            expected: request.signer.trim().to_owned(),
        });
    }
    if let Some(id) = taken_over(conn, &manifest.bundle_id)? {
        let mut record = load(conn, &id)?;
        record.applied = false;
        return Ok(record);
    }
    let choices: HashMap<&str, Choice> = request
        .choices
        .iter()
        .map(|CardChoice { card_id, choice }| (card_id.as_str(), *choice))
        .collect();
    // Each bundle card: added (under its own id), merged into an existing card, or skipped.
    let mut target: HashMap<CardId, Option<CardId>> = HashMap::new();
    let (mut added, mut merged, mut skipped) = (0u32, 0u32, 0u32);
    // The cards this ledger has once taken over (for the receipt): all but those left out.
    let mut taken_ids: Vec<CardId> = Vec::new();
    let widen = super::fields::match_fields(conn, &mut tables)?;
    let (cards, mut returns) = cards_of(conn, &tables)?;
    returns.retain(|_, r| r.changes() > 0 || !r.history.is_empty());
    // Every value changed on both sides needs the owner's choice before anything is written.
    let mut chosen = Vec::new();
    let mut open = 0;
    for back in returns.values() {
        let (left, theirs) = give_back::resolve(&back.conflicts, &request.resolutions);
        open += left;
        chosen.extend(theirs);
    }
    if open > 0 {
        return Err(HandoverError::Unresolved { count: open });
    }
    for card in cards {
        if matches!(
            card.status,
            PreviewStatus::AlreadyHere | PreviewStatus::Returning
        ) {
            taken_ids.push(card.card_id.clone());
        }
        let to = match card.status {
            PreviewStatus::AlreadyHere | PreviewStatus::Returning => None,
            PreviewStatus::New => Some(card.card_id.clone()),
            PreviewStatus::Duplicate => match choices
                .get(card.card_id.as_str())
                .copied()
                .unwrap_or(Choice::KeepBoth)
            {
                Choice::Merge => card.existing.as_ref().map(|e| CardId::from(e.id.as_str())),
                Choice::KeepBoth => Some(card.card_id.clone()),
                Choice::Skip => None,
            },
        };
        match &to {
            // Counted as come back, below.
            None if card.status == PreviewStatus::Returning => {}
            None => skipped += 1,
            Some(id) if *id == card.card_id => added += 1,
            Some(_) => merged += 1,
        }
        if to.is_some() {
            taken_ids.push(card.card_id.clone());
        }
        target.insert(card.card_id, to);
    }
    let take_over_id = new_id();
    conn.execute(
        "INSERT INTO take_overs (id, bundle_id, from_owner, to_owner, taken_at, actor, confirmed_by, cards_added,
            cards_merged, cards_skipped, manifest, taken_ids, cards_returned)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            take_over_id,
            manifest.bundle_id,
            manifest.from_owner,
            manifest.to_owner,
            edit.at,
            edit.actor,
            confirmed_by,
            added,
            merged,
            skipped,
            serde_json::to_string(&manifest).unwrap_or_default(),
            serde_json::to_string(&taken_ids).unwrap_or_default(),
            returns.len() as u32
        ],
    )?;
    super::fields::widen_choices(conn, &widen, edit.at)?;
    let mut seq = 0i64;
    // Codes given to cards whose own code is taken advance the ledger's counter: undo puts it back.
    let counter: Option<String> = conn
        .prepare_cached("SELECT value FROM ledger_meta WHERE key = 'next_code'")?
        .query_row([], |r| r.get(0))
        .optional()?;
    track(
        conn,
        &take_over_id,
        &mut seq,
        "ledger_meta",
        &serde_json::json!([counter]),
    )?;
    let mut contacts_in: HashSet<String> = HashSet::new();
    for (table, _) in TABLES {
        let Some(rows) = tables.get(*table) else {
            continue;
        };
        let known: HashSet<String> = tables::columns(conn, table)?.into_iter().collect();
        for row in rows {
            let mut row = row.clone();
            let shared = SHARED.contains(table);
            let mut or_ignore = shared;
            if *table == "cards" {
                let id = text(&row, "id");
                if target.get(id.as_str()).cloned().flatten().as_deref() != Some(id.as_str()) {
                    continue; // merged or skipped: its rows join the survivor or stay out
                }
                let code = text(&row, "code");
                let code_taken: bool = conn
                    .prepare_cached("SELECT EXISTS (SELECT 1 FROM cards WHERE code = ?1)")?
                    .query_row([&code], |r| r.get(0))?;
                if code_taken {
                    row.insert("code".into(), next_code(conn)?.into());
                }
                if !manifest.to_owner.is_empty() {
                    row.insert("owner".into(), manifest.to_owner.clone().into());
                }
            } else if *table == "card_links" {
                // Both ends must come in (or be merged into cards here); a card that already
                // has a link of that kind keeps its own.
                let to = |column: &str| target.get(text(&row, column).as_str()).cloned().flatten();
                let (Some(card), Some(other)) = (to("card_id"), to("other_id")) else {
                    continue;
                };
                if card == other {
                    continue;
                }
                row.insert("card_id".into(), String::from(card).into());
                row.insert("other_id".into(), String::from(other).into());
                or_ignore = true;
            } else if *table == "contact_persons" {
                if !contacts_in.contains(&text(&row, "contact_id")) {
                    continue;
                }
            } else if !shared {
                let card = text(&row, "card_id");
                match target.get(card.as_str()).cloned().flatten() {
                    None => continue,
                    Some(to) => {
                        if to != card {
                            row.insert("card_id".into(), String::from(to).into());
                            // The survivor keeps its own plan, shares and tags where it has them.
                            or_ignore = matches!(
                                *table,
                                "collection_plans"
                                    | "card_shares"
                                    | "card_tags"
                                    | "card_custom_values"
                            );
                        }
                    }
                }
            }
            if !insert(conn, table, &row, &known, or_ignore, path)? {
                continue;
            }
            if *table == "contacts" {
                contacts_in.insert(text(&row, "id"));
            }
            let key = if *table == "card_history" {
                serde_json::json!([conn.last_insert_rowid()])
            } else {
                serde_json::Value::Array(
                    tables::key_columns(table)
                        .iter()
                        .map(|c| row.get(*c).cloned().unwrap_or_default())
                        .collect(),
                )
            };
            track(conn, &take_over_id, &mut seq, table, &key)?;
        }
    }
    bring_back(
        conn,
        &take_over_id,
        &mut seq,
        (&returns, &chosen),
        edit,
        path,
    )?;
    // Everything the bundle brought, checked as if typed: one refused value takes nothing over.
    let touched: Vec<CardId> = target
        .values()
        .flatten()
        .cloned()
        .chain(returns.keys().cloned())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let today =
        chrono::NaiveDate::parse_from_str(edit.at.get(..10).unwrap_or_default(), "%Y-%m-%d")
            .unwrap_or_else(|_| chrono::Local::now().date_naive());
    // Sales from a ledger of before schema 24 come with a paid amount and no payments.
    conn.execute(crate::sales::payments::FROM_PAID_AMOUNTS, [])?;
    super::check::rows(conn, &touched, today)?;
    // Each added card says who it came from and who has it now.
    for card in tables.get("cards").into_iter().flatten() {
        let id = text(card, "id");
        if target.get(id.as_str()).cloned().flatten().as_deref() != Some(id.as_str())
            || manifest.to_owner.is_empty()
        {
            continue;
        }
        let stamp = Stamp {
            card_id: &id,
            at: edit.at,
            actor: edit.actor,
            entity: HistoryEntity::Card,
            entity_id: &id,
            entity_label: "",
        };
        let before = text(card, "owner");
        if before != manifest.to_owner {
            history::record(
                conn,
                &stamp,
                HistoryAction::Changed,
                "owner",
                Some(&before),
                Some(&manifest.to_owner),
            )?;
            track(
                conn,
                &take_over_id,
                &mut seq,
                "card_history",
                &serde_json::json!([conn.last_insert_rowid()]),
            )?;
        }
    }
    load(conn, &take_over_id)
}

/// How a take-over records the values a return replaced: `returned:TABLE`, `[key, old values]`.
const RETURNED: &str = "returned:";

/// Brings back what the cards here already (lent ones given back) bring: their marks go (they
/// are the owner's to edit again), the colleague's rows join them, the values weighed theirs
/// (and the conflicts the owner gave to the colleague) replace the ones here, and the
/// colleague's history comes along. Every step is recorded for undo.
fn bring_back(
    conn: &Connection,
    take_over_id: &str,
    seq: &mut i64,
    (returns, chosen): (&HashMap<CardId, Returned>, &[give_back::Update]),
    edit: &Edit<'_>,
    path: &Path,
) -> Result<(), HandoverError> {
    let mut ids: Vec<&CardId> = returns.keys().collect();
    ids.sort();
    for id in &ids {
        let mark: Option<BTreeMap<String, serde_json::Value>> = {
            let columns = tables::columns(conn, "handed_over")?;
            let list = columns
                .iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", ");
            conn.prepare(&format!(
                "SELECT {list} FROM handed_over WHERE card_id = ?1"
            ))?
            .query_row([id.as_str()], |r| {
                let mut row = BTreeMap::new();
                for (i, c) in columns.iter().enumerate() {
                    row.insert(c.clone(), tables::json_value(r.get_ref(i)?));
                }
                Ok(row)
            })
            .optional()?
        };
        if let Some(mark) = mark {
            track(
                conn,
                take_over_id,
                seq,
                "handed_over",
                &serde_json::Value::Object(mark.into_iter().collect()),
            )?;
            super::marks::unmark(conn, &[(*id).clone()], edit.at, edit.actor)?;
            track(
                conn,
                take_over_id,
                seq,
                "card_history",
                &serde_json::json!([conn.last_insert_rowid()]),
            )?;
        }
    }
    let mut known: HashMap<&str, HashSet<String>> = HashMap::new();
    for id in &ids {
        let back = &returns[*id];
        for (table, row) in &back.inserts {
            if !known.contains_key(table) {
                known.insert(table, tables::columns(conn, table)?.into_iter().collect());
            }
            if insert(conn, table, row, &known[table], false, path)? {
                let key: Vec<serde_json::Value> = tables::key_columns(table)
                    .iter()
                    .map(|c| row.get(*c).cloned().unwrap_or_default())
                    .collect();
                track(
                    conn,
                    take_over_id,
                    seq,
                    table,
                    &serde_json::Value::Array(key),
                )?;
            }
        }
    }
    let updates: Vec<give_back::Update> = ids
        .iter()
        .flat_map(|id| returns[*id].updates.iter().cloned())
        .chain(chosen.iter().cloned())
        .collect();
    for (table, key, old) in give_back::apply(conn, &updates, edit.at)? {
        track(
            conn,
            take_over_id,
            seq,
            &format!("{RETURNED}{table}"),
            &serde_json::json!([key, old]),
        )?;
    }
    let history_columns: HashSet<String> =
        tables::columns(conn, "card_history")?.into_iter().collect();
    for id in &ids {
        for row in &returns[*id].history {
            if insert(conn, "card_history", row, &history_columns, false, path)? {
                track(
                    conn,
                    take_over_id,
                    seq,
                    "card_history",
                    &serde_json::json!([conn.last_insert_rowid()]),
                )?;
            }
        }
    }
    Ok(())
}

fn record(r: &rusqlite::Row<'_>) -> rusqlite::Result<TakeOver> {
    Ok(TakeOver {
        id: r.get(0)?,
        bundle_id: r.get(1)?,
        from_owner: r.get(2)?,
        to_owner: r.get(3)?,
        taken_at: r.get(4)?,
        confirmed_by: r.get(5)?,
        added: r.get(6)?,
        merged: r.get(7)?,
        skipped: r.get(8)?,
        undone_at: r.get(9)?,
        returned: r.get(10)?,
        lent_until: r.get(11)?,
        applied: true,
    })
}

const RECORD: &str = "id, bundle_id, from_owner, to_owner, taken_at, confirmed_by, cards_added, cards_merged, cards_skipped, undone_at, cards_returned,
    json_extract(manifest, '$.lent_until')";

fn load(conn: &Connection, id: &str) -> Result<TakeOver, HandoverError> {
    conn.prepare_cached(&format!("SELECT {RECORD} FROM take_overs WHERE id = ?1"))?
        .query_row([id], record)
        .optional()?
        .ok_or_else(|| HandoverError::TakeOverNotFound { id: id.to_owned() })
}

/// A card this ledger holds for a colleague on leave: whose it is and until when.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Borrowed {
    pub from_owner: String,
    pub until: String,
    pub taken_at: String,
}

/// Whether the card came in a lent file (taken over, not undone), and from whom until when.
pub fn borrowed(conn: &Connection, card_id: &str) -> rusqlite::Result<Option<Borrowed>> {
    conn.prepare_cached(
        "SELECT t.from_owner, json_extract(t.manifest, '$.lent_until'), t.taken_at
         FROM take_overs t JOIN take_over_rows r ON r.take_over_id = t.id
         WHERE r.tbl = 'cards' AND json_extract(r.row_key, '$[0]') = ?1 AND t.undone_at IS NULL
           AND json_extract(t.manifest, '$.lent_until') IS NOT NULL
         ORDER BY t.taken_at DESC LIMIT 1",
    )?
    .query_row([card_id], |r| {
        Ok(Borrowed {
            from_owner: r.get(0)?,
            until: r.get(1)?,
            taken_at: r.get(2)?,
        })
    })
    .optional()
}

/// Every take-over of this ledger, newest first.
pub fn list(conn: &Connection) -> Result<Vec<TakeOver>, HandoverError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {RECORD} FROM take_overs ORDER BY taken_at DESC, id DESC"
    ))?;
    let rows = stmt.query_map([], record)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether a shared catalogue row is still used by anything.
pub(crate) fn still_used(conn: &Connection, table: &str, id: &str) -> rusqlite::Result<bool> {
    let sql = match table {
        "products" => {
            "SELECT EXISTS (SELECT 1 FROM card_products WHERE product_id = ?1) OR EXISTS (SELECT 1 FROM transactions WHERE product_id = ?1)
             OR EXISTS (SELECT 1 FROM case_studies WHERE product_id = ?1) OR EXISTS (SELECT 1 FROM sheet_products WHERE product_id = ?1)
             OR EXISTS (SELECT 1 FROM sheets WHERE our_product_id = ?1)"
        }
        "custom_fields" => "SELECT EXISTS (SELECT 1 FROM card_custom_values WHERE field_id = ?1)",
        _ => "SELECT EXISTS (SELECT 1 FROM products WHERE competitor_id = ?1) OR EXISTS (SELECT 1 FROM notes WHERE competitor_id = ?1)",
    };
    conn.query_row(sql, [id], |r| r.get(0))
}

/// Undoes a take-over in one step: every row it inserted goes, newest first; catalogue rows it
/// brought stay while something else uses them.
pub fn undo(conn: &Connection, id: &str, at: &str) -> Result<TakeOver, HandoverError> {
    let import = load(conn, id)?;
    if import.undone_at.is_some() {
        return Err(HandoverError::AlreadyUndone { id: id.to_owned() });
    }
    let rows: Vec<(String, String)> = conn
        .prepare(
            "SELECT tbl, row_key FROM take_over_rows WHERE take_over_id = ?1 ORDER BY seq DESC",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (table, key) in rows {
        if let Some(table) = table.strip_prefix(RETURNED) {
            let (key, old): (Vec<serde_json::Value>, BTreeMap<String, serde_json::Value>) =
                json::parse(&key)?;
            give_back::restore(conn, table, &key, &old)?;
            continue;
        }
        if table == "handed_over" {
            let mark: BTreeMap<String, serde_json::Value> = json::parse(&key)?;
            let known: HashSet<String> =
                tables::columns(conn, "handed_over")?.into_iter().collect();
            insert(conn, "handed_over", &mark, &known, true, Path::new(""))?;
            continue;
        }
        if table == "ledger_meta" {
            let counter: Vec<Option<String>> = json::parse(&key)?;
            match counter.into_iter().next().flatten() {
                Some(value) => conn.execute(
                    "INSERT INTO ledger_meta (key, value) VALUES ('next_code', ?1) ON CONFLICT (key) DO UPDATE SET value = ?1",
                    [value],
                )?,
                None => conn.execute("DELETE FROM ledger_meta WHERE key = 'next_code'", [])?,
            };
            continue;
        }
        if !TABLES.iter().any(|(t, _)| *t == table) {
            continue;
        }
        let values: Vec<serde_json::Value> = json::parse(&key)?;
        let values: Vec<Value> = values.iter().filter_map(sql_value).collect();
        let columns = tables::key_columns(&table);
        if SHARED.contains(&table.as_str()) {
            let Some(Value::Text(key)) = values.first() else {
                continue;
            };
            if still_used(conn, &table, key)? {
                continue;
            }
        }
        let condition = columns
            .iter()
            .enumerate()
            .map(|(n, c)| format!("{c} = ?{}", n + 1))
            .collect::<Vec<_>>()
            .join(" AND ");
        conn.execute(
            &format!("DELETE FROM {table} WHERE {condition}"),
            rusqlite::params_from_iter(values),
        )?;
    }
    conn.execute(
        "UPDATE take_overs SET undone_at = ?2 WHERE id = ?1",
        params![id, at],
    )?;
    conn.execute("DELETE FROM take_over_rows WHERE take_over_id = ?1", [id])?;
    load(conn, id)
}

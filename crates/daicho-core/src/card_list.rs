//! The card list: filter, sort and a window of rows, so the UI shows 100,000 cards smoothly
//! by asking only for the rows on screen. The text box asks the full-text index (`search`).

use chrono::NaiveDate;
use rusqlite::{types::Value, Connection};
use serde::{Deserialize, Serialize};

use crate::card::{CardKind, CardStatus};
use crate::classify::{Abc, ValueTier};
use crate::contact::ContactKind;
use crate::reading_order::{self, Script};
use crate::sales::AgeBucket;
use crate::search::{card_marks, CardMarks, FtsQuery, Needles};
use crate::text::{like_pattern, normalize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum CardSort {
    #[default]
    Reading,
    /// With a text search, names starting with it first, then names containing it, then the
    /// rest, each in reading order (reading order without a search).
    Relevance,
    Name,
    /// Most recently changed first.
    Updated,
    /// Never contacted first, then the longest since the last contact.
    LastContact,
    /// The least complete first (unclassified cards last).
    Completeness,
    /// The profile left longest without a change first: the cards to review (原則① a card left
    /// untended loses its value).
    UpdatedOldest,
}

api_enum!(
    /// The classification's two lists.
    ClassList { Core = "core", Problem = "problem" }
);

api_enum!(
    /// How long since the last contact, as the list's dot and the Excel list's colour say it.
    ContactCue { Recent = "recent", Ageing = "ageing", Cold = "cold" }
);

/// When a customer not contacted starts getting old and goes cold (Settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContactThresholds {
    pub ageing_days: u32,
    pub cold_days: u32,
}

impl Default for ContactThresholds {
    fn default() -> Self {
        let settings = crate::settings::Settings::default();
        ContactThresholds::of(&settings)
    }
}

impl ContactThresholds {
    pub fn of(settings: &crate::settings::Settings) -> Self {
        ContactThresholds {
            ageing_days: settings.contact_ageing_days,
            cold_days: settings.contact_cold_days,
        }
    }

    /// The cue for `days` since the last contact; a customer never contacted is cold.
    pub fn cue(self, days: Option<u32>) -> ContactCue {
        match days {
            Some(d) if d < self.ageing_days => ContactCue::Recent,
            Some(d) if d < self.cold_days => ContactCue::Ageing,
            _ => ContactCue::Cold,
        }
    }
}

/// Cards with a contact of `kind` (any kind when none) from `from` to `to`, both `YYYY-MM-DD`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ContactedFilter {
    pub from: String,
    pub to: String,
    pub kind: Option<ContactKind>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct CardQuery {
    /// Any part of the name, reading, code, phone (in any format), e-mail or a key person's name.
    pub text: String,
    pub status: Option<CardStatus>,
    pub kind: Option<CardKind>,
    pub tag: Option<String>,
    pub owner: Option<String>,
    /// Cards of this territory only.
    pub territory: Option<String>,
    /// Only cards not contacted for at least this many days (or never).
    pub silent_days: Option<u32>,
    /// Only cards whose profile has not changed for at least this many months.
    pub unchanged_months: Option<u32>,
    /// As last classified.
    pub abc: Option<Abc>,
    pub value_tier: Option<ValueTier>,
    pub list: Option<ClassList>,
    /// The volume grade's label, as last classified.
    pub grade: Option<String>,
    /// Brand loyalty as the rep set it, or as the classification suggests where they did not.
    pub loyalty: Option<crate::card::Loyalty>,
    /// Cards owing money of this age.
    pub receivable_age: Option<AgeBucket>,
    /// Cards with a follow-up past its due date.
    pub overdue_follow_ups: bool,
    /// Cards visited less often than their class asks.
    pub visit_due: bool,
    pub contacted: Option<ContactedFilter>,
    /// Cards by the value of a field of the rep's own.
    pub custom: Option<crate::custom_fields::CustomFilter>,
    pub sort: CardSort,
    /// The reader's language: by reading, names in its own script come first.
    pub reader: Option<crate::i18n::Lang>,
    /// The trash instead of the live cards.
    pub in_trash: bool,
    /// Only these cards (a selection, e.g. to export it).
    pub ids: Option<Vec<String>>,
    pub offset: u32,
    pub limit: u32,
}

/// One line of the card list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardRow {
    pub id: crate::ids::CardId,
    pub code: String,
    pub kind: CardKind,
    pub status: CardStatus,
    pub name: String,
    pub reading: String,
    pub owner: String,
    pub city: String,
    /// The first phone number.
    pub phone: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
    /// Local date and time of the latest contact.
    pub last_contact_at: Option<String>,
    /// Whole days from the latest contact to today.
    pub days_since_contact: Option<u32>,
    /// Recent, getting old or cold, by the thresholds in Settings.
    pub contact_cue: ContactCue,
    /// Complaints not yet resolved.
    pub open_complaints: u32,
    /// As last classified.
    pub abc: Option<Abc>,
    pub value_tier: Option<ValueTier>,
    pub completeness: Option<i32>,
    pub core: bool,
    pub problem: bool,
    /// With a text search: the match marked in the name, reading and code, and where else it was.
    pub marks: Option<CardMarks>,
    /// The values of the fields of the rep's own shown in the list, in their order.
    pub custom: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardPage {
    /// How many cards match, for the scroll height.
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<CardRow>,
}

/// The values the list's filters offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Facets {
    pub owners: Vec<String>,
    pub tags: Vec<String>,
    /// The territories cards are in (the list's filter, the card form's suggestions).
    pub territories: Vec<String>,
    /// The volume grades' labels, lowest band first (Settings: classification).
    pub grades: Vec<String>,
}

/// Most rows one call returns.
pub const MAX_LIMIT: u32 = 1000;

/// The WHERE clause of `query` over `cards LEFT JOIN card_classes k`, its arguments, and its
/// ORDER BY. Shared by the list's windows and by exports, which read every matching card.
pub(crate) struct Selection {
    /// `cards` with its classes as `k` (and, with a text search, its matches as `m`).
    pub from: String,
    /// The same, joining the classes only when the filter or the order reads them: enough to
    /// find which cards match and in what order, through the list's covering indexes.
    pub keys_from: String,
    pub filter: String,
    pub args: Vec<Value>,
    pub order: &'static str,
    /// By reading: the scripts in the reader's order, each a range of `order`'s first key.
    scripts: Option<[Script; 4]>,
}

impl Selection {
    /// The keys of a window of the selection in order, with how many cards it holds. By
    /// reading, the window is taken from each script's range in the reader's order, so that
    /// each part still walks the index; a script's cards are counted only when the window
    /// starts beyond them (a window that finds rows in a script knows where it ended).
    fn window_keys(
        &self,
        conn: &Connection,
        limit: u32,
        offset: u32,
    ) -> rusqlite::Result<(u32, Vec<i64>)> {
        let params = || rusqlite::params_from_iter(&self.args);
        let keys = |sql: String| -> rusqlite::Result<Vec<i64>> {
            conn.prepare(&sql)?
                .query_map(params(), |r| r.get(0))?
                .collect()
        };
        let count = |filter: &str| -> rusqlite::Result<u32> {
            conn.query_row(
                &format!("SELECT count(*) FROM {} WHERE {filter}", self.keys_from),
                params(),
                |r| r.get(0),
            )
        };
        let total = count(&self.filter)?;
        if self.scripts.is_none() {
            return Ok((total, keys(self.window_sql(limit, offset))?));
        }
        let (mut skip, mut out) = (offset, Vec::new());
        for range in self.full_parts() {
            let wanted = limit.saturating_sub(out.len() as u32);
            if wanted == 0 || skip >= total {
                break;
            }
            let part = keys(format!(
                "SELECT cards.rowid FROM {} WHERE {range} ORDER BY {} LIMIT {wanted} OFFSET {skip}",
                self.keys_from, self.order
            ))?;
            // Rows found: the window starts here and takes what follows. None: the window
            // starts after this script's cards, however many they are.
            skip = if part.is_empty() {
                skip - count(&range)?.min(skip)
            } else {
                0
            };
            out.extend(part);
        }
        Ok((total, out))
    }

    /// The WHERE clauses of a read of the whole selection in `order`, one after the other: by
    /// reading, one per script in the reader's order, so that each walks the reading index
    /// instead of every card being sorted by its script's rank (an export, "select all").
    pub fn full_parts(&self) -> Vec<String> {
        match self.scripts {
            Some(scripts) => scripts
                .iter()
                .map(|script| format!("{} AND {}", self.filter, script.range_sql()))
                .collect(),
            None => vec![self.filter.clone()],
        }
    }

    /// The keys (rowids) of a window of the selection, in order.
    fn window_sql(&self, limit: u32, offset: u32) -> String {
        format!(
            "SELECT cards.rowid FROM {} WHERE {} ORDER BY {} LIMIT {limit} OFFSET {offset}",
            self.keys_from, self.filter, self.order
        )
    }
}

const CARDS_WITH_CLASSES: &str = "cards LEFT JOIN card_classes k ON k.card_id = cards.id";

pub(crate) fn selection(
    conn: &Connection,
    query: &CardQuery,
    today: NaiveDate,
) -> rusqlite::Result<Selection> {
    let mut filter = String::from(if query.in_trash {
        "deleted_at IS NOT NULL"
    } else {
        "deleted_at IS NULL"
    });
    let mut args: Vec<Value> = Vec::new();
    // With a text search, each matching card's best tier as `m`.
    let mut matches = String::new();
    let mut searching = false;
    if !query.in_trash && !query.text.trim().is_empty() {
        match FtsQuery::parse(&query.text) {
            Some(fts) => {
                // Every match with its best tier (see `FtsQuery::card_tiers`).
                let tiers: Vec<String> = fts
                    .card_tiers()
                    .into_iter()
                    .enumerate()
                    .map(|(tier, expression)| {
                        args.push(Value::Text(expression));
                        format!(
                            "SELECT rowid AS key, {tier} AS tier FROM card_fts WHERE card_fts MATCH ?{}",
                            args.len()
                        )
                    })
                    .collect();
                matches = format!(
                    " JOIN (SELECT s.source_id AS card_id, min(t.tier) AS tier
                        FROM ({}) t JOIN search_keys s ON s.key = t.key GROUP BY t.key) m
                        ON m.card_id = cards.id",
                    tiers.join(" UNION ALL ")
                );
                searching = true;
            }
            // Typed, but nothing in it can be searched for (only punctuation): nothing matches.
            None => filter.push_str(" AND 0"),
        }
    }
    let mut arg = |filter: &mut String, sql: &str, value: Value| {
        args.push(value);
        filter.push_str(&sql.replace('?', &format!("?{}", args.len())));
    };
    // The trash is left out of the index: it is searched by a scan of its few cards.
    if query.in_trash {
        let text = normalize(query.text.trim());
        if !text.is_empty() {
            let pattern = Value::Text(like_pattern(&text));
            arg(&mut filter, " AND search_text LIKE ? ESCAPE '\\'", pattern);
        }
    }
    if let Some(status) = query.status {
        arg(
            &mut filter,
            " AND status = ?",
            Value::Text(status.as_str().into()),
        );
    }
    if let Some(kind) = query.kind {
        arg(
            &mut filter,
            " AND kind = ?",
            Value::Text(kind.as_str().into()),
        );
    }
    if let Some(territory) = &query.territory {
        arg(
            &mut filter,
            " AND territory = ?",
            Value::Text(territory.clone()),
        );
    }
    if let Some(owner) = &query.owner {
        arg(&mut filter, " AND owner = ?", Value::Text(owner.clone()));
    }
    if let Some(days) = query.silent_days {
        let cutoff = today - chrono::Duration::days(i64::from(days));
        let cutoff = Value::Text(cutoff.format("%Y-%m-%d").to_string());
        arg(
            &mut filter,
            " AND (last_contact_at IS NULL OR last_contact_at < ?)",
            cutoff,
        );
    }
    if let Some(months) = query.unchanged_months {
        let cutoff = today
            .checked_sub_months(chrono::Months::new(months))
            .unwrap_or(today);
        // `updated_at` is a UTC timestamp: its day is compared with the local cutoff day.
        arg(
            &mut filter,
            " AND updated_at < ?",
            Value::Text(cutoff.format("%Y-%m-%d").to_string()),
        );
    }
    if let Some(ids) = &query.ids {
        let list = serde_json::to_string(ids).unwrap_or_default();
        arg(
            &mut filter,
            " AND cards.id IN (SELECT value FROM json_each(?))",
            Value::Text(list),
        );
    }
    if let Some(tag) = &query.tag {
        arg(
            &mut filter,
            " AND id IN (SELECT card_id FROM card_tags WHERE tag = ?)",
            Value::Text(tag.clone()),
        );
    }
    let filter_reads_classes = class_filters(conn, query, today, &mut filter, &mut args)?;
    // Each order is a walk of one of the list's covering indexes (migrations 0009 and 0014,
    // which also gives each order an index led by the status), so that a window deep in
    // 100,000 cards reads no table rows it skips. SQLite puts NULL first: cards never contacted
    // come first by last contact; cards never classified come last by completeness.
    let by_reading = match query.sort {
        CardSort::Reading => true,
        CardSort::Relevance => !searching,
        _ => false,
    };
    let order = match query.sort {
        CardSort::Relevance if searching => "m.tier, sort_key, name, id",
        CardSort::Reading | CardSort::Relevance => "sort_key, name, id",
        CardSort::Name => "name, id",
        CardSort::Updated => "updated_at DESC, id DESC",
        CardSort::UpdatedOldest => "updated_at, id",
        CardSort::LastContact => "last_contact_at, sort_key, name, id",
        CardSort::Completeness => "cards.completeness IS NULL, cards.completeness, sort_key, id",
    };
    let keys_base = if filter_reads_classes {
        CARDS_WITH_CLASSES
    } else {
        "cards"
    };
    Ok(Selection {
        from: format!("{CARDS_WITH_CLASSES}{matches}"),
        keys_from: format!("{keys_base}{matches}"),
        filter,
        args,
        order,
        scripts: by_reading.then(|| reading_order::scripts_for(query.reader)),
    })
}

/// How SQLite finds a window of `query` (EXPLAIN QUERY PLAN, one line per step): the list's
/// invariant that a deep window walks a covering index, for the tests that keep it.
pub fn window_plan(
    conn: &Connection,
    query: &CardQuery,
    today: NaiveDate,
) -> rusqlite::Result<Vec<String>> {
    let mut s = selection(conn, query, today)?;
    // By reading, each script's part of a window is read alike: the first's stands for all.
    if let Some(scripts) = s.scripts {
        s.filter = format!("{} AND {}", s.filter, scripts[0].range_sql());
    }
    conn.prepare(&format!("EXPLAIN QUERY PLAN {}", s.window_sql(200, 50_000)))?
        .query_map(rusqlite::params_from_iter(&s.args), |r| {
            r.get::<_, String>(3)
        })?
        .collect()
}

/// `today` is the user's local date: "days since the last contact" counts from it.
pub fn list(
    conn: &Connection,
    query: &CardQuery,
    today: NaiveDate,
    thresholds: ContactThresholds,
) -> rusqlite::Result<CardPage> {
    let s = selection(conn, query, today)?;
    let limit = query.limit.clamp(1, MAX_LIMIT);
    // First the window's cards, in order, from the index alone; then only their rows.
    let (total, keys) = s.window_keys(conn, limit, query.offset)?;
    let mut stmt = conn.prepare_cached(
        "SELECT cards.id, code, kind, status, name, reading, owner, city,
            coalesce(json_extract(phones, '$[0]'), ''), updated_at, deleted_at, last_contact_at,
            (SELECT count(*) FROM contacts c WHERE c.card_id = cards.id AND c.complaint_state IN ('open', 'in_progress')),
            k.abc, k.value_tier, k.completeness, coalesce(k.core, 0), coalesce(k.problem, 0)
         FROM json_each(?1) w CROSS JOIN cards ON cards.rowid = w.value
            LEFT JOIN card_classes k ON k.card_id = cards.id
         ORDER BY w.key",
    )?;
    let window = serde_json::to_string(&keys).unwrap_or_default();
    let rows = stmt
        .query_map([window], |r| {
            let days = days_since(r.get::<_, Option<String>>(11)?.as_deref(), today);
            Ok(CardRow {
                id: r.get(0)?,
                code: r.get(1)?,
                kind: CardKind::parse(&r.get::<_, String>(2)?).unwrap_or(CardKind::Organisation),
                status: CardStatus::parse(&r.get::<_, String>(3)?).unwrap_or(CardStatus::Prospect),
                name: r.get(4)?,
                reading: r.get(5)?,
                owner: r.get(6)?,
                city: r.get(7)?,
                phone: r.get(8)?,
                updated_at: r.get(9)?,
                deleted_at: r.get(10)?,
                days_since_contact: days,
                contact_cue: thresholds.cue(days),
                last_contact_at: r.get(11)?,
                open_complaints: r.get(12)?,
                abc: r
                    .get::<_, Option<String>>(13)?
                    .as_deref()
                    .and_then(Abc::parse),
                value_tier: r
                    .get::<_, Option<String>>(14)?
                    .as_deref()
                    .and_then(ValueTier::parse),
                completeness: r.get(15)?,
                core: r.get(16)?,
                problem: r.get(17)?,
                marks: None,
                custom: Vec::new(),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut rows = rows;
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let mut custom = crate::custom_fields::store::list_columns(conn, &ids)?;
    for row in &mut rows {
        row.custom = custom.remove(row.id.as_str()).unwrap_or_default();
    }
    // The rows on screen show what matched.
    let rows = match FtsQuery::parse(&query.text).filter(|_| !query.in_trash) {
        Some(fts) => {
            let needles = Needles::new(&query.text, fts.phone_digits.as_deref());
            rows.into_iter()
                .map(|mut row| {
                    row.marks = Some(card_marks(
                        conn,
                        &row.id,
                        &row.name,
                        &row.reading,
                        &row.code,
                        &needles,
                    )?);
                    Ok(row)
                })
                .collect::<rusqlite::Result<_>>()?
        }
        None => rows,
    };
    Ok(CardPage {
        total,
        offset: query.offset,
        rows,
    })
}

fn day(d: NaiveDate) -> Value {
    Value::Text(d.format("%Y-%m-%d").to_string())
}

/// The filters the dashboard's charts set: classes, lists, receivables, follow-ups, visits,
/// contacts. Returns whether they read the classes (`k`), which the query must then join.
fn class_filters(
    conn: &Connection,
    query: &CardQuery,
    today: NaiveDate,
    filter: &mut String,
    args: &mut Vec<Value>,
) -> rusqlite::Result<bool> {
    // Each `?` in `sql` takes the next value and its number.
    let mut arg = |filter: &mut String, sql: &str, values: Vec<Value>| {
        let mut parts = sql.split('?');
        filter.push_str(parts.next().unwrap_or_default());
        for (part, value) in parts.zip(values) {
            args.push(value);
            filter.push_str(&format!("?{}{part}", args.len()));
        }
    };
    let reads_classes = query.abc.is_some()
        || query.value_tier.is_some()
        || query.list.is_some()
        || query.grade.is_some()
        || query.loyalty.is_some()
        || query.visit_due;
    if let Some(grade) = &query.grade {
        arg(filter, " AND k.grade = ?", vec![Value::Text(grade.clone())]);
    }
    if let Some(loyalty) = query.loyalty {
        arg(
            filter,
            " AND coalesce(cards.loyalty, k.loyalty_hint) = ?",
            vec![Value::Text(loyalty.as_str().into())],
        );
    }
    if let Some(abc) = query.abc {
        arg(
            filter,
            " AND k.abc = ?",
            vec![Value::Text(abc.as_str().into())],
        );
    }
    if let Some(tier) = query.value_tier {
        arg(
            filter,
            " AND k.value_tier = ?",
            vec![Value::Text(tier.as_str().into())],
        );
    }
    match query.list {
        Some(ClassList::Core) => filter.push_str(" AND k.core = 1"),
        Some(ClassList::Problem) => filter.push_str(" AND k.problem = 1"),
        None => {}
    }
    if let Some(age) = query.receivable_age {
        let ago = |days: i64| day(today - chrono::Duration::days(days));
        let open = " AND cards.id IN (SELECT card_id FROM transactions WHERE kind = 'sale' AND paid_amount < amount";
        match age {
            AgeBucket::NotDue => arg(
                filter,
                &format!("{open} AND (due_on IS NULL OR due_on >= ?))"),
                vec![day(today)],
            ),
            AgeBucket::Over90 => arg(filter, &format!("{open} AND due_on < ?)"), vec![ago(90)]),
            bucket => {
                let (near, far) = match bucket {
                    AgeBucket::Days1To30 => (1, 30),
                    AgeBucket::Days31To60 => (31, 60),
                    _ => (61, 90),
                };
                arg(
                    filter,
                    &format!("{open} AND due_on BETWEEN ? AND ?)"),
                    vec![ago(far), ago(near)],
                );
            }
        }
    }
    if query.overdue_follow_ups {
        arg(
            filter,
            " AND cards.id IN (SELECT card_id FROM contacts INDEXED BY contacts_open_actions
                WHERE next_action_due IS NOT NULL AND next_action_due < ? AND next_action_done_at IS NULL)",
            vec![day(today)],
        );
    }
    if query.visit_due {
        let every = crate::classify::config::load(conn)
            .map(|c| c.visit_every_days)
            .unwrap_or_default();
        let (due, values) = every.due_sql("cards", "k", today);
        arg(filter, &format!(" AND {due}"), values);
    }
    if let Some(c) = &query.contacted {
        let from = NaiveDate::parse_from_str(&c.from, "%Y-%m-%d").unwrap_or(today);
        let to = NaiveDate::parse_from_str(&c.to, "%Y-%m-%d").unwrap_or(today);
        // Contacts are stamped with local date and time: the day after `to` bounds the range.
        let mut values = vec![day(from), day(to + chrono::Duration::days(1))];
        let mut sql =
            " AND cards.id IN (SELECT card_id FROM contacts WHERE at >= ? AND at < ?".to_owned();
        if let Some(kind) = c.kind {
            sql.push_str(" AND kind = ?");
            values.push(Value::Text(kind.as_str().into()));
        }
        sql.push(')');
        arg(filter, &sql, values);
    }
    if let Some(c) = &query.custom {
        let (sql, values) = custom_filter(conn, c)?;
        arg(filter, &sql, values);
    }
    Ok(reads_classes)
}

/// The condition of the list's filter by a field of the rep's own (see [`CustomFilter`]): a
/// walk of the values' index for the field.
///
/// [`CustomFilter`]: crate::custom_fields::CustomFilter
fn custom_filter(
    conn: &Connection,
    c: &crate::custom_fields::CustomFilter,
) -> rusqlite::Result<(String, Vec<Value>)> {
    use crate::custom_fields::{value, CustomFieldKind as K};
    let field = match crate::custom_fields::store::get(conn, &c.field_id) {
        Ok(f) => f,
        // A field deleted since the filter was set: nothing has a value for it.
        Err(_) => return Ok((" AND 0".to_owned(), Vec::new())),
    };
    let mut sql =
        " AND cards.id IN (SELECT card_id FROM card_custom_values WHERE field_id = ?".to_owned();
    let mut values = vec![Value::Text(field.id.to_string())];
    let (from, to) = (c.value.trim(), c.to.trim());
    match field.kind {
        K::Text if !from.is_empty() => {
            // Compared as the search compares text (width, case, kana).
            sql.push_str(" AND daicho_normalize(value) LIKE ? ESCAPE '\\'");
            values.push(Value::Text(like_pattern(&normalize(from))));
        }
        K::Choice if !from.is_empty() => {
            sql.push_str(" AND value = ?");
            values.push(Value::Text(from.to_owned()));
        }
        K::Number => {
            for (bound, op) in [(from, ">="), (to, "<=")] {
                if let Some(n) = value::number(bound) {
                    sql.push_str(&format!(" AND CAST(value AS REAL) {op} ?"));
                    values.push(Value::Real(n.parse().unwrap_or_default()));
                }
            }
        }
        K::Date => {
            for (bound, op) in [(from, ">="), (to, "<=")] {
                if let Ok(Some(d)) = value::stored(K::Date, &[], bound) {
                    sql.push_str(&format!(" AND value {op} ?"));
                    values.push(Value::Text(d));
                }
            }
        }
        K::Text | K::Choice => {}
    }
    sql.push(')');
    Ok((sql, values))
}

/// The owners of live cards, each found by a jump along the owner index to the next one (a
/// handful of reps over 100,000 cards: a whole-index DISTINCT read every card's entry).
pub const FACET_OWNERS: &str = "WITH RECURSIVE o(owner) AS (
        SELECT (SELECT min(owner) FROM cards INDEXED BY cards_owner WHERE owner > '')
        UNION ALL
        SELECT (SELECT min(owner) FROM cards INDEXED BY cards_owner WHERE owner > o.owner)
        FROM o WHERE o.owner IS NOT NULL)
    SELECT owner FROM o WHERE owner IS NOT NULL
        AND EXISTS (SELECT 1 FROM cards INDEXED BY cards_owner WHERE cards.owner = o.owner AND deleted_at IS NULL)";

/// The tags in use, each found by a jump along the tag index to the next one.
pub const FACET_TAGS: &str = "WITH RECURSIVE t(tag) AS (
        SELECT (SELECT min(tag) FROM card_tags)
        UNION ALL
        SELECT (SELECT min(tag) FROM card_tags WHERE tag > t.tag) FROM t WHERE t.tag IS NOT NULL)
    SELECT tag FROM t WHERE tag IS NOT NULL";

pub fn facets(conn: &Connection) -> rusqlite::Result<Facets> {
    let strings = |sql: &str| -> rusqlite::Result<Vec<String>> {
        conn.prepare(sql)?.query_map([], |r| r.get(0))?.collect()
    };
    Ok(Facets {
        owners: strings(FACET_OWNERS)?,
        tags: strings(FACET_TAGS)?,
        // From the territory index alone; a territory only cards in the trash have is still
        // one the rep typed.
        territories: strings(
            "SELECT DISTINCT territory FROM cards INDEXED BY cards_territory WHERE territory <> '' ORDER BY territory",
        )?,
        grades: crate::classify::config::load(conn)
            .map(|c| c.grades.into_iter().map(|g| g.label).collect())
            .unwrap_or_default(),
    })
}

/// Whole days from a contact's local `YYYY-MM-DD…` to `today`.
pub(crate) fn days_since(at: Option<&str>, today: NaiveDate) -> Option<u32> {
    let day = NaiveDate::parse_from_str(at?.get(..10)?, "%Y-%m-%d").ok()?;
    Some(u32::try_from((today - day).num_days()).unwrap_or(0))
}

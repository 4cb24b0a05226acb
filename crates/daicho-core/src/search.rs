//! The card list: filter, sort and a window of rows, so the UI shows 100,000 cards smoothly
//! by asking only for the rows on screen. The text search is a simple scan over a normalised
//! haystack per card (name, reading, code, phones as written and as digits, e-mail, key persons).

use chrono::NaiveDate;
use rusqlite::{types::Value, Connection};
use serde::{Deserialize, Serialize};

use crate::card::{CardKind, CardStatus};
use crate::text::{digits, like_pattern, normalize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum CardSort {
    #[default]
    Reading,
    Name,
    /// Most recently changed first.
    Updated,
    /// Never contacted first, then the longest since the last contact.
    LastContact,
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
    /// Only cards not contacted for at least this many days (or never).
    pub silent_days: Option<u32>,
    pub sort: CardSort,
    /// The trash instead of the live cards.
    pub in_trash: bool,
    pub offset: u32,
    pub limit: u32,
}

/// One line of the card list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardRow {
    pub id: String,
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
    /// Complaints not yet resolved.
    pub open_complaints: u32,
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
}

/// Most rows one call returns.
pub const MAX_LIMIT: u32 = 1000;

/// `today` is the user's local date: "days since the last contact" counts from it.
pub fn list(conn: &Connection, query: &CardQuery, today: NaiveDate) -> rusqlite::Result<CardPage> {
    let mut filter = String::from(if query.in_trash {
        "deleted_at IS NOT NULL"
    } else {
        "deleted_at IS NULL"
    });
    let mut args: Vec<Value> = Vec::new();
    let mut arg = |filter: &mut String, sql: &str, value: Value| {
        args.push(value);
        filter.push_str(&sql.replace('?', &format!("?{}", args.len())));
    };
    let text = normalize(query.text.trim());
    if !text.is_empty() {
        let number = digits(&text);
        // A query made only of a phone number's characters also matches the bare digits.
        let phone_like = number.len() >= 2
            && text
                .chars()
                .all(|c| c.is_ascii_digit() || " -+().".contains(c));
        if phone_like && number != text {
            arg(
                &mut filter,
                " AND (search_text LIKE ? ESCAPE '\\'",
                Value::Text(like_pattern(&text)),
            );
            arg(
                &mut filter,
                " OR search_text LIKE ? ESCAPE '\\')",
                Value::Text(like_pattern(&number)),
            );
        } else {
            arg(
                &mut filter,
                " AND search_text LIKE ? ESCAPE '\\'",
                Value::Text(like_pattern(&text)),
            );
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
    if let Some(tag) = &query.tag {
        arg(
            &mut filter,
            " AND id IN (SELECT card_id FROM card_tags WHERE tag = ?)",
            Value::Text(tag.clone()),
        );
    }
    let total: u32 = conn.query_row(
        &format!("SELECT count(*) FROM cards WHERE {filter}"),
        rusqlite::params_from_iter(&args),
        |r| r.get(0),
    )?;
    let order = match query.sort {
        CardSort::Reading => "sort_key, name, id",
        CardSort::Name => "name, id",
        CardSort::Updated => "updated_at DESC, id",
        CardSort::LastContact => "last_contact_at IS NOT NULL, last_contact_at, sort_key, id",
    };
    let limit = query.limit.clamp(1, MAX_LIMIT);
    let sql = format!(
        "SELECT id, code, kind, status, name, reading, owner, city, coalesce(json_extract(phones, '$[0]'), ''),
            updated_at, deleted_at, last_contact_at,
            (SELECT count(*) FROM contacts c WHERE c.card_id = cards.id AND c.complaint_state IN ('open', 'in_progress'))
         FROM cards WHERE {filter} ORDER BY {order} LIMIT {limit} OFFSET {}",
        query.offset
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(&args), |r| {
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
                days_since_contact: r
                    .get::<_, Option<String>>(11)?
                    .as_deref()
                    .and_then(|at| NaiveDate::parse_from_str(at.get(..10)?, "%Y-%m-%d").ok())
                    .map(|day| u32::try_from((today - day).num_days()).unwrap_or(0)),
                last_contact_at: r.get(11)?,
                open_complaints: r.get(12)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(CardPage {
        total,
        offset: query.offset,
        rows,
    })
}

pub fn facets(conn: &Connection) -> rusqlite::Result<Facets> {
    let strings = |sql: &str| -> rusqlite::Result<Vec<String>> {
        conn.prepare(sql)?.query_map([], |r| r.get(0))?.collect()
    };
    Ok(Facets {
        owners: strings("SELECT DISTINCT owner FROM cards WHERE owner <> '' AND deleted_at IS NULL ORDER BY owner")?,
        tags: strings("SELECT DISTINCT tag FROM card_tags ORDER BY tag")?,
    })
}

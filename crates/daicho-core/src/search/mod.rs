//! One search box for everything: cards (name, reading, code, phones, e-mail, address, tags, key
//! persons), contact texts and intelligence notes, through SQLite's FTS5 (`terms` says what the
//! index holds; migration 0007 keeps it in step). Results come grouped, the matching part marked.

pub(crate) mod deferred;
pub mod highlight;
pub mod terms;

use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::card::{CardKind, CardStatus};
use crate::contact::ContactKind;
use crate::db::json::Json;
use crate::notes::NoteCategory;
pub use highlight::{Needles, Segment};
pub use terms::FtsQuery;

/// Registers the functions the index triggers and migrations call; every connection to a ledger
/// needs them.
pub fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8
        | FunctionFlags::SQLITE_DETERMINISTIC
        | FunctionFlags::SQLITE_INNOCUOUS;
    conn.create_scalar_function("daicho_index_text", -1, flags, |ctx| {
        Ok(terms::index_text(
            text_args(ctx)?.iter().map(String::as_str),
        ))
    })?;
    conn.create_scalar_function("daicho_phone_text", -1, flags, |ctx| {
        Ok(terms::phone_text(
            text_args(ctx)?.iter().map(String::as_str),
        ))
    })?;
    conn.create_scalar_function("daicho_sort_key", 2, flags, |ctx| {
        let args = text_args(ctx)?;
        Ok(crate::names::sort_key(
            args.first().map_or("", String::as_str),
            args.get(1).map_or("", String::as_str),
        ))
    })?;
    // Text compared as the search compares it (the list's filter by a field of the rep's own).
    conn.create_scalar_function("daicho_normalize", 1, flags, |ctx| {
        let args = text_args(ctx)?;
        Ok(crate::text::normalize(
            args.first().map_or("", String::as_str),
        ))
    })
}

fn text_args(ctx: &Context<'_>) -> rusqlite::Result<Vec<String>> {
    (0..ctx.len())
        .map(|i| ctx.get::<Option<String>>(i).map(Option::unwrap_or_default))
        .collect()
}

/// How many results of each group a search returns at most.
pub const MAX_LIMIT: u32 = 200;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SearchResults {
    pub cards: Vec<CardHit>,
    pub contacts: Vec<ContactHit>,
    pub notes: Vec<NoteHit>,
    /// Whether a group has more results than were returned.
    pub more_cards: bool,
    pub more_contacts: bool,
    pub more_notes: bool,
}

/// A card found, best first: its name and reading marked, and where else it matched when not
/// in those.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardHit {
    pub id: crate::ids::CardId,
    pub code: String,
    pub kind: CardKind,
    pub status: CardStatus,
    pub owner: String,
    pub name: Vec<Segment>,
    pub reading: Vec<Segment>,
    pub code_marked: Vec<Segment>,
    pub matched: Option<MatchedField>,
}

/// The field a card matched in, by its field label key (`phones`, `email`, `address`, `tags`,
/// `key_persons`, `industry`, `website`, `notes`), with the matching part.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MatchedField {
    pub field: String,
    pub text: Vec<Segment>,
}

/// A contact whose text matched, newest entered first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ContactHit {
    pub id: crate::ids::ContactId,
    pub card_id: crate::ids::CardId,
    pub card_name: String,
    pub kind: ContactKind,
    pub at: String,
    pub snippet: Vec<Segment>,
}

/// An intelligence note whose text matched, newest entered first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NoteHit {
    pub id: crate::ids::NoteId,
    pub card_id: crate::ids::CardId,
    pub card_name: String,
    pub category: NoteCategory,
    pub noted_on: String,
    pub snippet: Vec<Segment>,
}

/// Letters of context shown around a match in a contact or note.
const SNIPPET_WIDTH: usize = 60;

/// Searches cards, contacts and notes for `query`, at most `limit` of each (capped at
/// [`MAX_LIMIT`]). A query with nothing searchable in it finds nothing.
pub fn search(conn: &Connection, query: &str, limit: u32) -> rusqlite::Result<SearchResults> {
    let Some(fts) = FtsQuery::parse(query) else {
        return Ok(SearchResults::default());
    };
    let limit = limit.clamp(1, MAX_LIMIT);
    let needles = Needles::new(query, fts.phone_digits.as_deref());
    let (cards, more_cards) = card_hits(conn, &fts, &needles, limit)?;
    let (contacts, more_contacts) = match fts.text_match() {
        Some(m) => contact_hits(conn, &m, &needles, limit)?,
        None => (Vec::new(), false),
    };
    let (notes, more_notes) = match fts.text_match() {
        Some(m) => note_hits(conn, &m, &needles, limit)?,
        None => (Vec::new(), false),
    };
    Ok(SearchResults {
        cards,
        contacts,
        notes,
        more_cards,
        more_contacts,
        more_notes,
    })
}

/// How many of a tier's newest matches are ranked: enough for every query but the most common
/// words (株式会社, a legal form in half the ledger), whose matches are all alike anyway; this
/// keeps the box quick however many cards match.
pub const RANKED_PER_TIER: u32 = 200;

/// The ids of the best `limit` cards: tier by tier (`FtsQuery::card_tiers`), each tier's newest
/// matches ranked by bm25 (name above phone above the rest), a card counted once.
pub fn best_cards(conn: &Connection, fts: &FtsQuery, limit: u32) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.source_id FROM (SELECT rowid AS key, rank FROM card_fts WHERE card_fts MATCH ?1
               ORDER BY rowid DESC LIMIT ?2) f
         JOIN search_keys s ON s.key = f.key ORDER BY f.rank, f.key DESC",
    )?;
    let mut ids: Vec<String> = Vec::new();
    for tier in fts.card_tiers() {
        let found = stmt.query_map(params![tier, RANKED_PER_TIER], |r| r.get::<_, String>(0))?;
        for id in found {
            let id = id?;
            if !ids.contains(&id) {
                ids.push(id);
            }
            if ids.len() >= limit as usize {
                return Ok(ids);
            }
        }
    }
    Ok(ids)
}

fn card_hits(
    conn: &Connection,
    fts: &FtsQuery,
    needles: &Needles,
    limit: u32,
) -> rusqlite::Result<(Vec<CardHit>, bool)> {
    let ids = best_cards(conn, fts, limit + 1)?;
    let mut stmt = conn.prepare_cached(
        "SELECT code, kind, status, owner, name, reading FROM cards WHERE id = ?1",
    )?;
    let mut hits = Vec::new();
    for id in ids {
        let Some(hit) = stmt
            .query_row([&id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                ))
            })
            .optional()?
        else {
            continue;
        };
        let (code, kind, status, owner, name, reading) = hit;
        let marks = card_marks(conn, &id, &name, &reading, &code, needles)?;
        hits.push(CardHit {
            kind: CardKind::parse(&kind).unwrap_or(CardKind::Organisation),
            status: CardStatus::parse(&status).unwrap_or(CardStatus::Prospect),
            owner,
            name: marks.name,
            reading: marks.reading,
            code_marked: marks.code,
            matched: marks.matched,
            code,
            id: id.into(),
        });
    }
    let more = hits.len() > limit as usize;
    hits.truncate(limit as usize);
    Ok((hits, more))
}

/// A found card's name, reading and code with the match marked, and where else it matched
/// when not in those.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardMarks {
    pub name: Vec<Segment>,
    pub reading: Vec<Segment>,
    pub code: Vec<Segment>,
    pub matched: Option<MatchedField>,
}

pub fn card_marks(
    conn: &Connection,
    card_id: &str,
    name: &str,
    reading: &str,
    code: &str,
    needles: &Needles,
) -> rusqlite::Result<CardMarks> {
    let in_name = needles.matches(name) || needles.matches(reading) || needles.matches(code);
    Ok(CardMarks {
        name: needles.mark(name),
        reading: needles.mark(reading),
        code: needles.mark(code),
        matched: if in_name {
            None
        } else {
            matched_elsewhere(conn, card_id, needles)?
        },
    })
}

/// The first of the card's other fields that shows the match.
fn matched_elsewhere(
    conn: &Connection,
    card_id: &str,
    needles: &Needles,
) -> rusqlite::Result<Option<MatchedField>> {
    let mut stmt = conn.prepare_cached(
        "SELECT phones, email, trim(postal_code || ' ' || region || city || ' ' || street || ' ' || building),
                (SELECT group_concat(tag, '、') FROM card_tags WHERE card_id = c.id), industry, website, notes
         FROM cards c WHERE id = ?1",
    )?;
    let Some(fields) = stmt
        .query_row([card_id], |r| {
            let phones: Vec<String> = r.get::<_, Json<Vec<String>>>(0)?.0;
            Ok([
                ("phones", phones.join(" / ")),
                ("email", r.get(1)?),
                ("address", r.get(2)?),
                ("tags", r.get::<_, Option<String>>(3)?.unwrap_or_default()),
                ("industry", r.get(4)?),
                ("website", r.get(5)?),
                ("notes", r.get(6)?),
            ])
        })
        .optional()?
    else {
        return Ok(None);
    };
    let persons = ("key_persons", key_person_text(conn, card_id)?);
    Ok(fields
        .into_iter()
        .chain(std::iter::once(persons))
        .find(|(_, text)| needles.matches(text))
        .map(|(field, text)| MatchedField {
            field: field.to_owned(),
            text: needles.snippet(&text, SNIPPET_WIDTH),
        }))
}

/// The card's key persons as the search box shows them: "Michael Smith (Smith Michael) ·
/// Purchasing · Purchasing Manager", each person's fields apart, the reading only where it is
/// not the name itself, persons apart by " / ".
fn key_person_text(conn: &Connection, card_id: &str) -> rusqlite::Result<String> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, reading, department, title, phone, email FROM key_persons
         WHERE card_id = ?1 ORDER BY rowid",
    )?;
    let persons = stmt.query_map([card_id], |r| {
        let field = |i: usize| -> rusqlite::Result<String> {
            Ok(r.get::<_, Option<String>>(i)?
                .unwrap_or_default()
                .trim()
                .to_owned())
        };
        let name = field(0)?;
        let reading = field(1)?;
        let mut parts = Vec::new();
        match (name.is_empty(), reading.is_empty() || reading == name) {
            (false, false) => parts.push(format!("{name} ({reading})")),
            (false, true) => parts.push(name),
            (true, false) => parts.push(reading),
            (true, true) => {}
        }
        for i in 2..=5 {
            let value = field(i)?;
            if !value.is_empty() {
                parts.push(value);
            }
        }
        Ok(parts.join(" · "))
    })?;
    let persons = persons.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(persons.join(" / "))
}

fn contact_hits(
    conn: &Connection,
    fts_match: &str,
    needles: &Needles,
    limit: u32,
) -> rusqlite::Result<(Vec<ContactHit>, bool)> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.id, t.card_id, c.name, t.kind, t.at, t.purpose, t.content, t.outcome, t.reaction,
                t.next_action, coalesce(json_extract(t.complaint, '$.action_taken'), ''),
                coalesce(json_extract(t.negotiation, '$.stage'), ''), t.rep
         FROM (SELECT rowid AS key FROM contact_fts WHERE contact_fts MATCH ?1
               ORDER BY rowid DESC LIMIT ?2) f
         JOIN search_keys k ON k.key = f.key JOIN contacts t ON t.id = k.source_id
         JOIN cards c ON c.id = t.card_id
         ORDER BY f.key DESC",
    )?;
    let mut hits = Vec::new();
    let mut rows = stmt.query(params![fts_match, limit + 1])?;
    while let Some(r) = rows.next()? {
        let texts = (5..=11)
            .map(|i| r.get::<_, String>(i))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let rep: String = r.get(12)?;
        hits.push(ContactHit {
            id: r.get(0)?,
            card_id: r.get(1)?,
            card_name: r.get(2)?,
            kind: ContactKind::parse(&r.get::<_, String>(3)?).unwrap_or(ContactKind::Other),
            at: r.get(4)?,
            snippet: best_snippet(needles, &texts, Some(&rep)),
        });
    }
    let more = hits.len() > limit as usize;
    hits.truncate(limit as usize);
    Ok((hits, more))
}

fn note_hits(
    conn: &Connection,
    fts_match: &str,
    needles: &Needles,
    limit: u32,
) -> rusqlite::Result<(Vec<NoteHit>, bool)> {
    let mut stmt = conn.prepare_cached(
        "SELECT n.id, n.card_id, c.name, n.category, n.noted_on, n.content, n.source_who,
                n.source_where, n.how_to_use, n.find_out_next, n.judgement
         FROM (SELECT rowid AS key FROM note_fts WHERE note_fts MATCH ?1
               ORDER BY rowid DESC LIMIT ?2) f
         JOIN search_keys k ON k.key = f.key JOIN notes n ON n.id = k.source_id
         JOIN cards c ON c.id = n.card_id
         ORDER BY f.key DESC",
    )?;
    let mut hits = Vec::new();
    let mut rows = stmt.query(params![fts_match, limit + 1])?;
    while let Some(r) = rows.next()? {
        let texts = (5..=10)
            .map(|i| r.get::<_, String>(i))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        hits.push(NoteHit {
            id: r.get(0)?,
            card_id: r.get(1)?,
            card_name: r.get(2)?,
            category: NoteCategory::parse(&r.get::<_, String>(3)?).unwrap_or(NoteCategory::Other),
            noted_on: r.get(4)?,
            snippet: best_snippet(needles, &texts, None),
        });
    }
    let more = hits.len() > limit as usize;
    hits.truncate(limit as usize);
    Ok((hits, more))
}

/// The snippet of the first text that shows the match (or of the first text that has any).
/// A match only in who wrote it (a contact's rep) shows the author before the text.
fn best_snippet(needles: &Needles, body: &[String], author: Option<&str>) -> Vec<Segment> {
    let first_text = || body.iter().find(|t| !t.is_empty()).map(String::as_str);
    if let Some(text) = body.iter().find(|t| needles.matches(t)) {
        return needles.snippet(text, SNIPPET_WIDTH);
    }
    match author.filter(|a| needles.matches(a)) {
        Some(author) => {
            let mut out = needles.mark(author);
            if let Some(text) = first_text() {
                out.push(Segment {
                    text: " — ".into(),
                    hit: false,
                });
                out.extend(needles.snippet(text, SNIPPET_WIDTH));
            }
            out
        }
        None => needles.snippet(first_text().unwrap_or_default(), SNIPPET_WIDTH),
    }
}

//! Likely duplicates: the same code, or the same company name (without its legal form, in the
//! normal form) with the same phone number (digits only) or e-mail. Against the ledger, and
//! against the rows of the file read before (kept as hashes: a million rows stay small).
//! A row that names a person at a company already there (one card of that name, or an earlier
//! row) is another key person of the same company: a contacts export, one row per person.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use rusqlite::Connection;

use super::rows::RowCard;
use super::ExistingCard;
use crate::card::CardFields;
use crate::db::json::Json;
use crate::names::without_legal_form;
use crate::text::digits;

api_enum!(
    /// Why a row looks like a card already there.
    DuplicateWhy {
        Code = "code",
        NamePhone = "name_phone",
        NameEmail = "name_email",
        SameCompany = "same_company",
    }
);

/// Phone numbers shorter than this are not compared (extensions, typos).
const MIN_PHONE_DIGITS: usize = 6;

/// What a card is compared by.
struct Keys {
    code: String,
    name: String,
    phones: Vec<String>,
    email: String,
}

fn keys(fields: &CardFields) -> Keys {
    Keys {
        code: fields.code.trim().to_owned(),
        name: without_legal_form(&fields.name),
        phones: fields
            .phones
            .iter()
            .map(|p| digits(p))
            .filter(|d| d.len() >= MIN_PHONE_DIGITS)
            .collect(),
        email: fields.email.trim().to_lowercase(),
    }
}

/// Live cards of the ledger by code and by name.
pub struct LedgerIndex {
    cards: Vec<(ExistingCard, Vec<String>, String)>,
    by_code: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
}

impl LedgerIndex {
    pub fn load(conn: &Connection) -> rusqlite::Result<LedgerIndex> {
        let mut index = LedgerIndex {
            cards: Vec::new(),
            by_code: HashMap::new(),
            by_name: HashMap::new(),
        };
        let mut stmt = conn.prepare(
            "SELECT id, code, name, owner, phones, email FROM cards WHERE deleted_at IS NULL",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let phones: Vec<String> = r
                .get::<_, Json<Vec<String>>>(4)?
                .0
                .iter()
                .map(|p| digits(p))
                .filter(|d| d.len() >= MIN_PHONE_DIGITS)
                .collect();
            let card = ExistingCard {
                id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                owner: r.get(3)?,
            };
            let at = index.cards.len();
            index.by_code.insert(card.code.clone(), at);
            index
                .by_name
                .entry(without_legal_form(&card.name))
                .or_default()
                .push(at);
            index
                .cards
                .push((card, phones, r.get::<_, String>(5)?.trim().to_lowercase()));
        }
        Ok(index)
    }

    /// The name of the live card with `code`, if any.
    pub fn name_of(&self, code: &str) -> Option<String> {
        if code.is_empty() {
            return None;
        }
        let at = self.by_code.get(code)?;
        self.cards.get(*at).map(|c| c.0.name.clone())
    }

    pub fn check(&self, row: &RowCard) -> Option<(ExistingCard, DuplicateWhy)> {
        let fields = &row.fields;
        let k = keys(fields);
        if !k.code.is_empty() {
            if let Some(at) = self.by_code.get(&k.code) {
                return self
                    .cards
                    .get(*at)
                    .map(|c| (c.0.clone(), DuplicateWhy::Code));
            }
        }
        for at in self.by_name.get(&k.name)? {
            let Some((card, phones, email)) = self.cards.get(*at) else {
                continue;
            };
            if k.phones.iter().any(|p| phones.contains(p)) {
                return Some((card.clone(), DuplicateWhy::NamePhone));
            }
            if !k.email.is_empty() && &k.email == email {
                return Some((card.clone(), DuplicateWhy::NameEmail));
            }
        }
        match self.by_name.get(&k.name).map(Vec::as_slice) {
            Some([only]) if brings_more(row) && !k.name.is_empty() => self
                .cards
                .get(*only)
                .map(|c| (c.0.clone(), DuplicateWhy::SameCompany)),
            _ => None,
        }
    }
}

/// A row that adds to a card rather than repeating it: a person at the company, a contact or a
/// sale.
pub fn brings_more(row: &RowCard) -> bool {
    !row.persons.is_empty() || row.product.is_some() || row.contact.is_some() || row.sale.is_some()
}

fn hash(parts: &[&str]) -> u64 {
    let mut h = DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}

/// Rows read so far, by hashes of their keys.
#[derive(Default)]
pub struct FileIndex {
    seen: HashMap<u64, (u32, DuplicateWhy)>,
}

impl FileIndex {
    fn entries(k: &Keys) -> Vec<(u64, DuplicateWhy)> {
        let mut out = Vec::new();
        if !k.code.is_empty() {
            out.push((hash(&["code", &k.code]), DuplicateWhy::Code));
        }
        for p in &k.phones {
            out.push((hash(&["phone", &k.name, p]), DuplicateWhy::NamePhone));
        }
        if !k.email.is_empty() {
            out.push((hash(&["email", &k.name, &k.email]), DuplicateWhy::NameEmail));
        }
        if !k.name.is_empty() {
            out.push((hash(&["company", &k.name]), DuplicateWhy::SameCompany));
        }
        out
    }

    /// The earlier line this row repeats, and why; the same company only for a row that brings
    /// a person.
    pub fn check(&self, card: &RowCard) -> Option<(u32, DuplicateWhy)> {
        Self::entries(&keys(&card.fields))
            .into_iter()
            .filter(|(_, why)| *why != DuplicateWhy::SameCompany || brings_more(card))
            .find_map(|(h, why)| self.seen.get(&h).map(|(line, _)| (*line, why)))
    }

    pub fn add(&mut self, card: &RowCard) {
        for (h, why) in Self::entries(&keys(&card.fields)) {
            self.seen.entry(h).or_insert((card.line, why));
        }
    }
}

//! Writing an import as one batch of card changes (created or merged into), recorded card by
//! card so that undo takes the whole import back, and refuses when a card was edited since.

use std::collections::HashMap;

use rusqlite::Connection;
use serde::Serialize;

use crate::card::store::{self as cards, Edit};
use crate::card::{CardFields, CardKind};
use crate::error::{BatchError, ImportError};
use crate::import::rows::RowCard;
use crate::many_cards::batch;

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportOutcome {
    /// The import's id for undo; empty when it changed nothing (and so has no undo).
    pub id: String,
    pub added: u32,
    pub merged: u32,
    pub skipped: u32,
    /// Sheets of a workbook imported whole that no column gave card names or codes: nothing
    /// was read from them.
    pub sheets_left_out: Vec<String>,
}

/// An import as listed for undo.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportBatch {
    pub id: String,
    pub label: String,
    pub at: String,
    pub actor: String,
    pub added: u32,
    pub merged: u32,
    pub skipped: u32,
    pub undone_at: Option<String>,
}

pub struct Batch {
    batch: batch::Batch,
    added: u32,
    merged: u32,
    pub skipped: u32,
    /// Cards created by this import, by the line they came from.
    created: HashMap<u32, String>,
    /// Lines merged into a card, with the card: a later row of the same company joins it too.
    merged_into: HashMap<u32, String>,
    /// Added to a row's line: the sheet it is on, for a workbook imported whole.
    sheet: u32,
}

impl Batch {
    pub fn start(conn: &Connection, label: &str, edit: &Edit<'_>) -> Result<Batch, ImportError> {
        Ok(Batch {
            batch: batch::Batch::start(conn, "import", label, edit)?,
            added: 0,
            merged: 0,
            skipped: 0,
            created: HashMap::new(),
            merged_into: HashMap::new(),
            sheet: 0,
        })
    }

    /// A new card (and its key person); a code already taken is left for Daicho to give.
    pub fn create(
        &mut self,
        conn: &Connection,
        row: RowCard,
        edit: &Edit<'_>,
    ) -> Result<(), ImportError> {
        let mut fields = row.fields;
        let kind = fields.kind;
        if !fields.code.is_empty() {
            let taken: bool = conn
                .prepare_cached("SELECT 1 FROM cards WHERE code = ?1")?
                .exists([&fields.code])?;
            if taken {
                fields.code.clear();
            }
        }
        let id = cards::insert_valid(conn, fields, edit)?;
        if kind == CardKind::Organisation {
            for person in &row.persons {
                cards::add_key_person(conn, &id, person, edit)?;
            }
        }
        if let Some(contact) = &row.contact {
            crate::contact::store::insert(conn, &id, contact, edit)?;
        }
        if let Some(sale) = &row.sale {
            crate::sales::store::add_checked(conn, &id, sale, edit)?;
        }
        self.batch.record(conn, &id, "created", None)?;
        own_values(conn, &id, &row.custom, edit)?;
        if let Some(product) = &row.product {
            // The card goes whole on undo; what the catalogue gained is recorded to go too.
            let (_, catalogue) = add_product_use(conn, &id, product, edit)?;
            self.record_catalogue(conn, &id, catalogue)?;
        }
        self.created.insert(self.sheet + row.line, id);
        self.added += 1;
        Ok(())
    }

    /// Records the catalogue rows (products, makers) the import put there, for undo.
    fn record_catalogue(
        &mut self,
        conn: &Connection,
        card_id: &str,
        catalogue: Vec<(&'static str, String)>,
    ) -> rusqlite::Result<()> {
        for (table, id) in catalogue {
            let what = serde_json::json!({ "table": table, "id": id }).to_string();
            self.batch
                .record(conn, card_id, "catalogue_added", Some(&what))?;
        }
        Ok(())
    }

    /// The card the row of `line` became or was merged into.
    pub fn created_from(&self, line: u32) -> Option<String> {
        self.created
            .get(&(self.sheet + line))
            .or_else(|| self.merged_into.get(&(self.sheet + line)))
            .cloned()
    }

    /// Fills the card's empty fields from the row and adds its phones, tags, notes and key
    /// person; what the card already says is kept.
    pub fn merge(
        &mut self,
        conn: &Connection,
        card_id: &str,
        row: RowCard,
        edit: &Edit<'_>,
    ) -> Result<(), ImportError> {
        let card = cards::load(conn, card_id)?;
        let merged = merged(&card.fields, &row.fields);
        if merged != card.fields {
            cards::update(conn, card_id, card.version, &merged, edit)?;
        }
        let mut persons_added = Vec::new();
        if card.fields.kind == CardKind::Organisation {
            let mut known: Vec<String> = card
                .key_persons
                .iter()
                .map(|p| crate::text::normalize(&p.fields.name))
                .collect();
            for person in &row.persons {
                let name = crate::text::normalize(&person.name);
                if !known.contains(&name) {
                    persons_added.push(cards::add_key_person(conn, card_id, person, edit)?.id);
                    known.push(name);
                }
            }
        }
        let contact_added = match &row.contact {
            Some(contact) => Some(crate::contact::store::insert(conn, card_id, contact, edit)?.id),
            None => None,
        };
        let sale_added = match &row.sale {
            Some(sale) => Some(crate::sales::store::add_checked(conn, card_id, sale, edit)?),
            None => None,
        };
        let (product_added, catalogue) = match &row.product {
            Some(product) => add_product_use(conn, card_id, product, edit)?,
            None => (None, Vec::new()),
        };
        // Values of the rep's own fields the card has none of; what it has is kept.
        let had: Vec<String> = conn
            .prepare_cached("SELECT field_id FROM card_custom_values WHERE card_id = ?1")?
            .query_map([card_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let custom_added: Vec<(crate::ids::CustomFieldId, String)> = row
            .custom
            .iter()
            .filter(|(f, _)| !had.iter().any(|h| h == f.as_str()))
            .cloned()
            .collect();
        own_values(conn, card_id, &custom_added, edit)?;
        if self.created.values().any(|id| id == card_id) {
            // Undo deletes the card this import created: only its version after moves.
            self.batch.touch(conn, card_id)?;
        } else {
            // A row that only adds a contact or a person leaves the card's fields as they were:
            // its own record (with the card's version after) is enough for undo.
            let unchanged = merged == card.fields;
            if !unchanged
                || (persons_added.is_empty()
                    && contact_added.is_none()
                    && sale_added.is_none()
                    && product_added.is_none())
            {
                self.batch.record_changed(conn, card_id, &card.fields)?;
            }
            for person_id in persons_added {
                self.batch
                    .record(conn, card_id, "person_added", Some(&person_id))?;
            }
            if let Some(contact_id) = contact_added {
                self.batch
                    .record(conn, card_id, "contact_added", Some(&contact_id))?;
            }
            if let Some(sale_id) = sale_added {
                self.batch
                    .record(conn, card_id, "transaction_added", Some(&sale_id))?;
            }
            if let Some(use_id) = product_added {
                self.batch
                    .record(conn, card_id, "product_added", Some(&use_id))?;
            }
            for (field, _) in &custom_added {
                self.batch
                    .record(conn, card_id, "custom_added", Some(field))?;
            }
        }
        self.record_catalogue(conn, card_id, catalogue)?;
        self.merged_into
            .insert(self.sheet + row.line, card_id.to_owned());
        self.merged += 1;
        Ok(())
    }

    /// The rows that follow are of the sheet numbered `sheet` (its rows are numbered from 1
    /// again): the batch keeps each sheet's rows apart.
    pub fn set_sheet(&mut self, sheet: u32) {
        self.sheet = sheet << 24;
    }

    pub fn finish(
        self,
        conn: &Connection,
        sheets_left_out: Vec<String>,
    ) -> Result<ImportOutcome, ImportError> {
        let (added, merged, skipped) = (self.added, self.merged, self.skipped);
        let id = if added == 0 && merged == 0 {
            // Nothing changed: nothing to undo, so no entry in "Earlier imports".
            self.batch.discard(conn)?;
            String::new()
        } else {
            self.batch.finish(conn, added, merged, skipped)?
        };
        Ok(ImportOutcome {
            id,
            added,
            merged,
            skipped,
            sheets_left_out,
        })
    }
}

/// Sets the card's values of the rep's own fields (checked when the row was read), each in the
/// card's history.
fn own_values(
    conn: &Connection,
    card_id: &str,
    values: &[(crate::ids::CustomFieldId, String)],
    edit: &Edit<'_>,
) -> Result<(), ImportError> {
    if values.is_empty() {
        return Ok(());
    }
    let values: Vec<crate::custom_fields::CustomValue> = values
        .iter()
        .map(|(field_id, value)| crate::custom_fields::CustomValue {
            field_id: field_id.clone(),
            value: value.clone(),
        })
        .collect();
    crate::custom_fields::store::set_values(conn, card_id, &values, edit).map_err(|e| match e {
        crate::error::CustomFieldError::Card(e) => ImportError::Card(e),
        crate::error::CustomFieldError::Storage(e) => ImportError::Storage(e),
        other => ImportError::Unreadable {
            path: Default::default(),
            reason: other.to_string(),
        },
    })
}

/// The card's fields with the row's filling what the card leaves empty (phones, tags and notes
/// added); what the card says is kept.
pub fn merged(old: &CardFields, row: &CardFields) -> CardFields {
    let mut out = old.clone();
    let fill = |mine: &mut String, theirs: &str| {
        if mine.trim().is_empty() {
            *mine = theirs.to_owned();
        }
    };
    fill(&mut out.reading, &row.reading);
    fill(&mut out.owner, &row.owner);
    fill(&mut out.industry, &row.industry);
    fill(&mut out.postal_code, &row.postal_code);
    fill(&mut out.region, &row.region);
    fill(&mut out.city, &row.city);
    fill(&mut out.street, &row.street);
    fill(&mut out.building, &row.building);
    fill(&mut out.email, &row.email);
    fill(&mut out.website, &row.website);
    for phone in &row.phones {
        let d = crate::text::digits(phone);
        if !out.phones.iter().any(|p| crate::text::digits(p) == d) {
            out.phones.push(phone.clone());
        }
    }
    for tag in &row.tags {
        if !out.tags.contains(tag) {
            out.tags.push(tag.clone());
        }
    }
    // A company profile's empty items are filled from the row's; what the card says stays.
    if let (Some(mine), Some(theirs)) = (out.organisation.as_mut(), row.organisation.as_ref()) {
        fill(&mut mine.representative, &theirs.representative);
        fill(&mut mine.main_banks, &theirs.main_banks);
        fill(&mut mine.payment_terms, &theirs.payment_terms);
        mine.founded = mine.founded.take().or_else(|| theirs.founded.clone());
        mine.capital = mine.capital.or(theirs.capital);
        mine.annual_sales = mine.annual_sales.or(theirs.annual_sales);
        mine.employees = mine.employees.or(theirs.employees);
        mine.fiscal_year_end_month = mine.fiscal_year_end_month.or(theirs.fiscal_year_end_month);
    }
    if !row.notes.is_empty() && !out.notes.contains(&row.notes) {
        out.notes = if out.notes.is_empty() {
            row.notes.clone()
        } else {
            format!("{}\n{}", out.notes, row.notes)
        };
    }
    out
}

pub fn list(conn: &Connection) -> Result<Vec<ImportBatch>, ImportError> {
    let mut stmt = conn.prepare(
        "SELECT id, label, at, actor, added, changed, skipped, undone_at FROM change_batches
         WHERE kind = 'import' ORDER BY at DESC, id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(ImportBatch {
            id: r.get(0)?,
            label: r.get(1)?,
            at: r.get(2)?,
            actor: r.get(3)?,
            added: r.get(4)?,
            merged: r.get(5)?,
            skipped: r.get(6)?,
            undone_at: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Takes a whole import back: cards it created are deleted, cards it merged into get their
/// fields back (their history says so). Refused, writing nothing, when any of them was edited
/// after the import.
pub fn undo(
    conn: &Connection,
    batch_id: &str,
    edit: &Edit<'_>,
) -> Result<ImportOutcome, ImportError> {
    let done = batch::undo(conn, batch_id, "import", edit).map_err(|e| match e {
        BatchError::NotFound { id } => ImportError::NotFound { id },
        BatchError::AlreadyUndone { id } => ImportError::AlreadyUndone { id },
        BatchError::ChangedSince { code } => ImportError::ChangedSince { code },
        BatchError::Card(e) => ImportError::Card(e),
        BatchError::Competition(e) => ImportError::Competition(e),
        BatchError::Storage(e) => ImportError::Storage(e),
        other => ImportError::Unreadable {
            path: Default::default(),
            reason: other.to_string(),
        },
    })?;
    Ok(ImportOutcome {
        id: batch_id.to_owned(),
        added: done.deleted,
        merged: done.restored,
        skipped: 0,
        sheets_left_out: Vec::new(),
    })
}

/// Records that the card's customer uses the row's product: the catalogue's product of that
/// name (by that maker, when the row names one), else a new one put in the catalogue (under that
/// maker, made too when new; with no maker, as one of ours). A product the card already uses is
/// left as it is. Returns the new use's id, and the catalogue rows made.
#[allow(clippy::type_complexity)]
fn add_product_use(
    conn: &Connection,
    card_id: &str,
    product: &crate::import::rows::ProductUse,
    edit: &Edit<'_>,
) -> Result<(Option<String>, Vec<(&'static str, String)>), ImportError> {
    use crate::competition::{store, usage, CardProductFields, CompetitorFields, ProductFields};
    use crate::text::normalize;
    let mut made = Vec::new();
    let same = |a: &str, b: &str| normalize(a.trim()) == normalize(b.trim());
    let maker = if product.maker.is_empty() {
        None
    } else {
        let known = store::competitors(conn)?
            .into_iter()
            .find(|c| same(&c.fields.name, &product.maker));
        Some(match known {
            Some(c) => c.id,
            None => {
                let fields = CompetitorFields {
                    name: product.maker.clone(),
                    ..CompetitorFields::default()
                };
                let c = store::save_competitor(conn, None, &fields, edit)?;
                made.push(("competitors", String::from(c.id.clone())));
                c.id
            }
        })
    };
    let known = store::products(conn)?.into_iter().find(|p| {
        same(&p.fields.name, &product.name) && (maker.is_none() || p.fields.competitor_id == maker)
    });
    let product_id = match known {
        Some(p) => p.id,
        None => {
            let fields = ProductFields {
                competitor_id: maker,
                name: product.name.clone(),
                ..ProductFields::default()
            };
            let p = store::save_product(conn, None, &fields, edit)?;
            made.push(("products", String::from(p.id.clone())));
            p.id
        }
    };
    let used: bool = conn
        .prepare_cached("SELECT 1 FROM card_products WHERE card_id = ?1 AND product_id = ?2")?
        .exists(rusqlite::params![card_id, product_id])?;
    if used {
        return Ok((None, made));
    }
    let fields = CardProductFields {
        product_id,
        since: product.since.clone(),
        renewal_on: product.renewal_on.clone(),
        volume: None,
        satisfaction: None,
        notes: String::new(),
    };
    let added = usage::save(conn, card_id, None, &fields, edit)?;
    Ok((Some(String::from(added.id)), made))
}

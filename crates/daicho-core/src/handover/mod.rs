//! Handing a portfolio over when a rep leaves or is reassigned: the selected cards with
//! everything that hangs off them go into one checked bundle file, and the successor takes them
//! over in one transaction — contacts keep their dates and authors, negotiations their stage,
//! follow-ups stay open, history stays linked — choosing per likely duplicate to merge or keep
//! both. A take-over can be undone in one step, and the same bundle is never applied twice.

pub mod bundle;
mod check;
pub(crate) mod error;
mod fields;
pub mod give_back;
pub mod marks;
pub mod receipt;
mod tables;
pub(crate) mod take_over;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use bundle::{Manifest, Seal};
pub use give_back::{Keep, Resolution, ReturnConflict};
pub use take_over::{borrowed, list as take_overs, preview, take_over, undo, Borrowed};

api_enum!(
    /// How a card of a bundle stands against the successor's ledger: new, like one of its cards,
    /// here already with nothing new, or here already and coming back with what a colleague
    /// added or changed (a lent card given back).
    PreviewStatus {
        New = "new",
        Duplicate = "duplicate",
        AlreadyHere = "already_here",
        Returning = "returning",
    }
);
api_enum!(
    /// What to do with a likely duplicate.
    Choice { Merge = "merge", KeepBoth = "keep_both", Skip = "skip" }
);

/// A card of the successor's ledger that a bundle card looks like.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExistingCard {
    pub id: String,
    pub code: String,
    pub name: String,
    pub owner: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PreviewCard {
    pub card_id: crate::ids::CardId,
    pub code: String,
    pub name: String,
    pub status: PreviewStatus,
    pub existing: Option<ExistingCard>,
    /// Why it looks like a duplicate: `name_phone`, `name_email` or `name_place`.
    pub why: Option<String>,
    pub contacts: u32,
    /// For a card coming back: how many rows and values it brings (conflicts included).
    pub changes: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct HandoverPreview {
    pub bundle_id: String,
    pub from_owner: String,
    pub to_owner: String,
    pub made_at: String,
    pub made_by: String,
    /// The fingerprint of the ledger that signed the file: compare it with the one on the
    /// handover report before taking it over.
    pub signer: String,
    /// Rows per table.
    pub counts: Vec<(String, u32)>,
    pub cards: Vec<PreviewCard>,
    /// This bundle was taken over already (and not undone): taking it over again changes nothing.
    pub already_taken_over: bool,
    /// Lent for a leave until this day (YYYY-MM-DD), when the owner said so.
    pub lent_until: Option<String>,
    /// Values of cards coming back that were changed on both sides: the owner chooses each.
    pub conflicts: Vec<ReturnConflict>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardChoice {
    pub card_id: crate::ids::CardId,
    pub choice: Choice,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct TakeOverRequest {
    /// Choices for likely duplicates; a duplicate without one is kept beside the existing card.
    pub choices: Vec<CardChoice>,
    /// The successor confirming the take-over.
    pub confirmed_by: String,
    /// The passphrase the leaving rep gave (none for a file written to this ledger's key).
    pub passphrase: Option<String>,
    /// The signer's fingerprint as the successor confirmed it (from the handover report).
    pub signer: String,
    /// For each value changed on both sides (see [`HandoverPreview::conflicts`]): which to keep.
    pub resolutions: Vec<Resolution>,
}

/// What a take-over did (or, when it was taken over already, that it did nothing).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TakeOver {
    pub id: String,
    pub bundle_id: String,
    pub from_owner: String,
    pub to_owner: String,
    pub taken_at: String,
    pub confirmed_by: String,
    pub added: u32,
    pub merged: u32,
    pub skipped: u32,
    /// Cards of this ledger that came back with what a colleague added or changed.
    pub returned: u32,
    /// The cards were lent for a leave until this day (they are to go back).
    pub lent_until: Option<String>,
    pub undone_at: Option<String>,
    /// False when the bundle had been taken over before: nothing was written.
    pub applied: bool,
}

/// Which cards to hand over.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct HandoverSelection {
    /// Every live card of this owner...
    pub owner: Option<String>,
    /// ...or these cards.
    pub card_ids: Vec<crate::ids::CardId>,
    /// The successor: the cards' owner once taken over.
    pub to_owner: String,
    /// The file is encrypted to this passphrase, given to the successor out of band...
    pub passphrase: Option<String>,
    /// ...or to the successor ledger's public key (`age1…`).
    pub recipient: Option<String>,
    /// Lent for a leave, to come back, rather than handed over for good. Either way the cards
    /// are read-only in this ledger once the file is written.
    pub lend: bool,
    /// Lent until this day (YYYY-MM-DD): shown with the lent cards on both sides.
    pub lend_until: Option<String>,
}

impl HandoverSelection {
    /// The day the cards are lent until, checked: a real date, today or later.
    fn lend_until(
        &self,
        today: chrono::NaiveDate,
    ) -> Result<Option<String>, crate::error::HandoverError> {
        let until = match self.lend_until.as_deref().map(str::trim) {
            Some(u) if self.lend && !u.is_empty() => u,
            _ => return Ok(None),
        };
        match chrono::NaiveDate::parse_from_str(until, "%Y-%m-%d") {
            Ok(day) if day >= today => Ok(Some(day.format("%Y-%m-%d").to_string())),
            _ => Err(crate::error::HandoverError::BadLendUntil {
                until: until.to_owned(),
            }),
        }
    }

    /// How the file is protected: the successor's key when given, else the passphrase.
    fn seal(&self) -> Result<Seal, crate::error::HandoverError> {
        let recipient = self.recipient.as_deref().map(str::trim).unwrap_or_default();
        if !recipient.is_empty() {
            return Ok(Seal::Recipient(recipient.to_owned()));
        }
        match self.passphrase.as_deref() {
            Some(p) if crate::crypto::check_passphrase(p).is_ok() => {
                Ok(Seal::Passphrase(zeroize::Zeroizing::new(p.to_owned())))
            }
            _ => Err(crate::error::HandoverError::NoProtection),
        }
    }
}

/// This ledger's identity (made now if it has none), for signing and opening handover files.
pub(crate) fn identity(
    conn: &rusqlite::Connection,
) -> Result<crate::crypto::identity::LedgerIdentity, crate::error::HandoverError> {
    crate::crypto::identity::LedgerIdentity::of(conn).map_err(|e| match e {
        crate::error::LedgerError::Sqlite(s) => s.into(),
        other => crate::error::HandoverError::Corrupt {
            path: Default::default(),
            reason: other.to_string(),
        },
    })
}

/// What a bundle holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct HandoverExport {
    pub path: String,
    pub bundle_id: String,
    /// The fingerprint the file is signed with (this ledger's), printed on the handover report.
    pub signer: String,
    pub cards: u32,
    /// Rows per table.
    pub counts: Vec<(String, u32)>,
    /// The manifest's seal, kept with the marks: the successor's receipt must name it.
    #[serde(skip)]
    pub seal: String,
    /// Lent until this day.
    pub lent_until: Option<String>,
    /// The cards' rows as written, kept as they were lent (see [`give_back`]).
    #[serde(skip)]
    pub rows: BTreeMap<String, bundle::Rows>,
}

/// Writes the bundle of `selection` to `path`.
pub fn export(
    conn: &rusqlite::Connection,
    selection: &HandoverSelection,
    path: &std::path::Path,
    edit: &crate::card::store::Edit<'_>,
) -> Result<HandoverExport, crate::error::HandoverError> {
    use crate::error::{FieldIssue, HandoverError};
    let to_owner = selection.to_owner.trim().to_owned();
    if to_owner.is_empty() {
        return Err(HandoverError::Invalid(vec![FieldIssue::new(
            "to_owner", "required",
        )]));
    }
    let seal = selection.seal()?;
    let today =
        chrono::NaiveDate::parse_from_str(edit.at.get(..10).unwrap_or_default(), "%Y-%m-%d")
            .unwrap_or_else(|_| chrono::Local::now().date_naive());
    let lent_until = selection.lend_until(today)?;
    let ids = selected_ids(conn, selection)?;
    if ids.is_empty() {
        return Err(HandoverError::Empty);
    }
    let signer = identity(conn)?;
    let rows = tables::collect(conn, &ids)?;
    let cards = rows
        .get("cards")
        .into_iter()
        .flatten()
        .map(|r| bundle::ManifestCard {
            id: r
                .get("id")
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned(),
            code: r
                .get("code")
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned(),
            name: r
                .get("name")
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned(),
        })
        .collect();
    let from_owner = from_owner(conn, selection, &ids)?;
    let mut manifest = Manifest {
        format: bundle::FORMAT,
        bundle_id: crate::card::store::new_id(),
        schema: crate::db::latest_version(),
        from_owner,
        to_owner,
        made_at: edit.at.to_owned(),
        made_by: edit.actor.to_owned(),
        cards,
        entries: Default::default(),
        lent_until: lent_until.clone(),
        seal: String::new(),
    };
    bundle::write(path, &mut manifest, &rows, &signer, &seal)?;
    Ok(HandoverExport {
        path: path.display().to_string(),
        bundle_id: manifest.bundle_id.clone(),
        signer: signer.info().fingerprint,
        cards: ids.len() as u32,
        counts: manifest
            .entries
            .iter()
            .map(|(t, e)| (t.clone(), e.rows))
            .collect(),
        seal: manifest.seal.clone(),
        lent_until,
        rows,
    })
}

/// The live cards `selection` chooses.
pub fn selected_ids(
    conn: &rusqlite::Connection,
    selection: &HandoverSelection,
) -> rusqlite::Result<Vec<crate::ids::CardId>> {
    match &selection.owner {
        Some(owner) => conn
            .prepare("SELECT id FROM cards WHERE deleted_at IS NULL AND owner = ?1 ORDER BY sort_key, id")?
            .query_map([owner], |r| r.get(0))?
            .collect(),
        None => {
            let mut live = Vec::new();
            for id in &selection.card_ids {
                let here: bool = conn
                    .prepare_cached("SELECT EXISTS (SELECT 1 FROM cards WHERE id = ?1 AND deleted_at IS NULL)")?
                    .query_row([id], |r| r.get(0))?;
                if here {
                    live.push(id.clone());
                }
            }
            Ok(live)
        }
    }
}

/// Whose portfolio this is: the chosen owner, else the owners of the chosen cards (most cards
/// first), as the handover file and report name them.
pub fn from_owner(
    conn: &rusqlite::Connection,
    selection: &HandoverSelection,
    ids: &[crate::ids::CardId],
) -> rusqlite::Result<String> {
    if let Some(owner) = &selection.owner {
        return Ok(owner.clone());
    }
    let ids = serde_json::to_string(ids).unwrap_or_default();
    let owners: Vec<String> = conn
        .prepare(
            "SELECT owner FROM cards WHERE id IN (SELECT value FROM json_each(?1)) AND owner <> ''
             GROUP BY owner ORDER BY count(*) DESC, owner",
        )?
        .query_map([ids], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(owners.join(" / "))
}

/// The cards a take-over brought: those it added and those it merged rows into.
pub fn taken_over_ids(
    conn: &rusqlite::Connection,
    take_over_id: &str,
) -> rusqlite::Result<Vec<crate::ids::CardId>> {
    conn.prepare(
        "SELECT json_extract(row_key, '$[0]') FROM take_over_rows WHERE take_over_id = ?1 AND tbl = 'cards'
         UNION SELECT card_id FROM contacts WHERE id IN
            (SELECT json_extract(row_key, '$[0]') FROM take_over_rows WHERE take_over_id = ?1 AND tbl = 'contacts')
         UNION SELECT card_id FROM key_persons WHERE id IN
            (SELECT json_extract(row_key, '$[0]') FROM take_over_rows WHERE take_over_id = ?1 AND tbl = 'key_persons')",
    )?
    .query_map([take_over_id], |r| r.get(0))?
    .collect()
}

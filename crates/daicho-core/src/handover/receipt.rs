//! The successor's receipt for a handover file: a small JSON file the take-over's ledger signs
//! (Ed25519, the same key that signs its own handover files) saying which cards of which file it
//! took over. It holds card ids and names of reps, no customer text. Brought back to the leaving
//! ledger it proves the cards arrived: they may then be removed there for good. Only a ledger
//! that opened the file can write one, as it names the file's manifest seal, which nobody else
//! sees (the leaving ledger keeps it with its marks).

use std::io::Read;
use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::crypto::identity::{fingerprint, LedgerIdentity};
use crate::error::HandoverError;

/// What a receipt file says it is.
const KIND: &str = "daicho-handover-receipt";
/// The receipt format this Daicho writes and reads.
const FORMAT: u32 = 1;
/// The largest receipt read: the ids of a hundred thousand cards fit in 5 MB.
const MAX_FILE: u64 = 16 << 20;

/// What the successor's ledger signs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptBody {
    pub kind: String,
    pub format: u32,
    pub bundle_id: String,
    /// The manifest seal of the file taken over: only a ledger that opened it knows it.
    pub seal: String,
    pub from_owner: String,
    pub to_owner: String,
    pub confirmed_by: String,
    pub taken_over_at: String,
    /// Cards the successor has now (added, merged into one of theirs, or there already).
    pub taken: Vec<String>,
    /// Cards the successor chose to leave out: they stay with the leaving ledger.
    pub left_out: Vec<String>,
}

/// The file: the body as the exact bytes that were signed, the signer's key and signature.
#[derive(Serialize, Deserialize)]
struct ReceiptFile {
    body: String,
    signer: String,
    signature: String,
}

/// A receipt as the leaving ledger keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Receipt {
    pub bundle_id: String,
    pub to_owner: String,
    pub confirmed_by: String,
    pub taken_over_at: String,
    /// The successor ledger's fingerprint.
    pub signer: String,
    pub taken: u32,
    pub left_out: u32,
    pub received_at: String,
    pub removed_at: Option<String>,
}

/// A receipt written for the leaving rep.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReceiptWritten {
    pub path: String,
    pub to_owner: String,
    pub taken: u32,
    pub left_out: u32,
}

/// Writes the receipt of the take-over `take_over_id` to `path`, signed by `identity`.
pub(crate) fn write(
    conn: &Connection,
    identity: &LedgerIdentity,
    take_over_id: &str,
    path: &Path,
) -> Result<ReceiptBody, HandoverError> {
    let row = conn
        .prepare_cached(
            "SELECT bundle_id, from_owner, to_owner, confirmed_by, taken_at, undone_at,
                    manifest, taken_ids
             FROM take_overs WHERE id = ?1",
        )?
        .query_row([take_over_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, Option<String>>(7)?,
            ))
        })
        .optional()?
        .ok_or_else(|| HandoverError::TakeOverNotFound {
            id: take_over_id.to_owned(),
        })?;
    let (bundle_id, from_owner, to_owner, confirmed_by, at, undone, manifest, taken_ids) = row;
    if undone.is_some() {
        return Err(HandoverError::AlreadyUndone {
            id: take_over_id.to_owned(),
        });
    }
    let manifest: super::bundle::Manifest =
        serde_json::from_str(&manifest).map_err(|e| HandoverError::Corrupt {
            path: path.to_owned(),
            reason: e.to_string(),
        })?;
    let all: Vec<String> = manifest.cards.iter().map(|c| c.id.clone()).collect();
    // A take-over from before receipts kept no list: the cards here under their own id were
    // taken; a merged one counts as left out, which keeps it in the leaving ledger.
    let taken: Vec<String> = match taken_ids {
        Some(json) => crate::db::json::parse(&json)?,
        None => {
            let mut here =
                conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM cards WHERE id = ?1)")?;
            let mut taken = Vec::new();
            for id in &all {
                if here.query_row([id], |r| r.get::<_, bool>(0))? {
                    taken.push(id.clone());
                }
            }
            taken
        }
    };
    let left_out = all.into_iter().filter(|id| !taken.contains(id)).collect();
    let body = ReceiptBody {
        kind: KIND.into(),
        format: FORMAT,
        bundle_id,
        seal: manifest.seal,
        from_owner,
        to_owner,
        confirmed_by,
        taken_over_at: at,
        taken,
        left_out,
    };
    let text = serde_json::to_string(&body).map_err(|e| corrupt(path, e))?;
    let (key, signature) = identity.sign(text.as_bytes());
    let file = ReceiptFile {
        body: text,
        signer: data_encoding::HEXLOWER.encode(key.as_bytes()),
        signature: data_encoding::HEXLOWER.encode(&signature.to_bytes()),
    };
    let bytes = serde_json::to_vec_pretty(&file).map_err(|e| corrupt(path, e))?;
    std::fs::write(path, bytes).map_err(|source| HandoverError::Io {
        path: path.to_owned(),
        source,
    })?;
    Ok(body)
}

fn corrupt(path: &Path, reason: impl ToString) -> HandoverError {
    HandoverError::Corrupt {
        path: path.to_owned(),
        reason: reason.to_string(),
    }
}

/// Reads the receipt at `path` and checks its signature before anything of it is parsed;
/// returns the body and the signer's fingerprint.
pub(crate) fn read(path: &Path) -> Result<(ReceiptBody, String), HandoverError> {
    let file = std::fs::File::open(path).map_err(|source| HandoverError::Io {
        path: path.to_owned(),
        source,
    })?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| HandoverError::Io {
            path: path.to_owned(),
            source,
        })?;
    let not_a_receipt = || HandoverError::NotAReceipt {
        path: path.to_owned(),
    };
    if bytes.len() as u64 > MAX_FILE {
        return Err(not_a_receipt());
    }
    let file: ReceiptFile = serde_json::from_slice(&bytes).map_err(|_| not_a_receipt())?;
    let signer =
        super::bundle::verify_signature(file.body.as_bytes(), &file.signer, &file.signature)
            .ok_or_else(|| HandoverError::Tampered {
                path: path.to_owned(),
                entry: "signature".into(),
            })?;
    let body: ReceiptBody = serde_json::from_str(&file.body).map_err(|_| not_a_receipt())?;
    if body.kind != KIND {
        return Err(not_a_receipt());
    }
    if body.format > FORMAT {
        return Err(HandoverError::TooNew {
            path: path.to_owned(),
        });
    }
    Ok((body, fingerprint(&signer)))
}

/// Takes the receipt at `path` in: it must be for a handover file of this ledger (its id and
/// seal), for cards marked with it. The cards it left out are editable here again; the ones it
/// took stay marked until they are removed for good.
pub(crate) fn accept(
    conn: &Connection,
    path: &Path,
    at: &str,
    actor: &str,
) -> Result<Receipt, HandoverError> {
    let (body, signer) = read(path)?;
    let marked: Vec<(String, String)> = conn
        .prepare_cached("SELECT card_id, seal FROM handed_over WHERE bundle_id = ?1")?
        .query_map([&body.bundle_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let known: Option<Receipt> = load(conn, &body.bundle_id)?;
    if let Some(receipt) = known {
        return Ok(receipt); // brought back twice: nothing more to do
    }
    let not_ours = || HandoverError::ReceiptNotOurs {
        path: path.to_owned(),
    };
    if marked.is_empty()
        || marked
            .iter()
            .any(|(_, seal)| seal.is_empty() || *seal != body.seal)
    {
        return Err(not_ours());
    }
    // Cards handed over again or withdrawn since are no longer this file's: the receipt
    // changes nothing for them.
    let ids: std::collections::HashSet<&str> = marked.iter().map(|(id, _)| id.as_str()).collect();
    let still = |list: &[String]| -> Vec<crate::ids::CardId> {
        list.iter()
            .filter(|id| ids.contains(id.as_str()))
            .map(|id| id.as_str().into())
            .collect()
    };
    let (taken, left_out) = (still(&body.taken), still(&body.left_out));
    conn.execute(
        "INSERT INTO handover_receipts (bundle_id, to_owner, confirmed_by, taken_over_at, signer,
            taken, left_out, received_at, actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            body.bundle_id,
            body.to_owner,
            body.confirmed_by,
            body.taken_over_at,
            signer,
            taken.len() as u32,
            left_out.len() as u32,
            at,
            actor
        ],
    )?;
    super::marks::unmark(conn, &left_out, at, actor)?;
    load(conn, &body.bundle_id)?.ok_or_else(not_ours)
}

/// The receipt kept for the handover file `bundle_id`, if it came back.
pub fn load(conn: &Connection, bundle_id: &str) -> rusqlite::Result<Option<Receipt>> {
    conn.prepare_cached(
        "SELECT bundle_id, to_owner, confirmed_by, taken_over_at, signer, taken, left_out,
                received_at, removed_at
         FROM handover_receipts WHERE bundle_id = ?1",
    )?
    .query_row([bundle_id], receipt_from_row)
    .optional()
}

/// Every receipt that came back, newest first.
pub fn list(conn: &Connection) -> rusqlite::Result<Vec<Receipt>> {
    let mut stmt = conn.prepare_cached(
        "SELECT bundle_id, to_owner, confirmed_by, taken_over_at, signer, taken, left_out,
                received_at, removed_at
         FROM handover_receipts ORDER BY received_at DESC",
    )?;
    let rows = stmt.query_map([], receipt_from_row)?;
    rows.collect()
}

fn receipt_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Receipt> {
    Ok(Receipt {
        bundle_id: r.get(0)?,
        to_owner: r.get(1)?,
        confirmed_by: r.get(2)?,
        taken_over_at: r.get(3)?,
        signer: r.get(4)?,
        taken: r.get(5)?,
        left_out: r.get(6)?,
        received_at: r.get(7)?,
        removed_at: r.get(8)?,
    })
}

/// The cards of the handover file `bundle_id` that its receipt says the successor has, for
/// removing them here for good: refused without a receipt, and for lent cards (they come back).
pub(crate) fn removable(
    conn: &Connection,
    bundle_id: &str,
) -> Result<Vec<crate::ids::CardId>, HandoverError> {
    let receipt = load(conn, bundle_id)?.ok_or_else(|| HandoverError::NoReceipt {
        id: bundle_id.to_owned(),
    })?;
    if receipt.removed_at.is_some() {
        return Ok(Vec::new());
    }
    let lent: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM handed_over WHERE bundle_id = ?1 AND lent = 1)",
        )?
        .query_row([bundle_id], |r| r.get(0))?;
    if lent {
        return Err(HandoverError::LentNotRemoved {
            id: bundle_id.to_owned(),
        });
    }
    Ok(conn
        .prepare_cached("SELECT card_id FROM handed_over WHERE bundle_id = ?1")?
        .query_map([bundle_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

//! The handover bundle: one zip file holding `manifest.json` and one JSON array of rows per
//! table, each table's SHA-256 and row count in the manifest. A bundle is checked whole before
//! anything is read into a ledger: a truncated, damaged or altered file is refused.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::HandoverError;

/// The bundle format this Daicho writes and reads.
pub const FORMAT: u32 = 1;

/// One table's rows: column name → value (null, number or text).
pub type Rows = Vec<BTreeMap<String, serde_json::Value>>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Entry {
    pub rows: u32,
    pub sha256: String,
}

/// A card as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ManifestCard {
    pub id: String,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Manifest {
    pub format: u32,
    pub bundle_id: String,
    /// The ledger schema the rows follow.
    pub schema: i64,
    pub from_owner: String,
    pub to_owner: String,
    pub made_at: String,
    pub made_by: String,
    pub cards: Vec<ManifestCard>,
    /// Per table: how many rows and their hash.
    pub entries: BTreeMap<String, Entry>,
    /// The hash of everything above: an edited manifest is refused too.
    pub seal: String,
}

impl Manifest {
    fn sealed(&self) -> String {
        let unsealed = Manifest {
            seal: String::new(),
            ..self.clone()
        };
        sha256(&serde_json::to_vec(&unsealed).unwrap_or_default())
    }
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> HandoverError + '_ {
    move |source| HandoverError::Io {
        path: path.to_owned(),
        source,
    }
}

fn corrupt(path: &Path, reason: impl ToString) -> HandoverError {
    HandoverError::Corrupt {
        path: path.to_owned(),
        reason: reason.to_string(),
    }
}

/// Writes the bundle to `path` (the temporary file of a staged target: see `crate::output`).
pub fn write(
    path: &Path,
    manifest: &mut Manifest,
    tables: &BTreeMap<String, Rows>,
) -> Result<(), HandoverError> {
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    manifest.entries.clear();
    for (name, rows) in tables {
        let bytes = serde_json::to_vec(rows).map_err(|e| corrupt(path, e))?;
        manifest.entries.insert(
            name.clone(),
            Entry {
                rows: rows.len() as u32,
                sha256: sha256(&bytes),
            },
        );
        parts.push((format!("tables/{name}.json"), bytes));
    }
    manifest.seal = manifest.sealed();
    let manifest_bytes = serde_json::to_vec_pretty(manifest).map_err(|e| corrupt(path, e))?;
    // Zipped in memory (the tables are in memory already): a zip writer that fails half-way
    // has nothing to say on stderr, and the file is written in one go.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("manifest.json", options)
        .map_err(|e| corrupt(path, e))?;
    zip.write_all(&manifest_bytes).map_err(io(path))?;
    for (name, bytes) in &parts {
        zip.start_file(name.as_str(), options)
            .map_err(|e| corrupt(path, e))?;
        zip.write_all(bytes).map_err(io(path))?;
    }
    let bytes = zip.finish().map_err(|e| corrupt(path, e))?.into_inner();
    std::fs::write(path, bytes).map_err(io(path))
}

/// How many times its packed size an entry may unpack to: rows of JSON pack 5 to 30 times; a
/// gigabyte of padding packed into a megabyte (a thousand times) is refused before it is read.
const MAX_UNPACK_RATIO: u64 = 200;
/// What any entry may unpack to beyond that, for small entries.
const UNPACK_SLACK: u64 = 1 << 20;

/// An entry's bytes, read no further than its bound: a bundle costs memory in proportion to
/// the packed data it holds, whatever its entries claim.
fn read_bounded(
    entry: zip::read::ZipFile<'_, std::fs::File>,
    path: &Path,
) -> Result<Vec<u8>, HandoverError> {
    let limit = entry
        .compressed_size()
        .saturating_mul(MAX_UNPACK_RATIO)
        .saturating_add(UNPACK_SLACK);
    let mut bytes = Vec::new();
    entry
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| corrupt(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(corrupt(path, "an entry unpacks to far more than it packs"));
    }
    Ok(bytes)
}

/// Reads and checks a bundle: every table listed is there with its hash and row count, and
/// nothing else is.
pub fn read(path: &Path) -> Result<(Manifest, BTreeMap<String, Rows>), HandoverError> {
    let file = std::fs::File::open(path).map_err(io(path))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| corrupt(path, e))?;
    let text = read_bounded(
        zip.by_name("manifest.json").map_err(|e| corrupt(path, e))?,
        path,
    )?;
    let manifest: Manifest = serde_json::from_slice(&text).map_err(|e| corrupt(path, e))?;
    if manifest.seal != manifest.sealed() {
        return Err(HandoverError::Tampered {
            path: path.to_owned(),
            entry: "manifest.json".into(),
        });
    }
    if manifest.format > FORMAT || manifest.schema > crate::db::latest_version() {
        return Err(HandoverError::TooNew {
            path: path.to_owned(),
        });
    }
    let names: Vec<String> = zip
        .file_names()
        .map(|n| n.map(|n| n.into_owned()).map_err(|e| corrupt(path, e)))
        .collect::<Result<_, _>>()?;
    for name in &names {
        let known = name == "manifest.json"
            || name
                .strip_prefix("tables/")
                .and_then(|n| n.strip_suffix(".json"))
                .is_some_and(|t| manifest.entries.contains_key(t));
        if !known {
            return Err(HandoverError::Tampered {
                path: path.to_owned(),
                entry: name.clone(),
            });
        }
    }
    let mut tables = BTreeMap::new();
    for (table, entry) in &manifest.entries {
        let bytes = read_bounded(
            zip.by_name(&format!("tables/{table}.json"))
                .map_err(|e| corrupt(path, e))?,
            path,
        )?;
        if sha256(&bytes) != entry.sha256 {
            return Err(HandoverError::Tampered {
                path: path.to_owned(),
                entry: table.clone(),
            });
        }
        let rows: Rows = serde_json::from_slice(&bytes).map_err(|e| corrupt(path, e))?;
        if rows.len() as u32 != entry.rows {
            return Err(HandoverError::Tampered {
                path: path.to_owned(),
                entry: table.clone(),
            });
        }
        tables.insert(table.clone(), rows);
    }
    Ok((manifest, tables))
}

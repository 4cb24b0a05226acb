//! The handover bundle: a zip holding `manifest.json`, one JSON array of rows per table (each
//! table's SHA-256 and row count in the manifest) and `signature.json` (the leaving ledger's
//! Ed25519 signature over the exact bytes of the manifest), encrypted as an age file for the
//! successor: to a passphrase given out of band, or to the successor ledger's age key.
//! A bundle is decrypted, its signature checked, then checked whole before anything is read
//! into a ledger: an unsigned, truncated, damaged or altered file is refused.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::crypto::identity::{fingerprint, LedgerIdentity};
use crate::error::HandoverError;

/// The bundle format this Daicho writes and reads (2: signed and encrypted).
pub const FORMAT: u32 = 2;

/// How a handover file is protected for its successor.
pub enum Seal {
    /// A passphrase the leaving rep gives the successor out of band (age's scrypt recipient).
    Passphrase(zeroize::Zeroizing<String>),
    /// The successor ledger's public key (`age1…`, shown in its Settings).
    Recipient(String),
}

/// What a successor opens a handover file with: a passphrase, and their ledger's own key.
pub struct Opener<'a> {
    pub passphrase: Option<&'a str>,
    pub identity: Option<&'a age::x25519::Identity>,
}

/// A bundle read and checked: its manifest, its rows, and who signed it.
pub struct Opened {
    pub manifest: Manifest,
    pub tables: BTreeMap<String, Rows>,
    /// The fingerprint of the ledger that signed the file.
    pub signer: String,
}

/// The signature entry: the signer's public key and its signature over `manifest.json`.
#[derive(Serialize, Deserialize)]
struct Signature {
    signer: String,
    signature: String,
}

/// The largest handover file read (a rep's whole portfolio is far smaller).
const MAX_FILE: u64 = 2 << 30;

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
    /// Lent for a leave until this day (YYYY-MM-DD); absent for a handover for good.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lent_until: Option<String>,
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
    signer: &LedgerIdentity,
    seal: &Seal,
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
    let (key, signature) = signer.sign(&manifest_bytes);
    let signature = serde_json::to_vec(&Signature {
        signer: data_encoding::HEXLOWER.encode(key.as_bytes()),
        signature: data_encoding::HEXLOWER.encode(&signature.to_bytes()),
    })
    .map_err(|e| corrupt(path, e))?;
    zip.start_file("signature.json", options)
        .map_err(|e| corrupt(path, e))?;
    zip.write_all(&signature).map_err(io(path))?;
    for (name, bytes) in &parts {
        zip.start_file(name.as_str(), options)
            .map_err(|e| corrupt(path, e))?;
        zip.write_all(bytes).map_err(io(path))?;
    }
    let bytes = zip.finish().map_err(|e| corrupt(path, e))?.into_inner();
    std::fs::write(path, encrypt(&bytes, seal, path)?).map_err(io(path))
}

fn encrypt(bytes: &[u8], seal: &Seal, path: &Path) -> Result<Vec<u8>, HandoverError> {
    let recipient: Box<dyn age::Recipient> = match seal {
        Seal::Passphrase(p) => {
            crate::crypto::check_passphrase(p).map_err(|_| HandoverError::NoProtection)?;
            Box::new(age::scrypt::Recipient::new(
                age::secrecy::SecretString::from(p.to_string()),
            ))
        }
        Seal::Recipient(r) => {
            Box::new(r.trim().parse::<age::x25519::Recipient>().map_err(|_| {
                HandoverError::BadRecipient {
                    recipient: r.clone(),
                }
            })?)
        }
    };
    let encryptor = age::Encryptor::with_recipients(std::iter::once(recipient.as_ref()))
        .map_err(|e| corrupt(path, e))?;
    let mut out = Vec::with_capacity(bytes.len() + 1024);
    let mut writer = encryptor.wrap_output(&mut out).map_err(io(path))?;
    writer.write_all(bytes).map_err(io(path))?;
    writer.finish().map_err(io(path))?;
    Ok(out)
}

/// The zip inside the age file at `path`, read no further than the file's own size.
fn decrypt(path: &Path, opener: &Opener<'_>) -> Result<Vec<u8>, HandoverError> {
    let len = std::fs::metadata(path).map_err(io(path))?.len();
    if len > MAX_FILE {
        return Err(corrupt(path, "larger than any handover file"));
    }
    let mut file = std::fs::File::open(path).map_err(io(path))?;
    let mut head = [0u8; 4];
    let _ = file.read(&mut head).map_err(io(path))?;
    if &head == b"PK\x03\x04" {
        // A zip in the clear: a file from before signing, or one put together by hand.
        return Err(HandoverError::Unsigned {
            path: path.to_owned(),
        });
    }
    let file = std::fs::File::open(path).map_err(io(path))?;
    let decryptor = age::Decryptor::new_buffered(std::io::BufReader::new(file))
        .map_err(|e| corrupt(path, e))?;
    let mut identities: Vec<Box<dyn age::Identity>> = Vec::new();
    if decryptor.is_scrypt() {
        let passphrase = opener.passphrase.filter(|p| !p.is_empty()).ok_or_else(|| {
            HandoverError::NeedsPassphrase {
                path: path.to_owned(),
            }
        })?;
        identities.push(Box::new(age::scrypt::Identity::new(
            age::secrecy::SecretString::from(passphrase.to_owned()),
        )));
    } else if let Some(identity) = opener.identity {
        identities.push(Box::new(identity.clone()));
    }
    let reader = decryptor
        .decrypt(identities.iter().map(|i| i.as_ref() as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::DecryptionFailed
            | age::DecryptError::NoMatchingKeys
            | age::DecryptError::KeyDecryptionFailed => HandoverError::CannotOpen {
                path: path.to_owned(),
            },
            other => corrupt(path, other),
        })?;
    let mut bytes = Vec::new();
    reader
        .take(len)
        .read_to_end(&mut bytes)
        .map_err(|_| corrupt(path, "cut short or altered"))?;
    Ok(bytes)
}

/// Checks the signature over the exact bytes of the manifest; the signer's fingerprint.
fn verify(path: &Path, manifest: &[u8], signature: &[u8]) -> Result<String, HandoverError> {
    let tampered = || HandoverError::Tampered {
        path: path.to_owned(),
        entry: "signature.json".into(),
    };
    let signature: Signature = serde_json::from_slice(signature).map_err(|_| tampered())?;
    let key =
        verify_signature(manifest, &signature.signer, &signature.signature).ok_or_else(tampered)?;
    Ok(fingerprint(&key))
}

/// The Ed25519 key (hex) that made `signature` (hex) over exactly `message`; none when the
/// signature does not hold.
pub(super) fn verify_signature(
    message: &[u8],
    signer: &str,
    signature: &str,
) -> Option<ed25519_dalek::VerifyingKey> {
    let key: [u8; 32] = data_encoding::HEXLOWER
        .decode(signer.as_bytes())
        .ok()?
        .try_into()
        .ok()?;
    let sig: [u8; 64] = data_encoding::HEXLOWER
        .decode(signature.as_bytes())
        .ok()?
        .try_into()
        .ok()?;
    let key = ed25519_dalek::VerifyingKey::from_bytes(&key).ok()?;
    key.verify_strict(message, &ed25519_dalek::Signature::from_bytes(&sig))
        .ok()?;
    Some(key)
}

/// How many times its packed size an entry may unpack to: rows of JSON pack 5 to 30 times; a
/// gigabyte of padding packed into a megabyte (a thousand times) is refused before it is read.
const MAX_UNPACK_RATIO: u64 = 200;
/// What any entry may unpack to beyond that, for small entries.
const UNPACK_SLACK: u64 = 1 << 20;

/// An entry's bytes, read no further than its bound: a bundle costs memory in proportion to
/// the packed data it holds, whatever its entries claim.
fn read_bounded<R: Read>(
    entry: zip::read::ZipFile<'_, R>,
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

/// Reads and checks a bundle: decrypted, its signature good, every table listed there with its
/// hash and row count, and nothing else.
pub fn read(path: &Path, opener: &Opener<'_>) -> Result<Opened, HandoverError> {
    let bytes = decrypt(path, opener)?;
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| corrupt(path, e))?;
    let signature = match zip.by_name("signature.json") {
        Ok(entry) => read_bounded(entry, path)?,
        Err(_) => {
            return Err(HandoverError::Unsigned {
                path: path.to_owned(),
            })
        }
    };
    let text = read_bounded(
        zip.by_name("manifest.json").map_err(|e| corrupt(path, e))?,
        path,
    )?;
    // The signature first: nothing of an unsigned or altered manifest is even parsed.
    let signer = verify(path, &text, &signature)?;
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
            || name == "signature.json"
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
    Ok(Opened {
        manifest,
        tables,
        signer,
    })
}

//! A ledger's own key pairs, made the first time they are needed and kept inside the
//! (encrypted) ledger: an Ed25519 signing key that signs its handover files, and an age X25519
//! identity, so that a colleague can write a handover file only this ledger can open.

use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::error::LedgerError;

pub struct LedgerIdentity {
    signing: SigningKey,
    age: age::x25519::Identity,
}

/// What Settings and the handover report show of a ledger's identity.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct IdentityInfo {
    /// The signing key's fingerprint, `XXXX XXXX XXXX XXXX XXXX XXXX XXXX XXXX`, to compare with
    /// the one a handover file was signed with.
    pub fingerprint: String,
    /// The age public key (`age1…`) a colleague writes a handover file to.
    pub recipient: String,
}

impl LedgerIdentity {
    /// The identity kept in the ledger, made and kept now if it has none yet (`conn` must be
    /// able to write).
    pub(crate) fn of(conn: &Connection) -> Result<LedgerIdentity, LedgerError> {
        if let Some(identity) = Self::stored(conn)? {
            return Ok(identity);
        }
        let mut seed = Zeroizing::new([0u8; 32]);
        getrandom::fill(seed.as_mut()).map_err(|e| LedgerError::Key(e.to_string()))?;
        let identity = LedgerIdentity {
            signing: SigningKey::from_bytes(&seed),
            age: age::x25519::Identity::generate(),
        };
        let seed_hex = Zeroizing::new(data_encoding::HEXLOWER.encode(seed.as_ref()));
        let age_secret = identity.age.to_string();
        use age::secrecy::ExposeSecret;
        conn.execute(
            "INSERT INTO ledger_meta (key, value) VALUES ('signing_key', ?1), ('age_identity', ?2)
             ON CONFLICT (key) DO NOTHING",
            [seed_hex.as_str(), age_secret.expose_secret()],
        )?;
        // Another writer may have made one first: the stored one is the ledger's.
        Self::stored(conn)?.ok_or_else(|| LedgerError::Key("identity".into()))
    }

    fn stored(conn: &Connection) -> Result<Option<LedgerIdentity>, LedgerError> {
        let get = |key: &str| -> rusqlite::Result<Option<Zeroizing<String>>> {
            conn.query_row("SELECT value FROM ledger_meta WHERE key = ?1", [key], |r| {
                r.get::<_, String>(0)
            })
            .optional()
            .map(|v| v.map(Zeroizing::new))
        };
        let (Some(seed_hex), Some(age_secret)) = (get("signing_key")?, get("age_identity")?) else {
            return Ok(None);
        };
        let seed = Zeroizing::new(
            data_encoding::HEXLOWER
                .decode(seed_hex.as_bytes())
                .map_err(|e| LedgerError::Key(e.to_string()))?,
        );
        let seed: [u8; 32] = seed
            .as_slice()
            .try_into()
            .map_err(|_| LedgerError::Key("signing key".into()))?;
        let age = age_secret
            .parse::<age::x25519::Identity>()
            .map_err(|e| LedgerError::Key(e.to_string()))?;
        Ok(Some(LedgerIdentity {
            signing: SigningKey::from_bytes(&seed),
            age,
        }))
    }

    pub fn info(&self) -> IdentityInfo {
        IdentityInfo {
            fingerprint: fingerprint(&self.signing.verifying_key()),
            recipient: self.age.to_public().to_string(),
        }
    }

    pub(crate) fn sign(&self, message: &[u8]) -> (VerifyingKey, ed25519_dalek::Signature) {
        (self.signing.verifying_key(), self.signing.sign(message))
    }

    pub(crate) fn age(&self) -> &age::x25519::Identity {
        &self.age
    }
}

/// A public key as people compare it: the first 16 bytes of its SHA-256, in groups of four hex
/// digits.
pub fn fingerprint(key: &VerifyingKey) -> String {
    let digest = Sha256::digest(key.as_bytes());
    let hex = data_encoding::HEXUPPER.encode(&digest[..16]);
    hex.as_bytes()
        .chunks(4)
        .map(|c| std::str::from_utf8(c).unwrap_or_default())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether two fingerprints are the same, however they were typed (spaces, case).
pub fn same_fingerprint(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_uppercase())
            .collect()
    };
    !norm(a).is_empty() && norm(a) == norm(b)
}

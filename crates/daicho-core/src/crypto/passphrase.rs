//! A ledger key made from a passphrase: Argon2id over the passphrase and the ledger's salt,
//! with OWASP's recommended cost (19 MiB, 2 passes), about 50 ms on a laptop.

use zeroize::Zeroizing;

use super::{LedgerKey, Salt, KEY_LEN};
use crate::error::LedgerError;

/// The shortest passphrase Daicho accepts, in characters.
pub const MIN_CHARS: usize = 8;

const MEMORY_KIB: u32 = 19 * 1024;
const PASSES: u32 = 2;

pub fn derive(passphrase: &str, salt: Salt) -> Result<LedgerKey, LedgerError> {
    if passphrase.chars().count() < MIN_CHARS {
        return Err(LedgerError::WeakPassphrase { min: MIN_CHARS });
    }
    let params = argon2::Params::new(MEMORY_KIB, PASSES, 1, Some(KEY_LEN))
        .map_err(|e| LedgerError::Key(e.to_string()))?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    argon
        .hash_password_into(passphrase.as_bytes(), &salt, key.as_mut())
        .map_err(|e| LedgerError::Key(e.to_string()))?;
    Ok(LedgerKey::from_parts(key, salt))
}

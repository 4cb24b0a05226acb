//! The recovery key: the ledger key itself, written for people (RFC 4648 base32 in groups of
//! four), shown once when a ledger is made and whenever the rep asks again after giving the
//! passphrase. With it a ledger opens on any computer.

use zeroize::Zeroizing;

use super::{LedgerKey, Salt, KEY_LEN};
use crate::error::LedgerError;

pub struct RecoveryKey(Zeroizing<[u8; KEY_LEN]>);

impl RecoveryKey {
    pub(super) fn of(key: &LedgerKey) -> RecoveryKey {
        RecoveryKey(Zeroizing::new(*key.bytes()))
    }

    /// Reads a recovery key as people type it: any case, with or without spaces and dashes.
    pub fn parse(text: &str) -> Result<RecoveryKey, LedgerError> {
        let cleaned: Zeroizing<String> = Zeroizing::new(
            text.chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .map(|c| c.to_ascii_uppercase())
                .collect(),
        );
        let bytes = Zeroizing::new(
            data_encoding::BASE32_NOPAD
                .decode(cleaned.as_bytes())
                .map_err(|_| LedgerError::BadRecoveryKey)?,
        );
        let array: [u8; KEY_LEN] = bytes
            .as_slice()
            .try_into()
            .map_err(|_| LedgerError::BadRecoveryKey)?;
        Ok(RecoveryKey(Zeroizing::new(array)))
    }

    pub(super) fn key(&self, salt: Salt) -> Result<LedgerKey, LedgerError> {
        Ok(LedgerKey::from_parts(self.0.clone(), salt))
    }

    /// `ABCD-EFGH-…`: 52 characters in 13 groups.
    pub fn to_text(&self) -> Zeroizing<String> {
        let plain = Zeroizing::new(data_encoding::BASE32_NOPAD.encode(self.0.as_ref()));
        let groups: Vec<&str> = plain
            .as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).unwrap_or_default())
            .collect();
        Zeroizing::new(groups.join("-"))
    }
}

//! The app's settings: one small JSON file in the OS's config folder (the caller says where).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::SettingsError;
use crate::i18n::Lang;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct Settings {
    /// None: follow the OS locale.
    pub language: Option<Lang>,
    /// Recorded as "who" in card history.
    pub user_name: String,
    /// The ledger opened last, opened again at start.
    pub ledger_path: Option<String>,
}

impl Settings {
    /// Reads the settings; a missing or unreadable file gives the defaults.
    pub fn load(path: &Path) -> Settings {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Writes the settings atomically (a temporary file renamed over the old one).
    pub fn save(&self, path: &Path) -> Result<(), SettingsError> {
        let io = |source| SettingsError::Io {
            path: path.to_owned(),
            source,
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let text = serde_json::to_string_pretty(self).unwrap_or_default();
        let tmp = PathBuf::from(format!("{}.tmp", path.display()));
        std::fs::write(&tmp, text).map_err(io)?;
        std::fs::rename(&tmp, path).map_err(io)
    }
}

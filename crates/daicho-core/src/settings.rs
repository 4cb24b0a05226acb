//! The app's settings: one small JSON file in the OS's config folder (the caller says where).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::backup::Retention;
use crate::i18n::Lang;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct Settings {
    /// None: follow the OS locale.
    pub language: Option<Lang>,
    /// Recorded as "who" in card history.
    pub user_name: String,
    /// The ledger opened last, opened again at start.
    pub ledger_path: Option<String>,
    /// The list's last-contact cue: recent below this many days, then getting old...
    pub contact_ageing_days: u32,
    /// ...and cold from this many days on (or never contacted).
    pub contact_cold_days: u32,
    /// Competitors' contracts renewing within this many days show on the follow-ups page.
    pub renewal_horizon_days: u32,
    /// Case studies older than this many months are flagged as stale.
    pub case_stale_months: u32,
    /// Where Excel reports are saved without asking; none: ask each time.
    pub report_folder: Option<String>,
    /// Column mappings the user saved, used again for files with the same headings.
    pub import_mappings: Vec<SavedMapping>,
    /// Where backups go (each ledger in its own folder inside); none: `backups` in the app-data
    /// folder. A USB stick or a synced folder works.
    pub backup_folder: Option<String>,
    /// How many backups are kept.
    pub backup_retention: Retention,
    /// A ledger protected by a passphrase locks after this many minutes without a key or a
    /// click in the window; 0: never.
    pub auto_lock_minutes: u32,
    /// How many days before its day each kind of reminder comes up.
    pub reminder_leads: crate::reminders::ReminderLeads,
    /// The markets whose season's greetings come up; none: the window's language's.
    pub greeting_markets: Vec<Lang>,
    /// The card list's columns and rows as the rep arranged them.
    pub list_view: ListView,
}

/// How the rep arranged the card list: the columns they hid, the widths they dragged (in
/// pixels, by column), and compact rows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ListView {
    pub hidden: Vec<String>,
    pub widths: std::collections::BTreeMap<String, u32>,
    pub compact: bool,
}

/// The narrowest and widest a column may be dragged.
pub const LIST_COLUMN_MIN: u32 = 40;
pub const LIST_COLUMN_MAX: u32 = 800;
/// More columns than any list has: a file holding more was not written by the window.
const LIST_COLUMNS_AT_MOST: usize = 100;

/// An import's columns as the user set them, for files whose header row is `headers`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SavedMapping {
    pub headers: Vec<String>,
    pub mapping: crate::import::Mapping,
}

/// Longest renewal horizon: two years ahead.
pub const MAX_RENEWAL_HORIZON_DAYS: u32 = 730;
/// The longest idle time before the window locks: a working day.
pub const MAX_AUTO_LOCK_MINUTES: u32 = 480;
/// Oldest a case may be before it is stale, at most: twenty years.
pub const MAX_CASE_STALE_MONTHS: u32 = 240;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: None,
            user_name: String::new(),
            ledger_path: None,
            contact_ageing_days: 30,
            contact_cold_days: 90,
            renewal_horizon_days: 90,
            case_stale_months: 36,
            report_folder: None,
            import_mappings: Vec::new(),
            backup_folder: None,
            backup_retention: Retention::default(),
            auto_lock_minutes: 0,
            reminder_leads: Default::default(),
            greeting_markets: Vec::new(),
            list_view: ListView::default(),
        }
    }
}

/// Where the app keeps its data and settings: the same folders the app uses, so that the CLI
/// finds its settings (the backup folder and how many backups to keep).
#[derive(Debug, Clone, PartialEq)]
pub struct AppDirs {
    pub data: PathBuf,
    pub settings_file: PathBuf,
}

/// The app's identifier: its folder's name under the system's data and config folders.
pub const APP_ID: &str = "app.daicho.ledger";

impl AppDirs {
    /// Settings and ledgers both in `data`.
    pub fn at(data: PathBuf) -> AppDirs {
        AppDirs {
            settings_file: data.join("settings.json"),
            data,
        }
    }

    /// `DAICHO_DATA_DIR` when set (tests, portable use), else the system's folders.
    pub fn resolve() -> AppDirs {
        if let Some(dir) = std::env::var_os("DAICHO_DATA_DIR").filter(|d| !d.is_empty()) {
            return AppDirs::at(PathBuf::from(dir));
        }
        let base = |dir: Option<PathBuf>| dir.unwrap_or_else(|| PathBuf::from(".")).join(APP_ID);
        AppDirs {
            data: base(dirs::data_dir()),
            settings_file: base(dirs::config_dir()).join("settings.json"),
        }
    }

    pub fn default_backup_folder(&self) -> PathBuf {
        self.data.join("backups")
    }

    /// The backup folder and retention the settings give. The default folder is made when
    /// missing; a folder the rep chose is used only when it is there.
    pub fn backup_config(&self, settings: &Settings) -> crate::BackupConfig {
        let chosen = settings
            .backup_folder
            .as_deref()
            .filter(|f| !f.trim().is_empty())
            .map(PathBuf::from);
        let root = chosen.unwrap_or_else(|| {
            let default = self.default_backup_folder();
            let _ = std::fs::create_dir_all(&default);
            default
        });
        crate::BackupConfig {
            root,
            retention: settings.backup_retention,
        }
    }
}

/// The user's login name: who history records until they give their name.
pub fn login_name() -> String {
    ["USER", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok())
        .unwrap_or_default()
}

impl Settings {
    /// What the reminders look for: the lead times, the renewal horizon and the greetings of
    /// the chosen markets (else of `lang`, the language the rep works in).
    pub fn reminder_query(&self, lang: Lang) -> crate::reminders::ReminderQuery {
        crate::reminders::ReminderQuery {
            leads: self.reminder_leads,
            renewal_days: self.renewal_horizon_days,
            greetings: if self.greeting_markets.is_empty() {
                vec![lang]
            } else {
                self.greeting_markets.clone()
            },
        }
    }

    /// Reads the settings; a missing or unreadable file gives the defaults.
    pub fn load(path: &Path) -> Settings {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Refuses thresholds a cue cannot use: zero, or "cold" not after "getting old".
    pub fn validate(&self) -> Result<(), SettingsError> {
        if !self.backup_retention.is_valid() {
            return Err(SettingsError::OutOfRange {
                field: "backup_retention",
                max: crate::backup::MAX_KEEP,
            });
        }
        if self.contact_ageing_days == 0 || self.contact_cold_days <= self.contact_ageing_days {
            return Err(SettingsError::Thresholds);
        }
        for (field, value, max) in [
            (
                "renewal_horizon_days",
                self.renewal_horizon_days,
                MAX_RENEWAL_HORIZON_DAYS,
            ),
            (
                "case_stale_months",
                self.case_stale_months,
                MAX_CASE_STALE_MONTHS,
            ),
        ] {
            if !(1..=max).contains(&value) {
                return Err(SettingsError::OutOfRange { field, max });
            }
        }
        for (field, lead) in self.reminder_leads.all() {
            if !(1..=crate::reminders::MAX_LEAD_DAYS).contains(&lead) {
                return Err(SettingsError::OutOfRange {
                    field,
                    max: crate::reminders::MAX_LEAD_DAYS,
                });
            }
        }
        let view = &self.list_view;
        if view.hidden.len() > LIST_COLUMNS_AT_MOST
            || view.widths.len() > LIST_COLUMNS_AT_MOST
            || view
                .widths
                .values()
                .any(|w| !(LIST_COLUMN_MIN..=LIST_COLUMN_MAX).contains(w))
        {
            return Err(SettingsError::OutOfRange {
                field: "list_view",
                max: LIST_COLUMN_MAX,
            });
        }
        if self.auto_lock_minutes > MAX_AUTO_LOCK_MINUTES {
            return Err(SettingsError::OutOfRange {
                field: "auto_lock_minutes",
                max: MAX_AUTO_LOCK_MINUTES,
            });
        }
        Ok(())
    }

    /// Writes the settings atomically (a temporary file renamed over the old one).
    pub fn save(&self, path: &Path) -> Result<(), SettingsError> {
        self.validate()?;
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
        crate::output::private(&tmp);
        std::fs::rename(&tmp, path).map_err(io)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_old_files_get_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        let settings = Settings {
            user_name: "山田".into(),
            contact_cold_days: 120,
            ..Settings::default()
        };
        settings.save(&path).unwrap();
        assert_eq!(Settings::load(&path), settings);
        std::fs::write(&path, r#"{"user_name": "李"}"#).unwrap();
        assert_eq!(Settings::load(&path).contact_ageing_days, 30);
    }

    #[test]
    fn the_card_lists_columns_are_kept_as_arranged_and_a_width_out_of_reach_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        let mut arranged = Settings::default();
        arranged.list_view.hidden = vec!["phone".into(), "reading".into()];
        arranged.list_view.widths.insert("name".into(), 320);
        arranged.list_view.compact = true;
        arranged.save(&path).unwrap();
        assert_eq!(Settings::load(&path).list_view, arranged.list_view);
        let mut wild = arranged.clone();
        wild.list_view.widths.insert("owner".into(), 20_000);
        assert!(wild.save(&path).is_err());
        assert_eq!(Settings::load(&path), arranged, "nothing written");
    }

    #[test]
    fn the_idle_lock_is_off_by_default_and_at_most_a_working_day() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        assert_eq!(Settings::default().auto_lock_minutes, 0);
        let too_long = Settings {
            auto_lock_minutes: 481,
            ..Settings::default()
        };
        assert!(too_long.save(&path).is_err());
        assert!(!path.exists(), "nothing written");
        let fifteen = Settings {
            auto_lock_minutes: 15,
            ..Settings::default()
        };
        fifteen.save(&path).unwrap();
        assert_eq!(Settings::load(&path).auto_lock_minutes, 15);
    }

    #[test]
    fn cold_must_come_after_getting_old() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        let bad = Settings {
            contact_ageing_days: 60,
            contact_cold_days: 60,
            ..Settings::default()
        };
        assert!(matches!(bad.save(&path), Err(SettingsError::Thresholds)));
        assert!(!path.exists(), "nothing written");
    }

    #[test]
    fn renewal_horizon_and_case_age_stay_within_reason() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        let none = Settings {
            renewal_horizon_days: 0,
            ..Settings::default()
        };
        let error = none.save(&path).unwrap_err();
        assert!(matches!(
            error,
            SettingsError::OutOfRange {
                field: "renewal_horizon_days",
                max: 730
            }
        ));
        let ancient = Settings {
            case_stale_months: 241,
            ..Settings::default()
        };
        assert!(ancient.save(&path).is_err());
        assert!(!path.exists(), "nothing written");
        let fine = Settings {
            renewal_horizon_days: 730,
            case_stale_months: 1,
            ..Settings::default()
        };
        fine.save(&path).unwrap();
        assert_eq!(Settings::load(&path), fine);
    }
}

/// Reading and writing the app's settings file.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("unknown language {0}")]
    UnknownLanguage(String),
    #[error("the last-contact thresholds are out of order")]
    Thresholds,
    #[error("{field} must be from 1 to {max}")]
    OutOfRange { field: &'static str, max: u32 },
}

coded!(SettingsError {
    Io { path, source } => io("settings.io"),
    UnknownLanguage(language) => code("settings.unknown_language", "language"),
    Thresholds => code("settings.thresholds"),
    OutOfRange { field, max } => code("settings.out_of_range"),
});

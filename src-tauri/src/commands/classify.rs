//! Classification settings, re-classification, a card's stored classes and the dashboard.

use daicho_core::classify::ClassConfig;
use daicho_core::classify::{LastRun, StoredClass};
use daicho_core::dashboard::{Dashboard, DashboardQuery};
use daicho_core::error::ClassifyError;
use daicho_core::ids::CardId;
use daicho_core::ErrorReport;
use serde::Serialize;

use super::sales::period;

commands! {
    fn class_config_get() -> ClassConfig => |l| l.class_config();

    /// Saves the settings; refused whole, with every problem, when any rule is broken.
    fn class_config_set(config: ClassConfig) -> ClassConfig => |l| l.set_class_config(&config);

    fn card_class_get(card_id: CardId) -> Option<StoredClass> => |l| l.card_class(&card_id);

    fn dashboard_get(query: DashboardQuery) -> Dashboard => |l| l.dashboard(&query);
}

/// The settings a new ledger starts with.
#[tauri::command]
#[specta::specta]
pub async fn class_config_default() -> Result<ClassConfig, ErrorReport> {
    Ok(ClassConfig::default())
}

/// What a re-classification did: the classes themselves are read through the card list.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct Reclassified {
    pub changed: u32,
    pub run: Option<LastRun>,
}

commands! {
    /// Re-classifies every card over `from`..`to` (none: the default period) on a connection of
    /// its own; the classes themselves are read through the card list.
    fn reclassify(from: Option<String>, to: Option<String>) -> Reclassified => apart |l| {
        let period = period(l, from, to).map_err(ClassifyError::from)?;
        let (_, changed) = l.reclassify(period)?;
        Ok::<_, ClassifyError>(Reclassified {
            changed: u32::try_from(changed).unwrap_or(u32::MAX),
            run: l.last_classified()?,
        })
    };
}

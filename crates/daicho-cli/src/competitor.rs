//! `daicho competitor`: a competitor's customers (the competitor page's "Customers using their
//! products"), the least satisfied first, with what they say of the product.

use std::path::PathBuf;

use daicho_core::error::{Coded, CompetitionError};
use daicho_core::i18n::Lang;
use daicho_core::ErrorReport;

use crate::classify::t;

#[derive(clap::Args)]
pub struct CompetitorArgs {
    file: PathBuf,
    /// The competitor's name, as the Competitors tab lists it.
    #[arg(long)]
    name: String,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(args: CompetitorArgs, lang: Lang) -> Result<(), ErrorReport> {
    let ledger = crate::open_ledger(&args.file).map_err(|e| e.report())?;
    let wanted = daicho_core::text::normalize(args.name.trim());
    let competitor = ledger
        .competitors()
        .map_err(|e| e.report())?
        .into_iter()
        .find(|c| daicho_core::text::normalize(&c.fields.name) == wanted)
        .ok_or_else(|| {
            CompetitionError::CompetitorNotFound {
                id: args.name.clone(),
            }
            .report()
        })?;
    let users = ledger
        .competitor_users(&competitor.id)
        .map_err(|e| e.report())?;
    if args.json {
        out_json!(serde_json::to_string_pretty(&users).unwrap_or_default());
        return Ok(());
    }
    out!(
        "{}\t{}",
        competitor.fields.name,
        t(
            lang,
            "competitor.users_count",
            &[("count", users.total.to_string())]
        )
    );
    for u in &users.users {
        let satisfaction = u
            .satisfaction
            .map(|s| t(lang, &format!("usage.satisfaction.{s}"), &[]))
            .unwrap_or_default();
        out!(
            "{}\t{}\t{}\t{}\t{}",
            u.card_name,
            u.product_name,
            satisfaction,
            u.renewal_on.clone().unwrap_or_default(),
            u.notes
        );
    }
    Ok(())
}

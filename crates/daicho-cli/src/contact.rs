//! `daicho contact`: records a contact with one customer or, with `--code` repeated, the same
//! contact with several (a meeting or event they came to, a training given to them all), all or
//! none: a refused contact or an unknown code exits 1 and nothing is written. A negotiation takes
//! its stage, amount and, once decided, its result (won or lost) with why.

use std::path::PathBuf;

use daicho_core::contact::{ContactFields, ContactKind, DealResult, Negotiation};
use daicho_core::error::Coded;
use daicho_core::ErrorReport;

#[derive(clap::Args)]
pub struct ContactArgs {
    file: PathBuf,
    /// The customer's code; repeat it to record the same contact with each.
    #[arg(long = "code", required = true)]
    codes: Vec<String>,
    /// visit | phone | letter | email | meeting | complaint | negotiation | service | message | training | other
    #[arg(long, value_parser = parse_kind, default_value = "visit")]
    kind: ContactKind,
    /// When, as YYYY-MM-DDTHH:MM (local time).
    #[arg(long)]
    at: String,
    #[arg(long, default_value = "")]
    purpose: String,
    #[arg(long, default_value = "")]
    content: String,
    #[arg(long, default_value = "")]
    outcome: String,
    /// Who had the contact (default: you).
    #[arg(long)]
    rep: Option<String>,
    /// A negotiation's stage.
    #[arg(long, default_value = "")]
    stage: String,
    /// A negotiation's amount in play.
    #[arg(long)]
    amount: Option<i64>,
    /// How a negotiation ended: won | lost.
    #[arg(long, value_parser = parse_result)]
    result: Option<DealResult>,
    /// Why it was won or lost (to whom, the contract's number).
    #[arg(long, default_value = "")]
    result_note: String,
}

fn parse_result(s: &str) -> Result<DealResult, String> {
    DealResult::parse(s).ok_or_else(|| format!("unknown result \"{s}\": won or lost"))
}

fn parse_kind(s: &str) -> Result<ContactKind, String> {
    ContactKind::parse(s).ok_or_else(|| format!("unknown kind of contact \"{s}\""))
}

pub fn run(args: ContactArgs) -> Result<(), ErrorReport> {
    let mut ledger = crate::open_ledger(&args.file).map_err(|e| e.report())?;
    let ids = args
        .codes
        .iter()
        .map(|code| ledger.card_id_by_code(code))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.report())?;
    let fields = ContactFields {
        kind: args.kind,
        at: args.at,
        purpose: args.purpose,
        content: args.content,
        outcome: args.outcome,
        rep: args.rep.unwrap_or_else(|| ledger.actor().to_owned()),
        negotiation: (args.kind == ContactKind::Negotiation).then(|| Negotiation {
            stage: args.stage,
            amount: args.amount,
            result: args.result,
            result_note: args.result_note,
            ..Negotiation::default()
        }),
        ..ContactFields::default()
    };
    let logged = ledger
        .add_contact_to_cards(&ids, &fields)
        .map_err(|e| e.report())?;
    out!("{logged}");
    Ok(())
}

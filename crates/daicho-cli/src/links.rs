//! `daicho links`: the customers a card is linked to (the card page's Links section): who
//! referred it and the chain before, whom it referred, its group or household with the sales
//! rolled up; `--set KIND --to CODE` links it, `--clear KIND` removes a link.

use std::path::PathBuf;

use daicho_core::error::Coded;
use daicho_core::i18n::{grouped, Lang};
use daicho_core::links::{CardLinkFields, CardLinkKind, CardLinks, GroupSales, LinkedCard};
use daicho_core::ErrorReport;

use crate::classify::t;

#[derive(clap::Args)]
pub struct LinksArgs {
    file: PathBuf,
    /// The card's customer code.
    #[arg(long)]
    code: String,
    /// Link the card: referred_by | branch_of | household_of (with --to).
    #[arg(long, value_parser = parse_kind, requires = "to")]
    set: Option<CardLinkKind>,
    /// The customer code of the other card.
    #[arg(long)]
    to: Option<String>,
    /// How they were introduced, or what the relationship is.
    #[arg(long, default_value = "")]
    note: String,
    /// Remove the card's link of this kind.
    #[arg(long, value_parser = parse_kind, conflicts_with = "set")]
    clear: Option<CardLinkKind>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

fn parse_kind(s: &str) -> Result<CardLinkKind, String> {
    CardLinkKind::parse(s)
        .ok_or_else(|| format!("unknown link \"{s}\": referred_by, branch_of or household_of"))
}

pub fn run(args: LinksArgs, lang: Lang) -> Result<(), ErrorReport> {
    let mut ledger = crate::open_ledger(&args.file).map_err(|e| e.report())?;
    let id = ledger.card_id_by_code(&args.code).map_err(|e| e.report())?;
    let links = if let (Some(kind), Some(to)) = (args.set, &args.to) {
        let other_id = ledger.card_id_by_code(to).map_err(|e| e.report())?;
        let link = CardLinkFields {
            kind,
            other_id,
            note: args.note.clone(),
        };
        ledger.set_card_link(&id, kind, Some(&link))
    } else if let Some(kind) = args.clear {
        ledger.set_card_link(&id, kind, None)
    } else {
        ledger.card_links(&id)
    }
    .map_err(|e| e.report())?;
    if args.json {
        out_json!(serde_json::to_string_pretty(&links).unwrap_or_default());
    } else {
        print(&links, lang);
    }
    Ok(())
}

fn card(c: &LinkedCard) -> String {
    if c.note.is_empty() {
        format!("{} {}", c.code, c.name)
    } else {
        format!("{} {} ({})", c.code, c.name, c.note)
    }
}

fn group(g: &GroupSales, lang: Lang) {
    let title = match g.kind {
        CardLinkKind::HouseholdOf => "links.household",
        _ => "links.group",
    };
    out!(
        "{}\t{}",
        t(lang, title, &[]),
        t(
            lang,
            "links.group_total",
            &[("total", grouped(g.total)), ("from", g.from.clone())]
        )
    );
    for m in &g.members {
        out!(
            "  {}{}\t{}",
            "  ".repeat(m.depth as usize),
            card(&m.card),
            grouped(m.amount)
        );
    }
}

fn print(l: &CardLinks, lang: Lang) {
    for (kind, other) in [
        (CardLinkKind::ReferredBy, &l.referred_by),
        (CardLinkKind::BranchOf, &l.branch_of),
        (CardLinkKind::HouseholdOf, &l.household_of),
    ] {
        if let Some(other) = other {
            out!(
                "{}\t{}",
                t(lang, &format!("links.kind.{}", kind.as_str()), &[]),
                card(other)
            );
        }
    }
    if l.referral_chain.len() > 1 {
        let chain: Vec<String> = l.referral_chain.iter().map(card).collect();
        out!("{}\t{}", t(lang, "links.chain", &[]), chain.join(" ← "));
    }
    if !l.referred.is_empty() {
        out!(
            "{}\t{}",
            t(lang, "links.referred", &[]),
            t(
                lang,
                "links.referred_count",
                &[
                    ("count", l.referred.len().to_string()),
                    ("all", l.referred_in_all.to_string())
                ]
            )
        );
        for r in &l.referred {
            out!("  {}", card(r));
        }
    }
    for g in [&l.group, &l.household].into_iter().flatten() {
        group(g, lang);
    }
    if l.referred_by.is_none()
        && l.branch_of.is_none()
        && l.household_of.is_none()
        && l.referred.is_empty()
        && l.group.is_none()
        && l.household.is_none()
    {
        out!("{}", t(lang, "links.none", &[]));
    }
}

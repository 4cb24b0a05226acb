//! `daicho handover`: write a portfolio's bundle for a successor, take one over (or only preview
//! it with --dry-run), undo a take-over.

use std::path::PathBuf;

use clap::Subcommand;
use daicho_core::card::CardStatus;
use daicho_core::card_list::CardQuery;
use daicho_core::error::{Coded, HandoverError};
use daicho_core::handover::{
    CardChoice, Choice, HandoverSelection, Keep, PreviewStatus, Resolution, TakeOverRequest,
};
use daicho_core::i18n::{self, Lang};
use daicho_core::ErrorReport;

#[derive(Subcommand)]
pub enum HandoverCommand {
    /// Write the chosen cards (every live card of OWNER, or those the filters or codes choose),
    /// with everything on them, to a bundle for the successor.
    Export {
        file: PathBuf,
        #[arg(long, required_unless_present_any = ["codes", "tag", "status", "text"])]
        owner: Option<String>,
        /// Only these cards, by customer code (repeatable; not with the filters).
        #[arg(long = "code", conflicts_with_all = ["owner", "tag", "status", "text"])]
        codes: Vec<String>,
        /// Only the cards with this tag.
        #[arg(long)]
        tag: Option<String>,
        /// Only the cards of this status: prospect | active | dormant | lost.
        #[arg(long, value_parser = crate::export::parse_status)]
        status: Option<CardStatus>,
        /// Only the cards whose name, reading, code, phone or e-mail contains this text.
        #[arg(long)]
        text: Option<String>,
        /// The successor.
        #[arg(long)]
        to: String,
        /// The bundle to write; an existing file is refused unless --force (a ledger always is).
        #[arg(long)]
        out: PathBuf,
        /// Also write the handover report for the manager (.xlsx): both files, or neither.
        #[arg(long)]
        report: Option<PathBuf>,
        #[arg(long)]
        lang: Option<String>,
        /// Replace existing --out and --report files.
        #[arg(long)]
        force: bool,
        /// Encrypt the file to the passphrase in the first line of FILE (or
        /// DAICHO_HANDOVER_PASSPHRASE); tell it to the successor in person or by phone.
        #[arg(long, value_name = "FILE", conflicts_with = "recipient")]
        handover_passphrase_file: Option<PathBuf>,
        /// Encrypt the file to the successor ledger's public key (age1…, `daicho key identity`).
        #[arg(long, value_name = "AGE_KEY")]
        recipient: Option<String>,
        /// Lend the cards for a leave (they are to come back) rather than hand them over for
        /// good; either way they are read-only in this ledger once the file is written.
        #[arg(long)]
        lend: bool,
        /// With --lend: the day (YYYY-MM-DD) the cards are lent until, shown on both sides.
        #[arg(long, value_name = "DATE", requires = "lend")]
        until: Option<String>,
    },
    /// Take a bundle over into this ledger (its cards become the successor's), or with --dry-run
    /// only say what would happen. (`import` is its name in earlier versions.)
    #[command(alias = "import")]
    TakeOver {
        file: PathBuf,
        bundle: PathBuf,
        #[arg(long)]
        dry_run: bool,
        /// Merge this likely duplicate (by the bundle card's code) into the card it looks like;
        /// repeatable. Other duplicates are kept beside the existing card.
        #[arg(long = "merge")]
        merge: Vec<String>,
        /// Lent cards coming back: for every value changed both here and by the colleague,
        /// keep this side's (the take-over is refused while such a value has no choice; the
        /// window lets you choose each).
        #[arg(long, value_name = "mine|theirs", value_parser = parse_keep)]
        keep: Option<Keep>,
        /// Who confirms the take-over (default: the successor the bundle names).
        #[arg(long)]
        confirm: Option<String>,
        /// Replace an existing --report file.
        #[arg(long)]
        force: bool,
        /// Also write the handover report with the confirmation (.xlsx).
        #[arg(long)]
        report: Option<PathBuf>,
        #[arg(long)]
        lang: Option<String>,
        /// The passphrase the colleague gave, in the first line of FILE (or
        /// DAICHO_HANDOVER_PASSPHRASE); a file written to this ledger's key needs none.
        #[arg(long, value_name = "FILE")]
        handover_passphrase_file: Option<PathBuf>,
        /// The fingerprint of the ledger that signed the file, as the handover report shows it:
        /// the take-over is refused without it, and when the file is signed by another ledger.
        #[arg(long)]
        signer: Option<String>,
    },
    /// Undo a take-over (its id as `take-over` printed it).
    Undo { file: PathBuf, id: String },
    /// The handover files whose cards are marked handed over (read-only) in this ledger.
    Given {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Take back a handover the successor never took over (its file id as `given` prints it):
    /// its cards can be changed in this ledger again.
    Withdraw { file: PathBuf, bundle: String },
    /// On the successor's side: write the signed receipt of a take-over (its id as
    /// `take-over` printed it) for the leaving rep.
    Receipt {
        file: PathBuf,
        id: String,
        #[arg(long)]
        out: PathBuf,
        /// Replace an existing --out file (never a ledger).
        #[arg(long)]
        force: bool,
    },
    /// On the leaving side: take the successor's receipt in. Cards it left out are editable
    /// here again; the ones taken over can then be removed for good.
    Received { file: PathBuf, receipt: PathBuf },
    /// Remove for good (erasing them everywhere in this ledger) the cards of a handover file
    /// whose receipt came back; lent cards are never removed.
    Remove { file: PathBuf, bundle: String },
}

/// A handover file's passphrase: from `file`'s first line, or DAICHO_HANDOVER_PASSPHRASE.
fn handover_passphrase(
    file: Option<&std::path::Path>,
) -> Result<Option<zeroize::Zeroizing<String>>, ErrorReport> {
    match file {
        Some(path) => crate::key::read_secret(path).map(Some),
        None => Ok(std::env::var("DAICHO_HANDOVER_PASSPHRASE")
            .ok()
            .map(zeroize::Zeroizing::new)),
    }
}

pub fn run(command: HandoverCommand, lang: Lang) -> Result<(), ErrorReport> {
    let report_lang = |code: &Option<String>| code.as_deref().and_then(Lang::parse).unwrap_or(lang);
    match command {
        HandoverCommand::Export {
            file,
            owner,
            codes,
            tag,
            status,
            text,
            to,
            out,
            report,
            lang: code,
            force,
            handover_passphrase_file,
            recipient,
            lend,
            until,
        } => {
            let passphrase = handover_passphrase(handover_passphrase_file.as_deref())?;
            let mut ledger = crate::open_ledger(&file).map_err(|e| e.report())?;
            // Codes or filters choose cards; an owner alone hands over the whole portfolio.
            let chosen = if !codes.is_empty() {
                let ids = codes.iter().map(|code| ledger.card_id_by_code(code));
                Some(ids.collect::<Result<Vec<_>, _>>().map_err(|e| e.report())?)
            } else if tag.is_some() || status.is_some() || text.is_some() {
                let query = CardQuery {
                    text: text.unwrap_or_default(),
                    status,
                    owner: owner.clone(),
                    tag,
                    ..CardQuery::default()
                };
                let ids = ledger.matching_ids(&query);
                Some(ids.map_err(|e| HandoverError::from(e).report())?)
            } else {
                None
            };
            let selection = HandoverSelection {
                owner: if chosen.is_some() { None } else { owner },
                card_ids: chosen.unwrap_or_default(),
                to_owner: to,
                passphrase: passphrase.map(|p| p.to_string()),
                recipient,
                lend,
                lend_until: until,
            };
            let existing = crate::existing(force);
            let (made, written) = match &report {
                Some(path) => {
                    let (made, written) = ledger
                        .handover_export_with_report(
                            &selection,
                            &out,
                            path,
                            report_lang(&code),
                            existing,
                        )
                        .map_err(|e| e.report())?;
                    (made, Some(written))
                }
                None => (
                    ledger
                        .handover_export(&selection, &out, existing)
                        .map_err(|e| e.report())?,
                    None,
                ),
            };
            out!(
                "{} ({} cards, bundle {})",
                made.path,
                made.cards,
                made.bundle_id
            );
            for (table, rows) in &made.counts {
                out!("  {table:<18} {rows}");
            }
            out!("signed by ledger {}", made.signer);
            if let Some(written) = written {
                out!("{}", written.path);
            }
        }
        HandoverCommand::TakeOver {
            file,
            bundle,
            dry_run,
            merge,
            keep,
            confirm,
            report,
            lang: code,
            force,
            handover_passphrase_file,
            signer,
        } => {
            let passphrase = handover_passphrase(handover_passphrase_file.as_deref())?;
            let existing = crate::existing(force);
            if let Some(path) = &report {
                // Refused before the take-over, not after it.
                daicho_core::output::check_target(path, existing).map_err(|e| e.report())?;
            }
            let mut ledger = crate::open_ledger(&file).map_err(|e| e.report())?;
            let preview = ledger
                .take_over_preview(&bundle, passphrase.as_deref().map(String::as_str))
                .map_err(|e| e.report())?;
            out!(
                "{} → {} ({} cards), signed by ledger {}",
                preview.from_owner,
                preview.to_owner,
                preview.cards.len(),
                preview.signer
            );
            for card in &preview.cards {
                let note = match (&card.status, &card.existing) {
                    (PreviewStatus::Duplicate, Some(e)) => format!(
                        "duplicate of {} {} ({})",
                        e.code,
                        e.name,
                        card.why.clone().unwrap_or_default()
                    ),
                    (PreviewStatus::Returning, _) => {
                        format!("returning with {} changes", card.changes)
                    }
                    (status, _) => status.as_str().to_owned(),
                };
                out!("  {}\t{}\t{note}", card.code, card.name);
            }
            if let Some(until) = &preview.lent_until {
                out!("lent until {until}");
            }
            for c in &preview.conflicts {
                out!(
                    "  conflict\t{}\t{} {}\t{}\there: {}\tcolleague: {}",
                    c.card_name,
                    c.table,
                    c.row_label,
                    c.field,
                    c.mine,
                    c.theirs
                );
            }
            if preview.already_taken_over {
                out!("already taken over: nothing to do");
            }
            if dry_run {
                return Ok(());
            }
            let choices = preview
                .cards
                .iter()
                .filter(|c| merge.contains(&c.code))
                .map(|c| CardChoice {
                    card_id: c.card_id.clone(),
                    choice: Choice::Merge,
                })
                .collect();
            let resolutions = keep
                .map(|keep| {
                    preview
                        .conflicts
                        .iter()
                        .map(|c| Resolution {
                            table: c.table.clone(),
                            row: c.row.clone(),
                            field: c.field.clone(),
                            keep,
                        })
                        .collect()
                })
                .unwrap_or_default();
            let request = TakeOverRequest {
                choices,
                resolutions,
                confirmed_by: confirm.unwrap_or_else(|| preview.to_owner.clone()),
                passphrase: passphrase.map(|p| p.to_string()),
                signer: signer.unwrap_or_default(),
            };
            let record = ledger
                .take_over(&bundle, &request)
                .map_err(|e| e.report())?;
            out!(
                "take-over {}: {} added, {} merged, {} skipped, {} came back{}",
                record.id,
                record.added,
                record.merged,
                record.skipped,
                record.returned,
                if record.applied {
                    ""
                } else {
                    " (taken over before: nothing changed)"
                }
            );
            if let Some(path) = report {
                let written = ledger
                    .take_over_report(&record.id, report_lang(&code), &path, existing)
                    .map_err(|e| e.report())?;
                out!("{}", written.path);
            }
        }
        HandoverCommand::Undo { file, id } => {
            let mut ledger = crate::open_ledger(&file).map_err(|e| e.report())?;
            let record = ledger.take_over_undo(&id).map_err(|e| e.report())?;
            out!("take-over {} undone", record.id);
        }
        HandoverCommand::Given { file, json } => {
            let ledger = crate::open_ledger(&file).map_err(|e| e.report())?;
            let given = ledger
                .handed_over()
                .map_err(|e| HandoverError::from(e).report())?;
            if json {
                out_json!(serde_json::to_string_pretty(&given).unwrap_or_default());
                return Ok(());
            }
            if given.is_empty() {
                out!(
                    "{}",
                    i18n::message(lang, "handover.given_none", &Default::default())
                );
            }
            for g in &given {
                let count = [("count".to_owned(), i18n::grouped(i64::from(g.cards)))]
                    .into_iter()
                    .collect();
                let lent = if g.lent {
                    let until = g
                        .until
                        .as_ref()
                        .map(|u| {
                            let day = [("date".to_owned(), u.clone())].into_iter().collect();
                            format!(" {}", i18n::message(lang, "handover.until", &day))
                        })
                        .unwrap_or_default();
                    format!(
                        " ({}{until})",
                        i18n::message(lang, "handover.lent", &Default::default())
                    )
                } else {
                    String::new()
                };
                out!(
                    "{}  {}  → {}{lent}  {}  {}",
                    g.bundle_id,
                    g.at,
                    g.to_owner,
                    i18n::message(lang, "copies.cards", &count),
                    g.file
                );
            }
        }
        HandoverCommand::Withdraw { file, bundle } => {
            let mut ledger = crate::open_ledger(&file).map_err(|e| e.report())?;
            let n = ledger.withdraw_handover(&bundle).map_err(|e| e.report())?;
            let count = [("count".to_owned(), i18n::grouped(i64::from(n)))]
                .into_iter()
                .collect();
            out!("{}", i18n::message(lang, "handover.withdrawn", &count));
        }
        HandoverCommand::Receipt {
            file,
            id,
            out,
            force,
        } => {
            let mut ledger = crate::open_ledger(&file).map_err(|e| e.report())?;
            let written = ledger
                .write_receipt(&id, &out, crate::existing(force))
                .map_err(|e| e.report())?;
            let words = [
                ("to".to_owned(), written.to_owner.clone()),
                ("taken".to_owned(), i18n::grouped(i64::from(written.taken))),
                (
                    "left".to_owned(),
                    i18n::grouped(i64::from(written.left_out)),
                ),
                ("path".to_owned(), written.path.clone()),
            ]
            .into_iter()
            .collect();
            out!(
                "{}",
                i18n::message(lang, "handover.receipt_written", &words)
            );
        }
        HandoverCommand::Received { file, receipt } => {
            let mut ledger = crate::open_ledger(&file).map_err(|e| e.report())?;
            let r = ledger.accept_receipt(&receipt).map_err(|e| e.report())?;
            let words = [
                ("to".to_owned(), r.to_owner.clone()),
                ("signer".to_owned(), r.signer.clone()),
                ("taken".to_owned(), i18n::grouped(i64::from(r.taken))),
                ("left".to_owned(), i18n::grouped(i64::from(r.left_out))),
            ]
            .into_iter()
            .collect();
            out!(
                "{}  {}",
                r.bundle_id,
                i18n::message(lang, "handover.receipt_accepted", &words)
            );
        }
        HandoverCommand::Remove { file, bundle } => {
            let mut ledger = crate::open_ledger(&file).map_err(|e| e.report())?;
            let n = ledger.remove_handed_over(&bundle).map_err(|e| e.report())?;
            let count = [("count".to_owned(), i18n::grouped(i64::from(n)))]
                .into_iter()
                .collect();
            out!("{}", i18n::message(lang, "handover.removed", &count));
        }
    }
    Ok(())
}

/// `--keep mine|theirs`.
fn parse_keep(text: &str) -> Result<Keep, String> {
    Keep::parse(text).ok_or_else(|| format!("{text}: mine or theirs"))
}

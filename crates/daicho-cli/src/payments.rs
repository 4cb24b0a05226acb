//! `daicho payment`: a card's open sales with the payments made towards them, and a payment
//! recorded (000 ⑨: a sale paid in parts keeps each part on its day).

use std::path::PathBuf;

use daicho_core::error::{Coded, SalesError};
use daicho_core::i18n::{grouped, Lang};
use daicho_core::ids::TransactionId;
use daicho_core::sales::payments::{Payment, PaymentFields};
use daicho_core::sales::{Transaction, TransactionKind};
use daicho_core::ErrorReport;
use serde::Serialize;

use crate::classify::t;

#[derive(clap::Args)]
pub struct PaymentArgs {
    file: PathBuf,
    /// The card's customer code.
    #[arg(long)]
    code: String,
    /// Record a payment of this amount (with --invoice or --sale).
    #[arg(long, requires = "on")]
    amount: Option<i64>,
    /// The day it came in (YYYY-MM-DD).
    #[arg(long)]
    on: Option<String>,
    /// The sale paid towards, by its invoice number.
    #[arg(long, conflicts_with = "sale")]
    invoice: Option<String>,
    /// The sale paid towards, by its id (as `--json` prints it).
    #[arg(long)]
    sale: Option<String>,
    /// How it was paid (bank transfer, cash, bill...).
    #[arg(long, default_value = "")]
    method: String,
    #[arg(long, default_value = "")]
    note: String,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// A sale still owed, or paid in part, with its payments.
#[derive(Serialize)]
struct Owed {
    sale: Transaction,
    payments: Vec<Payment>,
}

pub fn run(args: PaymentArgs, lang: Lang) -> Result<(), ErrorReport> {
    let mut ledger = crate::open_ledger(&args.file).map_err(|e| e.report())?;
    let card = ledger.card_id_by_code(&args.code).map_err(|e| e.report())?;
    let sales = ledger
        .card_sales(&card, None)
        .map_err(|e| e.report())?
        .transactions;
    if let (Some(amount), Some(on)) = (args.amount, &args.on) {
        let chosen: Option<TransactionId> = match (&args.invoice, &args.sale) {
            (Some(invoice), _) => sales
                .iter()
                .find(|s| s.fields.kind == TransactionKind::Sale && &s.fields.invoice_no == invoice)
                .map(|s| s.id.clone()),
            (None, Some(id)) => Some(TransactionId::from(id.clone())),
            (None, None) => None,
        };
        let id = chosen.ok_or_else(|| {
            SalesError::NotFound {
                id: args
                    .invoice
                    .clone()
                    .or(args.sale.clone())
                    .unwrap_or_default(),
            }
            .report()
        })?;
        let fields = PaymentFields {
            paid_on: on.clone(),
            amount,
            method: args.method.clone(),
            note: args.note.clone(),
        };
        ledger
            .record_payment(&id, &fields)
            .map_err(|e| e.report())?;
    }
    let mut owed = Vec::new();
    for sale in ledger
        .card_sales(&card, None)
        .map_err(|e| e.report())?
        .transactions
        .into_iter()
        .filter(|s| s.fields.kind == TransactionKind::Sale && (s.outstanding > 0 || s.payments > 1))
    {
        let payments = ledger.payments(&sale.id).map_err(|e| e.report())?;
        owed.push(Owed { sale, payments });
    }
    if args.json {
        out_json!(serde_json::to_string_pretty(&owed).unwrap_or_default());
        return Ok(());
    }
    for o in &owed {
        let s = &o.sale.fields;
        out!(
            "{}\t{}\t{}\t{}",
            s.dated_on,
            s.item,
            if s.invoice_no.is_empty() {
                "-"
            } else {
                &s.invoice_no
            },
            t(
                lang,
                "payment.owed",
                &[("amount", grouped(o.sale.outstanding))]
            )
        );
        for p in &o.payments {
            out!(
                "  {}\t{}\t{}",
                p.fields.paid_on,
                grouped(p.fields.amount),
                p.fields.method
            );
        }
    }
    Ok(())
}

//! `daicho fields`: the fields of the rep's own (Settings → Fields of your own) and a card's
//! values of them. `--add LABEL --kind KIND [--choices A,B] [--in-list]` defines one,
//! `--delete LABEL` removes one (the values stay in each card's history), `--code C` prints a
//! card's values and `--code C --set LABEL=VALUE` (repeatable; an empty value clears) sets them.

use std::path::PathBuf;

use daicho_core::custom_fields::{CustomField, CustomFieldDef, CustomFieldKind, CustomValue};
use daicho_core::error::{Coded, CustomFieldError};
use daicho_core::i18n::Lang;
use daicho_core::ErrorReport;
use serde::Serialize;

use crate::classify::t;

#[derive(clap::Args)]
pub struct FieldsArgs {
    file: PathBuf,
    /// Define a field of this name.
    #[arg(long, requires = "kind", conflicts_with_all = ["delete", "code"])]
    add: Option<String>,
    /// The new field's kind: text | number | date | choice.
    #[arg(long, value_parser = parse_kind)]
    kind: Option<CustomFieldKind>,
    /// A choice field's choices, separated by commas.
    #[arg(long, default_value = "")]
    choices: String,
    /// Show the new field as a column of the card list.
    #[arg(long)]
    in_list: bool,
    /// Delete the field of this name.
    #[arg(long, conflicts_with = "code")]
    delete: Option<String>,
    /// A card's customer code: print (or, with --set, change) its values.
    #[arg(long)]
    code: Option<String>,
    /// LABEL=VALUE: the card's value of a field (repeatable; an empty value clears it).
    #[arg(long, requires = "code")]
    set: Vec<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

fn parse_kind(s: &str) -> Result<CustomFieldKind, String> {
    CustomFieldKind::parse(s)
        .ok_or_else(|| format!("unknown kind \"{s}\": text, number, date or choice"))
}

fn by_label(fields: &[CustomField], label: &str) -> Result<CustomField, ErrorReport> {
    let wanted = daicho_core::text::normalize(label.trim());
    fields
        .iter()
        .find(|f| daicho_core::text::normalize(&f.label) == wanted)
        .cloned()
        .ok_or_else(|| CustomFieldError::NotFound.report())
}

/// `LABEL=VALUE` or `LABEL=FROM..TO` as the list's filter by that field.
pub fn filter(
    ledger: &daicho_core::Ledger,
    pair: &str,
) -> Result<daicho_core::custom_fields::CustomFilter, ErrorReport> {
    let fields = ledger.custom_fields().map_err(|e| e.report())?;
    let (label, value) = pair.split_once('=').unwrap_or((pair, ""));
    let field = by_label(&fields, label)?;
    let (value, to) = match field.kind {
        CustomFieldKind::Number | CustomFieldKind::Date => {
            value.split_once("..").unwrap_or((value, value))
        }
        _ => (value, ""),
    };
    Ok(daicho_core::custom_fields::CustomFilter {
        field_id: field.id,
        value: value.to_owned(),
        to: to.to_owned(),
    })
}

/// A card's value of one field, by the field's label.
#[derive(Serialize)]
struct Value {
    label: String,
    kind: CustomFieldKind,
    value: String,
}

pub fn run(args: FieldsArgs, lang: Lang) -> Result<(), ErrorReport> {
    let mut ledger = crate::open_ledger(&args.file).map_err(|e| e.report())?;
    let fields = ledger.custom_fields().map_err(|e| e.report())?;
    if let (Some(label), Some(kind)) = (&args.add, args.kind) {
        let def = CustomFieldDef {
            label: label.clone(),
            kind,
            choices: args
                .choices
                .split([',', '、', '，'])
                .map(str::to_owned)
                .collect(),
            in_list: args.in_list,
        };
        ledger.add_custom_field(&def).map_err(|e| e.report())?;
    } else if let Some(label) = &args.delete {
        let field = by_label(&fields, label)?;
        ledger
            .delete_custom_field(&field.id)
            .map_err(|e| e.report())?;
    } else if let Some(code) = &args.code {
        let card = ledger.card_id_by_code(code).map_err(|e| e.report())?;
        let mut values = Vec::new();
        for pair in &args.set {
            let (label, value) = pair.split_once('=').unwrap_or((pair.as_str(), ""));
            values.push(CustomValue {
                field_id: by_label(&fields, label)?.id,
                value: value.to_owned(),
            });
        }
        let now = if values.is_empty() {
            ledger.card_custom_values(&card)
        } else {
            ledger.set_card_custom_values(&card, &values)
        }
        .map_err(|e| e.report())?;
        let shown: Vec<Value> = fields
            .iter()
            .map(|f| Value {
                label: f.label.clone(),
                kind: f.kind,
                value: now
                    .iter()
                    .find(|v| v.field_id == f.id)
                    .map(|v| v.value.clone())
                    .unwrap_or_default(),
            })
            .collect();
        if args.json {
            out_json!(serde_json::to_string_pretty(&shown).unwrap_or_default());
        } else {
            for v in shown {
                out!("{}\t{}", v.label, v.value);
            }
        }
        return Ok(());
    }
    let fields = ledger.custom_fields().map_err(|e| e.report())?;
    if args.json {
        out_json!(serde_json::to_string_pretty(&fields).unwrap_or_default());
    } else if fields.is_empty() {
        out!("{}", t(lang, "fields.none", &[]));
    } else {
        for f in fields {
            out!(
                "{}\t{}\t{}\t{}",
                f.label,
                t(lang, &format!("fields.kind.{}", f.kind.as_str()), &[]),
                f.choices.join(", "),
                t(lang, "fields.used", &[("count", f.used.to_string())])
            );
        }
    }
    Ok(())
}

//! `daicho import`: bring a CSV, .xlsx or vCard list into a ledger with the same checks as the
//! window (every row validated, likely duplicates found), or with --dry-run only report them;
//! `daicho import undo` takes an import back.

use std::path::{Path, PathBuf};

use daicho_core::error::{Coded, ImportError};
use daicho_core::i18n::Lang;
use daicho_core::import::{DuplicateChoice, ImportPreview, ImportRequest, Mapping};
use daicho_core::ErrorReport;

use crate::classify::t;

#[derive(clap::Args)]
pub struct ImportArgs {
    /// The ledger.
    pub file: PathBuf,
    /// The list: .csv (any encoding), .xlsx or .vcf; or `undo` with --id to take an import back.
    pub source: PathBuf,
    /// A mapping (JSON: {"columns": ["name", null, "phone", …], "default_kind": "organisation",
    /// "default_owner": ""}); default: guessed from the header row.
    #[arg(long)]
    pub mapping: Option<PathBuf>,
    /// Read a text file in this encoding (utf-8, shift_jis/cp932, gb18030, euc-kr/cp949…).
    #[arg(long)]
    pub encoding: Option<String>,
    /// What to do with likely duplicates: skip, merge or keep_both.
    #[arg(long, default_value = "skip")]
    pub duplicates: String,
    /// Only report what would be imported.
    #[arg(long)]
    pub dry_run: bool,
    /// The sheet of a workbook to read (default: the first).
    #[arg(long, conflicts_with = "all_sheets")]
    pub sheet: Option<String>,
    /// Every sheet of a workbook in one step, each with the columns guessed from its headings:
    /// sheets of cards first, then contact histories and sales, found by code or name.
    #[arg(long, conflicts_with = "mapping")]
    pub all_sheets: bool,
    /// The import to undo (with SOURCE `undo`).
    #[arg(long)]
    pub id: Option<String>,
    #[arg(long)]
    pub json: bool,
}

fn read_mapping(path: &Path) -> Result<Mapping, ErrorReport> {
    let text = std::fs::read_to_string(path).map_err(|source| {
        ImportError::Io {
            path: path.to_owned(),
            source,
        }
        .report()
    })?;
    serde_json::from_str(&text).map_err(|e| {
        ImportError::Unreadable {
            path: path.to_owned(),
            reason: e.to_string(),
        }
        .report()
    })
}

pub fn run(args: ImportArgs, lang: Lang) -> Result<(), ErrorReport> {
    let mut ledger = crate::open_ledger(&args.file).map_err(|e| e.report())?;
    if args.source.as_os_str() == "undo" {
        let id = args.id.unwrap_or_default();
        let done = ledger.import_undo(&id).map_err(|e| e.report())?;
        out!(
            "{}",
            t(
                lang,
                "import.undone_count",
                &[("count", (done.added + done.merged).to_string())]
            )
        );
        return Ok(());
    }
    let duplicates = DuplicateChoice::parse(&args.duplicates).ok_or_else(|| {
        ImportError::BadDuplicateChoice {
            value: args.duplicates.clone(),
        }
        .report()
    })?;
    let request = ImportRequest {
        encoding: args.encoding.clone(),
        mapping: args.mapping.as_deref().map(read_mapping).transpose()?,
        duplicates,
        choices: Vec::new(),
        sheet: args.sheet.clone(),
        all_sheets: false,
    };
    let preview = ledger
        .import_preview(&args.source, &request)
        .map_err(|e| e.report())?;
    // A workbook imported whole: each sheet's report, as the import takes them (a sheet with
    // no rows has none; one whose columns name no customer is left out, and said so).
    let mut names = vec![String::new()];
    let mut previews = vec![preview];
    let mut left_out = Vec::new();
    if args.all_sheets && previews[0].sheets.len() > 1 {
        names.clear();
        previews.clear();
        let sheets = ledger
            .import_preview_sheets(&args.source, &request)
            .map_err(|e| e.report())?;
        for sheet in sheets {
            match sheet.preview {
                Some(p) => {
                    previews.push(p);
                    names.push(sheet.sheet);
                }
                None => left_out.push(sheet.sheet),
            }
        }
    }
    let rows: u32 = previews.iter().map(|p| p.rows).sum();
    let refused: u32 = previews.iter().map(|p| p.with_problems).sum();
    let outcome = if args.dry_run {
        None
    } else {
        let request = if args.all_sheets {
            ImportRequest {
                all_sheets: true,
                ..request
            }
        } else {
            ImportRequest {
                mapping: Some(previews[0].mapping.clone()),
                ..request
            }
        };
        Some(
            ledger
                .import_apply(&args.source, &request, rows, &mut |_, _| true)
                .map_err(|e| e.report())?,
        )
    };
    let imported = match &outcome {
        Some(o) => o.added + o.merged,
        None => previews
            .iter()
            .map(|p| p.valid.saturating_sub(duplicates_left_out(p, duplicates)))
            .sum(),
    };
    let incomplete = if refused > 0 {
        Some(ImportError::RowsRefused { refused, imported })
    } else if imported == 0 {
        Some(ImportError::NothingImported {
            skipped: outcome
                .as_ref()
                .map_or(previews.iter().map(|p| p.duplicate_count).sum(), |o| {
                    o.skipped
                }),
        })
    } else {
        None
    };
    if args.json {
        let preview = if args.all_sheets {
            serde_json::to_value(&previews).unwrap_or_default()
        } else {
            serde_json::to_value(&previews[0]).unwrap_or_default()
        };
        let out = serde_json::json!({
            "preview": preview,
            "imported": outcome,
            "incomplete": incomplete.as_ref().map(Coded::report),
        });
        out_json!(serde_json::to_string_pretty(&out).unwrap_or_default());
    } else {
        // The report is for the person at the terminal (stderr); stdout keeps what a script
        // reads: the id to undo the import with.
        for (name, preview) in names.iter().zip(&previews) {
            if !name.is_empty() {
                err_raw!("── {} ──\n", daicho_core::terminal::shown(name));
            }
            err_raw!("{}", report_text(preview, lang));
        }
        if !left_out.is_empty() {
            let left: Vec<String> = left_out
                .iter()
                .map(|s| daicho_core::terminal::shown(s).into_owned())
                .collect();
            err_raw!(
                "{}\n",
                t(
                    lang,
                    "import.sheets_left_out",
                    &[("sheets", left.join(", "))]
                )
            );
        }
        if let Some(o) = &outcome {
            err_raw!(
                "{}\n",
                t(
                    lang,
                    "import.done",
                    &[
                        ("added", o.added.to_string()),
                        ("merged", o.merged.to_string()),
                        ("skipped", o.skipped.to_string()),
                    ]
                )
            );
        }
        if let Some(o) = outcome.as_ref().filter(|o| !o.id.is_empty()) {
            out!("{}: {}", t(lang, "import.id", &[]), o.id);
        }
    }
    // Refused rows or nothing imported: a script must not take that for success.
    incomplete.map_or(Ok(()), |e| Err(e.report()))
}

/// In a dry run, the valid rows that the duplicate choice would leave out.
fn duplicates_left_out(preview: &ImportPreview, choice: DuplicateChoice) -> u32 {
    match choice {
        // Another person of a company already there, or a row that adds a contact, a sale or a
        // product in use to its card, joins the card whatever the choice.
        DuplicateChoice::Skip => preview.duplicate_count.saturating_sub(
            preview
                .duplicates
                .iter()
                .filter(|d| d.adds || d.why == daicho_core::import::DuplicateWhy::SameCompany)
                .count() as u32,
        ),
        DuplicateChoice::Merge | DuplicateChoice::KeepBoth => 0,
    }
}

/// The validation report: counts, then each problem and each likely duplicate by row.
pub fn report_text(p: &ImportPreview, lang: Lang) -> String {
    let mut out = String::new();
    let encoding = if p.source.encoding.is_empty() {
        String::new()
    } else {
        format!(" ({})", p.source.encoding)
    };
    out.push_str(&format!(
        "{}{encoding}\n",
        t(
            lang,
            "import.summary",
            &[
                ("rows", p.rows.to_string()),
                ("valid", p.valid.to_string()),
                ("problems", p.with_problems.to_string()),
                ("duplicates", p.duplicate_count.to_string()),
            ]
        )
    ));
    if let Some(template) = p.template {
        let tool = t(lang, &format!("import.template.{}", template.as_str()), &[]);
        out.push_str(&format!(
            "{}\n",
            t(lang, "import.template", &[("tool", tool)])
        ));
    }
    for problem in &p.problems {
        let column = problem
            .column
            .and_then(|c| p.headers.get(c as usize))
            .map(|h| format!(" [{h}]"))
            .unwrap_or_default();
        let field = if problem.field.is_empty() {
            String::new()
        } else {
            format!("{}: ", t(lang, &format!("field.{}", problem.field), &[]))
        };
        let limit = problem.limit.map(|l| l.to_string()).unwrap_or_default();
        out.push_str(&format!(
            "  {}{column} {field}{}\n",
            t(lang, "import.row", &[("line", problem.line.to_string())]),
            t(lang, &format!("rule.{}", problem.rule), &[("limit", limit)])
        ));
    }
    for d in &p.duplicates {
        let like = match (&d.existing, d.earlier_line) {
            (Some(e), _) => t(
                lang,
                "import.dup.existing",
                &[("name", e.name.clone()), ("code", e.code.clone())],
            ),
            (None, Some(line)) => t(lang, "import.dup.earlier", &[("line", line.to_string())]),
            _ => String::new(),
        };
        out.push_str(&format!(
            "  {} {}: {like} ({})\n",
            t(lang, "import.row", &[("line", d.line.to_string())]),
            d.name,
            t(lang, &format!("import.dup.why.{}", d.why.as_str()), &[])
        ));
    }
    out
}

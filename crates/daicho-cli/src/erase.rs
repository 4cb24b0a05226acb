//! `daicho erase FILE --contact ID | --note ID | --trash`: deletes and erases the text
//! everywhere in the ledger (history rows and the search index too), as the window's
//! "Also erase" does. Backups made before keep it until they are let go.

use std::path::Path;

use daicho_core::error::Coded;
use daicho_core::i18n::{self, Lang};
use daicho_core::ErrorReport;

pub enum What<'a> {
    Contact(&'a str),
    Note(&'a str),
    Trash,
}

pub fn run(file: &Path, what: What<'_>, lang: Lang) -> Result<(), ErrorReport> {
    let mut ledger = crate::open_ledger(file).map_err(|e| e.report())?;
    let (key, count) = match what {
        What::Contact(id) => {
            ledger.erase_contact(&id.into()).map_err(|e| e.report())?;
            ("contact.erased", None)
        }
        What::Note(id) => {
            ledger.erase_note(&id.into()).map_err(|e| e.report())?;
            ("note.erased", None)
        }
        What::Trash => {
            let n = ledger.empty_trash_erasing().map_err(|e| e.report())?;
            ("trash.erased", Some(n))
        }
    };
    let params = count
        .map(|n| ("count".to_owned(), i18n::grouped(n as i64)))
        .into_iter()
        .collect();
    out!("{}", i18n::message(lang, key, &params));
    eprintln!(
        "daicho: {}",
        daicho_core::terminal::shown(&i18n::message(lang, "erase.hint", &Default::default()))
    );
    Ok(())
}

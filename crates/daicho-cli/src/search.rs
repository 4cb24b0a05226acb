//! `daicho search`: the window's search box from the command line, with the same ranked results
//! (cards best match first, contacts and notes newest first), the match marked.

use std::io::IsTerminal;
use std::path::Path;

use daicho_core::error::Coded;
use daicho_core::i18n::Lang;
use daicho_core::search::{SearchResults, Segment};

use crate::classify::t;
use daicho_core::ErrorReport;

pub fn run(
    file: &Path,
    query: &str,
    limit: u32,
    json: bool,
    lang: Lang,
) -> Result<(), ErrorReport> {
    let ledger = crate::open_ledger(file).map_err(|e| e.report())?;
    let results = ledger.search(query, limit).map_err(|e| e.report())?;
    if json {
        out_json!(serde_json::to_string_pretty(&results).unwrap_or_default());
    } else {
        out_raw!("{}", text(&results, lang, std::io::stdout().is_terminal()));
    }
    Ok(())
}

/// Marks matches in bold on a terminal, in 【】 otherwise. The text's own copies of the marks
/// are dropped: only Daicho marks a match.
fn marked(segments: &[Segment], terminal: bool) -> String {
    segments
        .iter()
        .map(|s| Segment {
            text: s.text.replace([crate::MARK_START, crate::MARK_END], ""),
            hit: s.hit,
        })
        .map(|s| match (s.hit, terminal) {
            (false, _) => s.text.clone(),
            (true, true) => format!("{}{}{}", crate::MARK_START, s.text, crate::MARK_END),
            (true, false) => format!("【{}】", s.text),
        })
        .collect()
}

pub fn text(r: &SearchResults, lang: Lang, terminal: bool) -> String {
    let mut out = String::new();
    let heading = |key: &str, n: usize, more: bool| {
        let count = if more { format!("{n}+") } else { n.to_string() };
        format!("{} ({count})\n", t(lang, key, &[]))
    };
    if r.cards.is_empty() && r.contacts.is_empty() && r.notes.is_empty() {
        out.push_str(&t(lang, "search.nothing", &[]));
        out.push('\n');
        return out;
    }
    if !r.cards.is_empty() {
        out.push_str(&heading("search.cards", r.cards.len(), r.more_cards));
    }
    for c in &r.cards {
        let reading = marked(&c.reading, terminal);
        out.push_str(&format!(
            "  {}  {}{}",
            c.code,
            marked(&c.name, terminal),
            if reading.is_empty() {
                String::new()
            } else {
                format!("  ({reading})")
            }
        ));
        if let Some(m) = &c.matched {
            out.push_str(&format!(
                "  — {}: {}",
                t(lang, &format!("search.matched.{}", m.field), &[]),
                marked(&m.text, terminal)
            ));
        }
        out.push('\n');
    }
    if !r.contacts.is_empty() {
        out.push_str(&heading(
            "search.contacts",
            r.contacts.len(),
            r.more_contacts,
        ));
    }
    for c in &r.contacts {
        out.push_str(&format!(
            "  {}  {}  {}: {}\n",
            c.at.replace('T', " "),
            t(lang, &format!("contact_kind.{}", c.kind.as_str()), &[]),
            c.card_name,
            marked(&c.snippet, terminal)
        ));
    }
    if !r.notes.is_empty() {
        out.push_str(&heading("search.notes", r.notes.len(), r.more_notes));
    }
    for n in &r.notes {
        out.push_str(&format!(
            "  {}  {}  {}: {}\n",
            n.noted_on,
            t(lang, &format!("note_category.{}", n.category.as_str()), &[]),
            n.card_name,
            marked(&n.snippet, terminal)
        ));
    }
    out
}

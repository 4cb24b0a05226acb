//! The ledger's copies log: what a report's request chose, and the log itself.

use serde::Serialize;

use crate::copies::{self, CopyEntry, FilterPart};
use crate::report::{ReportKind, ReportRequest};

use super::Ledger;

impl Ledger {
    /// Every copy that left this ledger, newest first.
    pub fn copies(&self) -> rusqlite::Result<Vec<CopyEntry>> {
        copies::list(self.connection())
    }
}

/// An enum value's own text (as it crosses to the window and is stored).
fn text<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// What chose the cards and rows of the report `request` asks for, in a few `key: value` parts.
pub(crate) fn report_filter(
    conn: &rusqlite::Connection,
    request: &ReportRequest,
) -> Vec<FilterPart> {
    let q = &request.query;
    let mut parts = Vec::new();
    let mut add = |key: &str, value: String| {
        if !value.is_empty() {
            let part = match key {
                "status" => FilterPart::named(key, value, "status"),
                "kind" => FilterPart::named(key, value, "kind"),
                "value_tier" => FilterPart::named(key, value, "tier"),
                "contact_kind" => FilterPart::named(key, value, "contact_kind"),
                _ => FilterPart::new(key, value),
            };
            parts.push(part);
        }
    };
    let lists_cards = matches!(
        request.kind,
        ReportKind::List | ReportKind::Card | ReportKind::Labels
    );
    if lists_cards && request.card_ids.is_empty() {
        add("text", q.text.trim().to_owned());
        add("status", q.status.map(|s| text(&s)).unwrap_or_default());
        add("kind", q.kind.map(|k| text(&k)).unwrap_or_default());
        add("tag", q.tag.clone().unwrap_or_default());
        add("owner", q.owner.clone().unwrap_or_default());
        add(
            "silent_days",
            q.silent_days.map(|d| d.to_string()).unwrap_or_default(),
        );
        add(
            "unchanged_months",
            q.unchanged_months
                .map(|m| m.to_string())
                .unwrap_or_default(),
        );
        if let Some(c) = &q.custom {
            let label = crate::custom_fields::store::get(conn, &c.field_id)
                .map(|f| f.label)
                .unwrap_or_default();
            let value = match (c.value.trim(), c.to.trim()) {
                (from, "") => from.to_owned(),
                (from, to) => format!("{from}..{to}"),
            };
            add("custom", format!("{label}={value}"));
        }
        add("abc", q.abc.map(|a| text(&a)).unwrap_or_default());
        add(
            "value_tier",
            q.value_tier.map(|v| text(&v)).unwrap_or_default(),
        );
        add("class_list", q.list.map(|l| text(&l)).unwrap_or_default());
        add(
            "receivable_age",
            q.receivable_age.map(|a| text(&a)).unwrap_or_default(),
        );
        add(
            "contacted",
            q.contacted.as_ref().map(text).unwrap_or_default(),
        );
        if q.overdue_follow_ups {
            add("overdue_follow_ups", "✓".into());
        }
        if q.visit_due {
            add("visit_due", "✓".into());
        }
        if q.in_trash {
            add("in_trash", "✓".into());
        }
        if let Some(ids) = &q.ids {
            add("selected", ids.len().to_string());
        }
    }
    if !request.card_ids.is_empty() {
        add("selected", request.card_ids.len().to_string());
    }
    if let (Some(from), Some(to)) = (&request.from, &request.to) {
        add("period", format!("{from} – {to}"));
    }
    add("owner", request.owner.clone().unwrap_or_default());
    add(
        "contact_kind",
        request.contact_kind.map(|k| text(&k)).unwrap_or_default(),
    );
    add(
        "sheet",
        request
            .sheet_id
            .clone()
            .map(String::from)
            .unwrap_or_default(),
    );
    parts
}

/// How many cards a report of `kind` with `rows` rows holds data of, where its rows are cards.
pub(crate) fn report_cards(kind: ReportKind, rows: u32) -> Option<u32> {
    matches!(
        kind,
        ReportKind::List | ReportKind::Card | ReportKind::Labels | ReportKind::Classification
    )
    .then_some(rows)
}

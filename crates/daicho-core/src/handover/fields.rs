//! The fields of the rep's own a handover file brings, matched to this ledger's by their name:
//! a field named alike of the same kind takes the values (a choice field offering the choices
//! it lacks), one named alike of another kind comes in under a name of its own (`Rank (2)`),
//! and a new one is added after this ledger's fields.

use std::collections::{BTreeMap, HashMap};

use rusqlite::Connection;

use super::bundle::Rows;
use crate::custom_fields::{store, CustomFieldKind, MAX_LABEL};
use crate::text::normalize;

fn text(row: &BTreeMap<String, serde_json::Value>, column: &str) -> String {
    row.get(column)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_owned()
}

/// A label not yet taken here: `label (2)`, `label (3)`... within the length a label may have.
fn free_label(label: &str, taken: &[String]) -> String {
    (2..)
        .map(|n| {
            let tail = format!(" ({n})");
            let head: String = label
                .chars()
                .take(MAX_LABEL - tail.chars().count())
                .collect();
            format!("{head}{tail}")
        })
        .find(|l| !taken.iter().any(|t| normalize(t) == normalize(l)))
        .unwrap_or_default()
}

/// A choice field here and the choices it is to offer so that the values coming in fit it.
pub(super) type Widen = Vec<(String, Vec<String>)>;

/// Rewrites the bundle's fields and values to this ledger's fields (see the module), without
/// writing: returns the choice fields to widen when the bundle is taken over.
pub(super) fn match_fields(
    conn: &Connection,
    tables: &mut BTreeMap<String, Rows>,
) -> rusqlite::Result<Widen> {
    let mut widen = Vec::new();
    let Some(incoming) = tables.remove("custom_fields") else {
        return Ok(widen);
    };
    let here = store::list(conn)?;
    let mut labels: Vec<String> = here.iter().map(|f| f.label.clone()).collect();
    let mut next_position: i64 = conn.query_row(
        "SELECT coalesce(max(position), 0) + 1 FROM custom_fields",
        [],
        |r| r.get(0),
    )?;
    let mut to_here: HashMap<String, String> = HashMap::new();
    let mut kept: Rows = Vec::new();
    for mut row in incoming {
        let id = text(&row, "id");
        let label = text(&row, "label");
        let kind = CustomFieldKind::parse(&text(&row, "kind"));
        let same_name = here
            .iter()
            .find(|f| normalize(&f.label) == normalize(&label));
        match same_name {
            Some(field) if Some(field.kind) == kind => {
                if field.kind == CustomFieldKind::Choice {
                    let theirs: Vec<String> =
                        serde_json::from_str(&text(&row, "choices")).unwrap_or_default();
                    let mut choices = field.choices.clone();
                    choices.extend(theirs.into_iter().filter(|c| !field.choices.contains(c)));
                    if choices != field.choices {
                        widen.push((field.id.to_string(), choices));
                    }
                }
                to_here.insert(id, field.id.to_string());
            }
            // The same field (it came from here once), renamed since on one side: kept as here.
            _ if here.iter().any(|f| f.id.as_str() == id) => {}
            other => {
                if other.is_some() {
                    let label = free_label(&label, &labels);
                    row.insert("label".into(), label.clone().into());
                    labels.push(label);
                } else {
                    labels.push(label);
                }
                row.insert("position".into(), next_position.into());
                next_position += 1;
                kept.push(row);
            }
        }
    }
    tables.insert("custom_fields".into(), kept);
    if let Some(values) = tables.get_mut("card_custom_values") {
        for row in values {
            if let Some(here) = to_here.get(&text(row, "field_id")) {
                row.insert("field_id".into(), here.clone().into());
            }
        }
    }
    Ok(widen)
}

/// Offers the choices [`match_fields`] found missing (left offered on undo: a choice more).
pub(super) fn widen_choices(conn: &Connection, widen: &Widen, at: &str) -> rusqlite::Result<()> {
    for (id, choices) in widen {
        conn.execute(
            "UPDATE custom_fields SET choices = ?2, updated_at = ?3 WHERE id = ?1",
            rusqlite::params![id, serde_json::to_string(choices).unwrap_or_default(), at],
        )?;
    }
    Ok(())
}

/// Refuses values that do not read as their field's (a file altered by hand).
pub(super) fn values_fit(conn: &Connection, card_id: &str) -> rusqlite::Result<bool> {
    Ok(store::values_of(conn, card_id)?
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .all(|(field, v)| {
            crate::custom_fields::value::stored(field.kind, &field.choices, v)
                .ok()
                .flatten()
                == Some(v.clone())
        }))
}

#[cfg(test)]
mod tests {
    use super::free_label;

    #[test]
    fn a_label_taken_here_gets_a_number() {
        let taken = vec!["Rank".to_owned(), "Rank (2)".to_owned()];
        assert_eq!(free_label("Rank", &taken), "Rank (3)");
        let long = "長".repeat(40);
        assert_eq!(
            free_label(&long, std::slice::from_ref(&long))
                .chars()
                .count(),
            40
        );
    }
}

//! A row of the file as a card: the mapped cells put into card fields, then checked by the same
//! rules as a card typed in the window; every problem names its row and column.

use std::collections::HashMap;

use super::{ImportField, Mapping, RowProblem};
use crate::card::{validate, CardFields, CardKind, CardStatus, IndividualProfile, KeyPersonFields};

/// A row ready to import, or why it is not.
#[derive(Debug, Clone)]
pub struct RowCard {
    pub line: u32,
    pub fields: CardFields,
    pub person: Option<KeyPersonFields>,
}

pub(super) fn status_of(text: &str) -> Option<CardStatus> {
    let t = crate::text::normalize(text.trim());
    Some(match t.as_str() {
        "prospect" | "見込み" | "見込" | "潜在" | "潜在客户" | "잠재" | "잠재고객" | "가망"
        // CRM lifecycle stages (HubSpot, Zoho) before the first deal.
        | "lead" | "subscriber" | "opportunity" | "marketing qualified lead"
        | "sales qualified lead" => {
            CardStatus::Prospect
        }
        "active" | "取引中" | "既存" | "既存顧客" | "活跃" | "合作中" | "거래중" | "활성"
        | "customer" | "evangelist" => {
            CardStatus::Active
        }
        "dormant" | "休眠" | "休眠客户" | "휴면" => CardStatus::Dormant,
        "lost" | "失注" | "取引停止" | "流失" | "이탈" | "거래중지" => {
            CardStatus::Lost
        }
        _ => return None,
    })
}

pub(super) fn kind_of(text: &str) -> Option<CardKind> {
    let t = crate::text::normalize(text.trim());
    Some(match t.as_str() {
        "organisation" | "organization" | "company" | "corporate" | "法人" | "企業" | "会社"
        | "公司" | "企业" | "单位" | "법인" | "기업" | "회사" => CardKind::Organisation,
        "individual" | "person" | "private" | "個人" | "个人" | "개인" => {
            CardKind::Individual
        }
        _ => return None,
    })
}

/// Builds the card of `cells` under `mapping`, or the problems that keep it out.
pub fn card_of(line: u32, cells: &[String], mapping: &Mapping) -> Result<RowCard, Vec<RowProblem>> {
    let mut problems = Vec::new();
    let mut values: HashMap<ImportField, Vec<(u32, String)>> = HashMap::new();
    for (column, field) in mapping.columns.iter().enumerate() {
        let Some(field) = field else { continue };
        let value = cells.get(column).map(|c| c.trim()).unwrap_or_default();
        if !value.is_empty() {
            values
                .entry(*field)
                .or_default()
                .push((column as u32, value.to_owned()));
        }
    }
    let first = |f: ImportField| -> String {
        values
            .get(&f)
            .and_then(|v| v.first())
            .map(|(_, s)| s.clone())
            .unwrap_or_default()
    };
    // A name or an address split over columns (姓 and 名, First Name and Last Name, 住所1 and
    // 住所2) is one value, in the columns' order.
    let joined = |f: ImportField| -> String {
        values
            .get(&f)
            .map(|v| {
                v.iter()
                    .map(|(_, s)| s.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default()
    };
    let column_of = |f: ImportField| values.get(&f).and_then(|v| v.first()).map(|(c, _)| *c);
    let mut name = first(ImportField::Name);
    let mut reading = joined(ImportField::Reading);
    let mut person_name = joined(ImportField::PersonName);
    let mut person_reading = joined(ImportField::PersonReading);
    // A row with only a person's name is that person's card.
    let mut kind = match values.get(&ImportField::Kind).and_then(|v| v.first()) {
        Some((column, text)) => match kind_of(text) {
            Some(kind) => Some(kind),
            None => {
                problems.push(RowProblem::at(
                    line,
                    *column,
                    ImportField::Kind,
                    "unknown_value",
                ));
                None
            }
        },
        None => None,
    };
    let mut name_column = column_of(ImportField::Name);
    if name.is_empty() && !person_name.is_empty() {
        name = std::mem::take(&mut person_name);
        reading = std::mem::take(&mut person_reading);
        name_column = column_of(ImportField::PersonName);
        kind = kind.or(Some(CardKind::Individual));
    }
    if name.is_empty() {
        let mapped = |f: ImportField| mapping.columns.iter().position(|c| *c == Some(f));
        problems.push(RowProblem {
            line,
            column: mapped(ImportField::Name)
                .or_else(|| mapped(ImportField::PersonName))
                .map(|c| c as u32),
            field: "name".into(),
            rule: "required".into(),
            limit: None,
        });
        return Err(problems);
    }
    let kind = kind.unwrap_or(mapping.default_kind);
    let mut fields = CardFields::new(kind, &name);
    fields.reading = reading;
    fields.code = first(ImportField::Code);
    fields.owner = match first(ImportField::Owner) {
        owner if owner.is_empty() => mapping.default_owner.clone(),
        owner => owner,
    };
    if let Some((column, text)) = values.get(&ImportField::Status).and_then(|v| v.first()) {
        match status_of(text) {
            Some(status) => fields.status = status,
            None => problems.push(RowProblem::at(
                line,
                *column,
                ImportField::Status,
                "unknown_value",
            )),
        }
    }
    fields.industry = first(ImportField::Industry);
    fields.postal_code = first(ImportField::PostalCode);
    fields.region = first(ImportField::Region);
    fields.city = first(ImportField::City);
    fields.street = joined(ImportField::Street);
    fields.building = joined(ImportField::Building);
    fields.email = first(ImportField::Email);
    fields.website = first(ImportField::Website);
    fields.notes = values
        .get(&ImportField::Notes)
        .map(|v| {
            v.iter()
                .map(|(_, s)| s.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default();
    // A cell may hold a list of phones as Daicho's own export writes it (`["03-…", "090-…"]`).
    fields.phones = values
        .get(&ImportField::Phone)
        .map(|v| {
            v.iter()
                .flat_map(|(_, s)| match serde_json::from_str::<Vec<String>>(s) {
                    Ok(list) if s.starts_with('[') => list,
                    _ => vec![s.clone()],
                })
                .filter(|p| !p.trim().is_empty())
                .collect()
        })
        .unwrap_or_default();
    fields.tags = values
        .get(&ImportField::Tags)
        .map(|v| {
            v.iter()
                .flat_map(|(_, s)| s.split([',', ';', '、', '，', '；', '/']))
                .map(|t| t.trim().to_owned())
                .filter(|t| !t.is_empty())
                .collect()
        })
        .unwrap_or_default();
    if kind == CardKind::Individual {
        fields.individual = Some(IndividualProfile::default());
    }
    // Which column each card field came from, to point at it.
    let origin = |field: &str| -> Option<u32> {
        let f = match field.split(['.', '[']).next().unwrap_or_default() {
            "name" => return name_column,
            "reading" => ImportField::Reading,
            "code" => ImportField::Code,
            "owner" => ImportField::Owner,
            "industry" => ImportField::Industry,
            "postal_code" => ImportField::PostalCode,
            "region" => ImportField::Region,
            "city" => ImportField::City,
            "street" => ImportField::Street,
            "building" => ImportField::Building,
            "email" => ImportField::Email,
            "website" => ImportField::Website,
            "notes" => ImportField::Notes,
            "phones" => ImportField::Phone,
            "tags" => ImportField::Tags,
            _ => return None,
        };
        column_of(f)
    };
    let fields = match validate::card(&fields) {
        Ok(valid) => Some(valid),
        Err(issues) => {
            problems.extend(issues.into_iter().map(|i| RowProblem {
                line,
                column: origin(&i.field),
                field: i.field,
                rule: i.rule,
                limit: i.limit,
            }));
            None
        }
    };
    let person = if person_name.is_empty() {
        None
    } else {
        let person = KeyPersonFields {
            name: person_name,
            reading: person_reading,
            title: first(ImportField::PersonTitle),
            department: first(ImportField::PersonDepartment),
            phone: first(ImportField::PersonPhone),
            email: first(ImportField::PersonEmail),
            ..KeyPersonFields::default()
        };
        match validate::key_person(&person) {
            Ok(valid) => Some(valid),
            Err(issues) => {
                problems.extend(issues.into_iter().map(|i| RowProblem {
                    line,
                    column: column_of(ImportField::PersonName),
                    field: format!("person_{}", i.field),
                    rule: i.rule,
                    limit: i.limit,
                }));
                None
            }
        }
    };
    match fields {
        Some(fields) if problems.is_empty() => Ok(RowCard {
            line,
            fields,
            person,
        }),
        _ => Err(problems),
    }
}

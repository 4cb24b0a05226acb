//! A row of the file as a card: the mapped cells put into card fields, then checked by the same
//! rules as a card typed in the window; every problem names its row and column.

use std::collections::HashMap;

use super::{ImportField, Mapping, RowProblem};
use crate::card::{validate, CardFields, CardKind, CardStatus, IndividualProfile, KeyPersonFields};
use crate::contact::{ContactFields, ContactKind};
use crate::sales::{TransactionFields, TransactionKind};

/// A row ready to import, or why it is not.
#[derive(Debug, Clone)]
pub struct RowCard {
    pub line: u32,
    pub fields: CardFields,
    /// The key persons the row names: the first, then those of `Contact 2`, `担当者3`... columns.
    pub persons: Vec<KeyPersonFields>,
    /// A row of a contact history: the contact, checked, to add to the card.
    pub contact: Option<ContactFields>,
    /// A row of a sales export: the sale (or return), checked, to add to the card.
    pub sale: Option<TransactionFields>,
    /// A product the customer uses (a competitor's, or ours), by name and maker.
    pub product: Option<ProductUse>,
    /// Values of the fields of the rep's own, checked and in their stored form.
    pub custom: Vec<(crate::ids::CustomFieldId, String)>,
}

/// A product a row says the customer uses: found in the catalogue by its name and maker, or
/// put there, when the row is imported.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductUse {
    pub name: String,
    pub maker: String,
    /// Since when (YYYY-MM-DD).
    pub since: Option<String>,
    /// When the contract runs out or renews (YYYY-MM-DD).
    pub renewal_on: Option<String>,
}

/// A whole amount as accounting exports write it: ¥12,000, 12,000円, 1,200.00, ₩5,000, (500) or
/// -500 for a credit; none for text that is not one, or a fraction of a unit.
pub(crate) fn amount_of(text: &str) -> Option<i64> {
    let t = crate::text::normalize(text.trim());
    let negative = (t.starts_with('(') && t.ends_with(')'))
        || t.starts_with('-')
        || t.starts_with('▲')
        || t.starts_with('△');
    let digits: String = t
        .trim_matches(|c: char| matches!(c, '(' | ')' | '-' | '▲' | '△'))
        .replace(
            [
                '¥', '￥', '$', '€', '₩', '円', '元', '원', ',', ' ', '\u{a0}',
            ],
            "",
        )
        .trim_start_matches("jpy")
        .trim_start_matches("cny")
        .trim_start_matches("krw")
        .trim_start_matches("usd")
        .to_owned();
    let (whole, fraction) = digits.split_once('.').unwrap_or((&digits, ""));
    if whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b == b'0')
    {
        return None;
    }
    let value: i64 = whole.parse().ok()?;
    Some(if negative { -value } else { value })
}

/// The kind of contact a history names; a word Daicho has no kind for is "other" (complaints
/// and negotiations too: a history file holds no state or stage for them).
fn contact_kind_of(text: &str) -> Option<ContactKind> {
    let t = crate::text::normalize(text.trim());
    Some(match t.as_str() {
        "visit" | "in person" | "訪問" | "来訪" | "面談" | "拜访" | "上门" | "面访" | "방문"
        | "대면" => ContactKind::Visit,
        "phone" | "call" | "tel" | "電話" | "电话" | "通话" | "전화" | "통화" => {
            ContactKind::Phone
        }
        "email" | "e-mail" | "mail" | "メール" | "邮件" | "电子邮件" | "메일" | "이메일" => {
            ContactKind::Email
        }
        "letter" | "post" | "手紙" | "郵送" | "書面" | "信函" | "邮寄" | "우편" | "서신" => {
            ContactKind::Letter
        }
        "meeting" | "会議" | "打合せ" | "打ち合わせ" | "会议" | "会面" | "회의" | "미팅" => {
            ContactKind::Meeting
        }
        "service" | "サービス" | "保守" | "点検" | "修理" | "服务" | "维修" | "서비스" | "a/s"
        | "점검" => ContactKind::Service,
        "training" | "研修" | "勉強会" | "操作説明" | "講習" | "培训" | "操作培训" | "교육"
        | "사용법 교육" => ContactKind::Training,
        "message"
        | "chat"
        | "line"
        | "wechat"
        | "qq"
        | "kakaotalk"
        | "whatsapp"
        | "sms"
        | "メッセージ"
        | "ライン"
        | "ショートメール"
        | "消息"
        | "微信"
        | "短信"
        | "메시지"
        | "카톡"
        | "카카오톡"
        | "문자" => ContactKind::Message,
        _ => return None,
    })
}

/// A date, or a date and time, as spreadsheets and other systems write them: 2025-11-05,
/// 2025/11/5 14:30, 2025.11.05, 2025年11月5日; a date alone is the start of that day.
pub(crate) fn date_time_of(text: &str) -> Option<String> {
    use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
    let t = crate::text::normalize(text.trim())
        .replace(['年', '月', '/', '.'], "-")
        .replace('日', "")
        .replace('t', " ");
    let t = t.trim().trim_end_matches('-');
    for format in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(at) = NaiveDateTime::parse_from_str(t, format) {
            return Some(at.format("%Y-%m-%dT%H:%M").to_string());
        }
    }
    let day = NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()?;
    Some(
        day.and_time(NaiveTime::MIN)
            .format("%Y-%m-%dT%H:%M")
            .to_string(),
    )
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
/// `name_of_code`: the name of the ledger's card with a code, for a row that names its customer
/// by code alone (a history or an accounting export).
pub fn card_of(
    line: u32,
    cells: &[String],
    mapping: &Mapping,
    own: &[crate::custom_fields::CustomField],
    name_of_code: &dyn Fn(&str) -> Option<String>,
) -> Result<RowCard, Vec<RowProblem>> {
    let mut problems = Vec::new();
    let custom = custom_of(line, cells, mapping, own, &mut problems);
    let mut values: HashMap<ImportField, Vec<(u32, String)>> = HashMap::new();
    // The columns of a second, third... key person (`Contact 2 Name`, `担当者3 メール`).
    let mut others: std::collections::BTreeMap<u32, Values> = Default::default();
    for (column, field) in mapping.columns.iter().enumerate() {
        let Some(field) = field else { continue };
        let value = cells.get(column).map(|c| c.trim()).unwrap_or_default();
        if value.is_empty() {
            continue;
        }
        let slot = mapping.people.get(column).copied().unwrap_or(0);
        let into = if slot > 0 && is_person(*field) {
            others.entry(slot).or_default()
        } else {
            &mut values
        };
        into.entry(*field)
            .or_default()
            .push((column as u32, value.to_owned()));
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
    let joined = |f: ImportField| joined_in(&values, f);
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
    if name.is_empty() {
        if let Some(known) = name_of_code(first(ImportField::Code).trim()) {
            name = known;
            name_column = column_of(ImportField::Code);
        }
    }
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
    fields.territory = first(ImportField::Territory);
    fields.route = first(ImportField::Route);
    fields.city = first(ImportField::City);
    fields.street = joined(ImportField::Street);
    fields.building = joined(ImportField::Building);
    fields.email = first(ImportField::Email);
    fields.website = first(ImportField::Website);
    fields.messaging = crate::card::Messaging {
        line: first(ImportField::MessagingLine),
        wechat: first(ImportField::MessagingWechat),
        qq: first(ImportField::MessagingQq),
        kakaotalk: first(ImportField::MessagingKakaotalk),
        whatsapp: first(ImportField::MessagingWhatsapp),
        weibo: first(ImportField::MessagingWeibo),
    };
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
    // A company's profile columns (資本金, 従業員数, 決算月...); a person's card has none.
    let profile = super::profile::organisation_of(line, &values, &first, &mut problems);
    if kind == CardKind::Organisation && profile.is_some() {
        fields.organisation = profile;
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
            "territory" => ImportField::Territory,
            "route" => ImportField::Route,
            "city" => ImportField::City,
            "street" => ImportField::Street,
            "building" => ImportField::Building,
            "email" => ImportField::Email,
            "website" => ImportField::Website,
            "notes" => ImportField::Notes,
            "phones" => ImportField::Phone,
            "tags" => ImportField::Tags,
            "messaging" => match field.split('.').nth(1).unwrap_or_default() {
                "line" => ImportField::MessagingLine,
                "wechat" => ImportField::MessagingWechat,
                "qq" => ImportField::MessagingQq,
                "kakaotalk" => ImportField::MessagingKakaotalk,
                "whatsapp" => ImportField::MessagingWhatsapp,
                _ => ImportField::MessagingWeibo,
            },
            "organisation" => match field.split('.').nth(1).unwrap_or_default() {
                "representative" => ImportField::OrgRepresentative,
                "founded" => ImportField::OrgFounded,
                "capital" => ImportField::OrgCapital,
                "employees" => ImportField::OrgEmployees,
                "annual_sales" => ImportField::OrgAnnualSales,
                "fiscal_year_end_month" => ImportField::OrgFiscalMonth,
                "main_banks" => ImportField::OrgBanks,
                _ => ImportField::OrgPaymentTerms,
            },
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
    let mut persons: Vec<KeyPersonFields> =
        person_of(line, &values, (person_name, person_reading), &mut problems)
            .into_iter()
            .collect();
    for more in others.values() {
        let joined = |f: ImportField| joined_in(more, f);
        let name_and_reading = (
            joined(ImportField::PersonName),
            joined(ImportField::PersonReading),
        );
        persons.extend(person_of(line, more, name_and_reading, &mut problems));
    }
    // A row naming a key person (a business-card app's export) holds that person's IDs.
    let mut fields = fields;
    if let (Some(card), Some(person)) = (fields.as_mut(), persons.first_mut()) {
        person.messaging = std::mem::take(&mut card.messaging);
    }
    let contact = contact_of(line, &values, &first, &mut problems);
    let sale = sale_of(line, &values, &first, &mut problems);
    let product = product_of(line, &values, &first, &mut problems);
    match fields {
        Some(fields) if problems.is_empty() => Ok(RowCard {
            line,
            fields,
            persons,
            contact,
            sale,
            product,
            custom,
        }),
        _ => Err(problems),
    }
}

/// The row's values of the fields of the rep's own its columns are mapped to; a value that does
/// not fit its field (not a number, not a date, not one of the choices) is the row's problem,
/// named by the field's label.
fn custom_of(
    line: u32,
    cells: &[String],
    mapping: &Mapping,
    own: &[crate::custom_fields::CustomField],
    problems: &mut Vec<RowProblem>,
) -> Vec<(crate::ids::CustomFieldId, String)> {
    use crate::custom_fields::value::{self, Misfit};
    let mut out: Vec<(crate::ids::CustomFieldId, String)> = Vec::new();
    for (column, id) in mapping.custom.iter().enumerate() {
        let Some(field) = id.as_ref().and_then(|id| own.iter().find(|f| f.id == *id)) else {
            continue;
        };
        let cell = cells.get(column).map(String::as_str).unwrap_or_default();
        match value::stored(field.kind, &field.choices, cell) {
            Ok(Some(v)) if !out.iter().any(|(f, _)| *f == field.id) => {
                out.push((field.id.clone(), v))
            }
            Ok(_) => {}
            Err(why) => problems.push(RowProblem {
                line,
                column: Some(column as u32),
                field: format!("{}{}", crate::custom_fields::HISTORY_PREFIX, field.label),
                rule: match why {
                    Misfit::NotANumber => "number",
                    Misfit::NotADate => "date",
                    Misfit::NotAChoice => "choice",
                    Misfit::TooLong => "too_long",
                }
                .to_owned(),
                limit: (why == Misfit::TooLong).then_some(crate::text::MAX_LINE as i32),
            }),
        }
    }
    out
}

/// A row's cells by field: each with its column.
type Values = HashMap<ImportField, Vec<(u32, String)>>;

/// Whether `field` is one of a key person's.
pub(super) fn is_person(field: ImportField) -> bool {
    matches!(
        field,
        ImportField::PersonName
            | ImportField::PersonReading
            | ImportField::PersonTitle
            | ImportField::PersonDepartment
            | ImportField::PersonPhone
            | ImportField::PersonEmail
    )
}

/// The cells of `field` as one value, in the columns' order.
fn joined_in(values: &Values, field: ImportField) -> String {
    values
        .get(&field)
        .map(|v| {
            v.iter()
                .map(|(_, s)| s.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
}

/// The key person the cells `values` name (none without a name), checked as if typed.
fn person_of(
    line: u32,
    values: &Values,
    (name, reading): (String, String),
    problems: &mut Vec<RowProblem>,
) -> Option<KeyPersonFields> {
    if name.is_empty() {
        return None;
    }
    let first = |f: ImportField| {
        values
            .get(&f)
            .and_then(|v| v.first())
            .map(|(_, s)| s.clone())
            .unwrap_or_default()
    };
    let person = KeyPersonFields {
        name,
        reading,
        title: first(ImportField::PersonTitle),
        department: first(ImportField::PersonDepartment),
        phone: first(ImportField::PersonPhone),
        email: first(ImportField::PersonEmail),
        ..KeyPersonFields::default()
    };
    match validate::key_person(&person) {
        Ok(valid) => Some(valid),
        Err(issues) => {
            let column = values
                .get(&ImportField::PersonName)
                .and_then(|v| v.first())
                .map(|(c, _)| *c);
            problems.extend(issues.into_iter().map(|i| RowProblem {
                line,
                column,
                field: format!("person_{}", i.field),
                rule: i.rule,
                limit: i.limit,
            }));
            None
        }
    }
}

/// A record's issues as the row's problems, each at the column its field came from.
fn at_columns<'c>(
    line: u32,
    issues: Vec<crate::error::FieldIssue>,
    column: &'c dyn Fn(ImportField) -> Option<u32>,
    field_of: impl Fn(&str) -> ImportField + 'c,
) -> impl Iterator<Item = RowProblem> + 'c {
    issues.into_iter().map(move |i| {
        let field = field_of(&i.field);
        RowProblem {
            line,
            column: column(field),
            field: field.as_str().to_owned(),
            rule: i.rule,
            limit: i.limit,
        }
    })
}

/// The row's contact, when it has a date and something said about it.
fn contact_of(
    line: u32,
    values: &HashMap<ImportField, Vec<(u32, String)>>,
    first: &dyn Fn(ImportField) -> String,
    problems: &mut Vec<RowProblem>,
) -> Option<ContactFields> {
    use ImportField as F;
    let at_cell = values.get(&F::ContactAt).and_then(|v| v.first())?;
    let said = [
        F::ContactContent,
        F::ContactPurpose,
        F::ContactOutcome,
        F::ContactNextAction,
    ];
    if said.iter().all(|f| first(*f).is_empty()) {
        return None;
    }
    let column = |f: F| values.get(&f).and_then(|v| v.first()).map(|(c, _)| *c);
    let Some(at) = date_time_of(&at_cell.1) else {
        problems.push(RowProblem::at(
            line,
            at_cell.0,
            F::ContactAt,
            "invalid_date",
        ));
        return None;
    };
    let mut purpose = first(F::ContactPurpose);
    let kind_word = first(F::ContactKind);
    let kind = if kind_word.is_empty() {
        ContactKind::Visit
    } else {
        contact_kind_of(&kind_word).unwrap_or_else(|| {
            // The word is kept where the rep reads it.
            if purpose.is_empty() {
                purpose = kind_word.clone();
            }
            ContactKind::Other
        })
    };
    let due = first(F::ContactNextDue);
    let next_action_due = if due.is_empty() {
        None
    } else {
        match date_time_of(&due) {
            Some(d) => Some(d[..10].to_owned()),
            None => {
                problems.push(RowProblem::at(
                    line,
                    column(F::ContactNextDue).unwrap_or(at_cell.0),
                    F::ContactNextDue,
                    "invalid_date",
                ));
                return None;
            }
        }
    };
    let input = ContactFields {
        kind,
        at,
        rep: first(F::ContactRep),
        purpose,
        content: values
            .get(&F::ContactContent)
            .map(|v| {
                v.iter()
                    .map(|(_, s)| s.as_str())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default(),
        outcome: first(F::ContactOutcome),
        next_action: first(F::ContactNextAction),
        next_action_due,
        ..ContactFields::default()
    };
    match crate::contact::validate::contact(&input, &[]) {
        Ok(valid) => Some(valid),
        Err(issues) => {
            problems.extend(at_columns(line, issues, &column, |field| match field {
                "at" => F::ContactAt,
                "next_action_due" => F::ContactNextDue,
                "next_action" => F::ContactNextAction,
                "purpose" => F::ContactPurpose,
                "outcome" => F::ContactOutcome,
                "rep" => F::ContactRep,
                _ => F::ContactContent,
            }));
            None
        }
    }
}

/// The product the row says the customer uses, when it names one; its dates as spreadsheets
/// write them.
fn product_of(
    line: u32,
    values: &Values,
    first: &dyn Fn(ImportField) -> String,
    problems: &mut Vec<RowProblem>,
) -> Option<ProductUse> {
    use ImportField as F;
    let name = first(F::ProductName);
    if name.is_empty() {
        return None;
    }
    let mut day = |field: F| -> Result<Option<String>, ()> {
        let text = first(field);
        if text.is_empty() {
            return Ok(None);
        }
        match date_time_of(&text)
            .map(|d| d[..10].to_owned())
            .or_else(|| month_of(&text))
        {
            Some(d) => Ok(Some(d)),
            None => {
                let column = values.get(&field).and_then(|v| v.first()).map(|(c, _)| *c);
                problems.push(RowProblem::at(
                    line,
                    column.unwrap_or(0),
                    field,
                    "invalid_date",
                ));
                Err(())
            }
        }
    };
    let since = day(F::ProductSince);
    let renewal_on = day(F::ProductRenewal);
    // The catalogue's own rules for a product's and a maker's name.
    let column = |f: F| values.get(&f).and_then(|v| v.first()).map(|(c, _)| *c);
    let maker = first(F::ProductMaker);
    let named = crate::competition::validate::product(&crate::competition::ProductFields {
        name,
        ..Default::default()
    });
    let maker_ok = maker.is_empty()
        || crate::competition::validate::competitor(&crate::competition::CompetitorFields {
            name: maker.clone(),
            ..Default::default()
        })
        .is_ok();
    if !maker_ok {
        problems.push(RowProblem::at(
            line,
            column(F::ProductMaker).unwrap_or(0),
            F::ProductMaker,
            "too_long",
        ));
    }
    let name = match named {
        Ok(product) => product.name,
        Err(issues) => {
            problems.extend(issues.into_iter().map(|i| RowProblem {
                line,
                column: column(F::ProductName),
                field: F::ProductName.as_str().to_owned(),
                rule: i.rule,
                limit: i.limit,
            }));
            return None;
        }
    };
    Some(ProductUse {
        name,
        maker: maker.trim().to_owned(),
        since: since.ok()?,
        renewal_on: renewal_on.ok()?,
    })
    .filter(|_| maker_ok)
}

/// A month as lists write when a product came in (2022/04, 2022-4, 2022年4月, 2022.04): its
/// first day.
pub(super) fn month_of(text: &str) -> Option<String> {
    let parts: Vec<&str> = text
        .trim()
        .trim_end_matches('月')
        .split(['/', '-', '.', '年'])
        .map(str::trim)
        .collect();
    let [year, month] = parts[..] else {
        return None;
    };
    let year: i32 = year.parse().ok().filter(|y| (1900..=2200).contains(y))?;
    let month: u32 = month.parse().ok()?;
    chrono::NaiveDate::from_ymd_opt(year, month, 1).map(|d| d.format("%Y-%m-%d").to_string())
}

/// The row's sale, when it has a date and an item or an amount. A negative amount or quantity
/// is a return; "paid" is an amount or a word (済, 已收, 완료, yes), and paid with no date of
/// its own counts as paid on the sale's day.
fn sale_of(
    line: u32,
    values: &HashMap<ImportField, Vec<(u32, String)>>,
    first: &dyn Fn(ImportField) -> String,
    problems: &mut Vec<RowProblem>,
) -> Option<TransactionFields> {
    use ImportField as F;
    let on_cell = values.get(&F::SaleOn).and_then(|v| v.first())?;
    if first(F::SaleItem).is_empty() && first(F::SaleAmount).is_empty() {
        return None;
    }
    let column = |f: F| values.get(&f).and_then(|v| v.first()).map(|(c, _)| *c);
    let before = problems.len();
    let mut refuse = |f: F, rule: &str| {
        problems.push(RowProblem::at(
            line,
            column(f).unwrap_or(on_cell.0),
            f,
            rule,
        ));
    };
    let day = |f: F, refuse: &mut dyn FnMut(F, &str)| -> Option<String> {
        let text = first(f);
        if text.is_empty() {
            return None;
        }
        let parsed = date_time_of(&text).map(|d| d[..10].to_owned());
        if parsed.is_none() {
            refuse(f, "invalid_date");
        }
        parsed
    };
    let dated_on = day(F::SaleOn, &mut refuse);
    let number = |f: F, refuse: &mut dyn FnMut(F, &str)| -> Option<i64> {
        let text = first(f);
        if text.is_empty() {
            return None;
        }
        let parsed = amount_of(&text);
        if parsed.is_none() {
            refuse(f, "not_a_number");
        }
        parsed
    };
    let quantity = number(F::SaleQuantity, &mut refuse);
    let unit_price = number(F::SaleUnitPrice, &mut refuse);
    let amount = number(F::SaleAmount, &mut refuse);
    let cost = number(F::SaleCost, &mut refuse).map(i64::abs);
    let paid_word = crate::text::normalize(first(F::SalePaid).trim());
    let paid = match paid_word.as_str() {
        "" | "未" | "未収" | "未入金" | "未收" | "미수" | "no" | "unpaid" | "×" => {
            Some(0)
        }
        "済" | "入金済" | "回収済" | "已收" | "已收款" | "완료" | "입금완료" | "yes" | "paid"
        | "○" | "〇" => None,
        _ => number(F::SalePaid, &mut refuse),
    };
    let due_on = day(F::SaleDue, &mut refuse);
    let paid_on = day(F::SalePaidOn, &mut refuse);
    if problems.len() > before {
        return None;
    }
    let returned = amount.is_some_and(|a| a < 0) || quantity.is_some_and(|q| q < 0);
    let quantity = quantity.map_or(1, i64::abs);
    let amount = amount.map(i64::abs);
    let unit_price = unit_price
        .map(i64::abs)
        .or_else(|| amount.map(|a| if quantity > 0 { a / quantity } else { a }))
        .unwrap_or(0);
    let total = amount.unwrap_or(quantity * unit_price);
    // A word that says "paid" is the whole amount.
    let paid_amount = if returned { 0 } else { paid.unwrap_or(total) };
    let input = TransactionFields {
        kind: if returned {
            TransactionKind::Return
        } else {
            TransactionKind::Sale
        },
        dated_on: dated_on.clone().unwrap_or_default(),
        item: first(F::SaleItem),
        quantity,
        unit_price,
        amount,
        invoice_no: first(F::SaleInvoice),
        cost,
        due_on: due_on.filter(|_| !returned),
        paid_amount,
        paid_on: if paid_amount > 0 {
            paid_on.or(dated_on)
        } else {
            None
        },
        ..TransactionFields::default()
    };
    match crate::sales::validate::transaction(&input, None) {
        Ok(valid) => Some(valid),
        Err(issues) => {
            problems.extend(at_columns(line, issues, &column, |field| match field {
                "dated_on" => F::SaleOn,
                "quantity" => F::SaleQuantity,
                "unit_price" => F::SaleUnitPrice,
                "amount" => F::SaleAmount,
                "cost" => F::SaleCost,
                "invoice_no" => F::SaleInvoice,
                "due_on" => F::SaleDue,
                "paid_amount" => F::SalePaid,
                "paid_on" => F::SalePaidOn,
                _ => F::SaleItem,
            }));
            None
        }
    }
}

//! The demo rep's fields of their own (001 设计自用客户卡): a choice shown in the list, a number
//! shown in the list, a date and a text, named in the ledger's main language, filled in on most
//! companies' cards the way a rep fills them: the choice nearly always, the rest when known.

use chrono::{Duration, NaiveDate};
use rand::Rng;
use rusqlite::{params, Connection};

use crate::card::store::Edit;
use crate::custom_fields::{store, CustomField, CustomFieldDef, CustomFieldKind};
use crate::error::DemoError;
use crate::i18n::Lang;

/// Label, kind, choices (for a choice), shown in the list.
type Def = (&'static str, CustomFieldKind, &'static [&'static str], bool);

fn defs(lang: Lang) -> ([Def; 4], &'static [&'static str]) {
    use CustomFieldKind::{Choice, Date, Number, Text};
    match lang {
        Lang::Ja => (
            [
                ("取引口座", Choice, &["開設済", "申請中", "未開設"], true),
                ("保有台数", Number, &[], true),
                ("契約更新日", Date, &[], false),
                ("搬入条件", Text, &[], false),
            ],
            &[
                "搬入は裏口から、午前中のみ",
                "エレベーターなし・3階まで手運び",
                "納品前日に総務へ電話",
                "駐車場なし、近隣コインパーキング利用",
            ],
        ),
        Lang::Zh => (
            [
                ("付款方式", Choice, &["月结", "现结", "承兑汇票"], true),
                ("设备保有量", Number, &[], true),
                ("合同到期日", Date, &[], false),
                ("收货要求", Text, &[], false),
            ],
            &[
                "送货前一天联系仓库主管",
                "只在工作日上午收货",
                "需提供增值税专用发票",
                "园区门卫处登记后进入",
            ],
        ),
        Lang::Ko => (
            [
                ("결제 방식", Choice, &["월말 정산", "현금", "어음"], true),
                ("보유 대수", Number, &[], true),
                ("계약 갱신일", Date, &[], false),
                ("납품 조건", Text, &[], false),
            ],
            &[
                "납품 전날 총무팀에 연락",
                "오전에만 하역 가능",
                "화물 엘리베이터 사용 예약 필요",
                "주차 불가, 인근 공영주차장 이용",
            ],
        ),
        Lang::En => (
            [
                (
                    "Payment method",
                    Choice,
                    &["Monthly invoice", "Card", "Cash"],
                    true,
                ),
                ("Fleet size", Number, &[], true),
                ("Contract renewal", Date, &[], false),
                ("Delivery notes", Text, &[], false),
            ],
            &[
                "Deliver to the loading dock, mornings only",
                "Call facilities the day before",
                "Security sign-in at the front desk",
                "No parking on site; use the street",
            ],
        ),
    }
}

/// The fields, defined; the texts a rep writes in the text one.
pub struct OwnFields {
    fields: Vec<CustomField>,
    notes: &'static [&'static str],
}

impl OwnFields {
    pub fn define(conn: &Connection, lang: Lang, edit: &Edit<'_>) -> Result<OwnFields, DemoError> {
        let (defs, notes) = defs(lang);
        let mut fields = Vec::new();
        for (label, kind, choices, in_list) in defs {
            let def = CustomFieldDef {
                label: label.to_owned(),
                kind,
                choices: choices.iter().map(|c| (*c).to_owned()).collect(),
                in_list,
            };
            fields.push(store::add(conn, &def, edit)?);
        }
        Ok(OwnFields { fields, notes })
    }

    /// A company's values, written as it is made (its history says it was created).
    pub fn fill(
        &self,
        conn: &Connection,
        rng: &mut impl Rng,
        card_id: &str,
        today: NaiveDate,
    ) -> rusqlite::Result<()> {
        let mut insert = conn.prepare_cached(
            "INSERT INTO card_custom_values (card_id, field_id, value) VALUES (?1, ?2, ?3)",
        )?;
        for field in &self.fields {
            let value = match field.kind {
                CustomFieldKind::Choice if rng.random_bool(0.85) => {
                    // Most accounts are open; a few in the making or not yet.
                    let n = [0, 0, 0, 0, 0, 1, 2][rng.random_range(0..7)];
                    field.choices.get(n).cloned()
                }
                CustomFieldKind::Number if rng.random_bool(0.5) => {
                    Some(rng.random_range(1..=40).to_string())
                }
                CustomFieldKind::Date if rng.random_bool(0.35) => Some(
                    (today + Duration::days(rng.random_range(-60..400)))
                        .format("%Y-%m-%d")
                        .to_string(),
                ),
                CustomFieldKind::Text if rng.random_bool(0.2) => {
                    Some(self.notes[rng.random_range(0..self.notes.len())].to_owned())
                }
                _ => None,
            };
            if let Some(value) = value {
                insert.execute(params![card_id, field.id, value])?;
            }
        }
        Ok(())
    }
}

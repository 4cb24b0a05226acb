//! The customer card: one card per printed page, laid out like the paper card — profile, credit
//! and classes, what they bought, key persons, recent contacts, competitors' products in use.

use std::path::Path;

use rusqlite::Connection;
use rust_xlsxwriter::{ColNum, RowNum, Workbook, Worksheet, XlsxError};

use crate::card::{store, Card, CardKind};
use crate::classify::store as classes;
use crate::competition::usage;
use crate::contact;
use crate::error::ReportError;
use crate::sales::summary::{self, Period};

use super::layout::{self, Ctx, Page, Styles};
use super::{write_error, Progress};

/// Contacts a card shows, newest first.
const RECENT: usize = 8;

/// A value cell: text, a day, or an amount.
enum V {
    T(String),
    Day(Option<String>),
    Money(Option<i64>),
    Num(Option<i64>),
}

struct Writer<'a> {
    ws: &'a mut Worksheet,
    s: &'a Styles,
    ctx: &'a Ctx,
    row: RowNum,
}

impl Writer<'_> {
    fn value(&mut self, col: ColNum, v: &V) -> Result<(), XlsxError> {
        match v {
            V::T(text) => layout::text(self.ws, self.row, col, text, &self.s.wrap),
            V::Day(day) => layout::date(self.ws, self.row, col, day.as_deref(), self.s),
            V::Money(amount) => layout::money(self.ws, self.row, col, *amount, self.s),
            V::Num(n) => layout::number(self.ws, self.row, col, n.map(|n| n as f64), self.s),
        }
    }

    /// Label and value pairs, two to a row.
    fn pairs(&mut self, pairs: &[(&str, V)]) -> Result<(), XlsxError> {
        for chunk in pairs.chunks(2) {
            for (n, (key, v)) in chunk.iter().enumerate() {
                let col = (n * 2) as ColNum;
                layout::text(self.ws, self.row, col, &self.ctx.t(key), &self.s.label)?;
                self.value(col + 1, v)?;
            }
            self.row += 1;
        }
        Ok(())
    }

    /// Pairs whose labels are the rep's own words (fields of their own), not catalog keys.
    fn own_pairs(&mut self, pairs: &[(String, V)]) -> Result<(), XlsxError> {
        for chunk in pairs.chunks(2) {
            for (n, (label, v)) in chunk.iter().enumerate() {
                let col = (n * 2) as ColNum;
                layout::text(self.ws, self.row, col, label, &self.s.label)?;
                self.value(col + 1, v)?;
            }
            self.row += 1;
        }
        Ok(())
    }

    fn section(&mut self, key: &str) -> Result<(), XlsxError> {
        self.row += 1;
        layout::section(self.ws, self.row, 3, &self.ctx.t(key), self.s)?;
        self.row += 1;
        Ok(())
    }

    /// A table of up to four columns under its headings.
    fn table(&mut self, heads: &[&str], rows: &[Vec<V>]) -> Result<(), XlsxError> {
        for (n, key) in heads.iter().enumerate() {
            layout::text(
                self.ws,
                self.row,
                n as ColNum,
                &self.ctx.t(key),
                &self.s.head,
            )?;
        }
        self.row += 1;
        if rows.is_empty() {
            // The paper card keeps its sections: an empty one says so.
            let last = heads.len().saturating_sub(1) as ColNum;
            self.ws.merge_range(
                self.row,
                0,
                self.row,
                last,
                &self.ctx.t("report.card.none"),
                &self.s.quiet,
            )?;
            self.row += 1;
        }
        for values in rows {
            for (n, v) in values.iter().enumerate() {
                self.value(n as ColNum, v)?;
            }
            self.row += 1;
        }
        Ok(())
    }
}

fn t(text: &str) -> V {
    V::T(text.to_owned())
}

/// A month as the report's language names it: 3月, 3월, March.
fn month_name(ctx: &Ctx, month: i32) -> String {
    match (
        ctx.lang,
        u8::try_from(month)
            .ok()
            .and_then(|m| chrono::Month::try_from(m).ok()),
    ) {
        (crate::i18n::Lang::En, Some(m)) => m.name().to_owned(),
        _ => ctx.tp("report.card.month", &[("month", month.to_string())]),
    }
}

/// "WeChat: wx_1 · QQ: 2837" with each app named in the report's language.
fn messaging(ctx: &Ctx, m: &crate::card::Messaging, separator: &str) -> String {
    m.channels()
        .iter()
        .filter(|(_, id)| !id.is_empty())
        .map(|(channel, id)| format!("{}: {id}", ctx.t(&format!("field.messaging.{channel}"))))
        .collect::<Vec<_>>()
        .join(separator)
}

fn write_card(
    w: &mut Writer<'_>,
    conn: &Connection,
    card: &Card,
    period: Period,
) -> Result<(), ReportError> {
    let ctx = w.ctx;
    let f = &card.fields;
    let label = |key: String| ctx.t(&key);
    let failed = |e: XlsxError| ReportError::Write {
        path: Default::default(),
        detail: e.to_string(),
    };
    let title = if f.honorific.is_empty() {
        f.name.clone()
    } else {
        format!("{} {}", f.name, f.honorific)
    };
    w.ws.set_row_height(w.row, 30).map_err(failed)?;
    w.ws.merge_range(w.row, 0, w.row, 2, &title, &w.s.title)
        .map_err(failed)?;
    layout::text(w.ws, w.row, 3, &f.code, &w.s.subtitle).map_err(failed)?;
    w.row += 1;
    let address = [
        f.postal_code.as_str(),
        &f.region,
        &f.city,
        &f.street,
        &f.building,
    ]
    .iter()
    .filter(|p| !p.is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join(" ");
    w.pairs(&[
        ("field.reading", t(&f.reading)),
        (
            "field.status",
            V::T(label(format!("status.{}", f.status.as_str()))),
        ),
        ("field.owner", t(&f.owner)),
        ("field.industry", t(&f.industry)),
        ("field.phones", V::T(f.phones.join(", "))),
        ("field.email", t(&f.email)),
        ("field.messaging", V::T(messaging(ctx, &f.messaging, " · "))),
        ("report.address", V::T(address)),
        (
            "field.mailing_address",
            V::T(
                f.organisation
                    .as_ref()
                    .map(|o| o.mailing_address.clone())
                    .or_else(|| f.individual.as_ref().map(|p| p.mailing_address.clone()))
                    .unwrap_or_default()
                    .replace('\n', " / "),
            ),
        ),
        ("field.territory", t(&f.territory)),
        ("field.route", t(&f.route)),
        ("field.tags", V::T(f.tags.join(", "))),
        ("field.first_deal_on", V::Day(f.first_deal_on.clone())),
        ("field.first_deal_trigger", t(&f.first_deal_trigger)),
        (
            "field.lead_source",
            V::T(
                f.lead_source
                    .map(|l| label(format!("lead.{}", l.as_str())))
                    .unwrap_or_default(),
            ),
        ),
    ])
    .map_err(failed)?;
    if let Some(org) = &f.organisation {
        w.section("section.organisation").map_err(failed)?;
        w.pairs(&[
            ("field.organisation.representative", t(&org.representative)),
            ("field.organisation.founded", V::Day(org.founded.clone())),
            ("field.organisation.capital", V::Money(org.capital)),
            (
                "field.organisation.annual_sales",
                V::Money(org.annual_sales),
            ),
            ("field.organisation.employees", V::Num(org.employees)),
            ("field.organisation.sites_count", V::Num(org.sites_count)),
            ("field.organisation.sites_where", t(&org.sites_where)),
            (
                "field.organisation.fiscal_year_end_month",
                V::T(
                    org.fiscal_year_end_month
                        .map(|m| month_name(ctx, m))
                        .unwrap_or_default(),
                ),
            ),
            ("field.organisation.main_banks", t(&org.main_banks)),
            ("field.organisation.associations", t(&org.associations)),
            (
                "field.organisation.vehicles_count",
                V::Num(org.vehicles_count),
            ),
            (
                "field.organisation.vehicles_dealer",
                t(&org.vehicles_dealer),
            ),
            ("field.organisation.floor_area", V::Num(org.floor_area)),
            ("field.organisation.licence_number", t(&org.licence_number)),
            (
                "field.organisation.licence_issued",
                V::Day(org.licence_issued.clone()),
            ),
            (
                "field.organisation.licence_expires",
                V::Day(org.licence_expires.clone()),
            ),
            (
                "field.organisation.licence_review_on",
                V::Day(org.licence_review_on.clone()),
            ),
        ])
        .map_err(failed)?;
        w.section("report.card.business").map_err(failed)?;
        w.pairs(&[
            ("field.organisation.payment_method", t(&org.payment_method)),
            ("field.organisation.payment_terms", t(&org.payment_terms)),
            ("field.organisation.order_cycle", t(&org.order_cycle)),
            ("field.organisation.delivery_cycle", t(&org.delivery_cycle)),
            (
                "field.organisation.purchasing_policy",
                t(&org.purchasing_policy),
            ),
            (
                "field.organisation.contract_renews_on",
                V::Day(org.contract_renews_on.clone()),
            ),
            ("field.organisation.decision_maker", t(&org.decision_maker)),
            (
                "field.organisation.decision_approach",
                t(&org.decision_approach),
            ),
            (
                "field.organisation.decision_meeting_on",
                V::Day(org.decision_meeting_on.clone()),
            ),
            ("field.organisation.needs", t(&org.needs)),
            ("field.organisation.main_trouble", t(&org.main_trouble)),
        ])
        .map_err(failed)?;
    }
    if let Some(person) = &f.individual {
        w.section("section.individual").map_err(failed)?;
        w.pairs(&[
            ("field.individual.birthday", V::Day(person.birthday.clone())),
            ("field.individual.occupation", t(&person.occupation)),
            ("field.individual.employer", t(&person.employer)),
            ("field.individual.position", t(&person.position)),
            ("field.individual.interests", t(&person.interests)),
            ("field.individual.needs", t(&person.needs)),
            ("field.individual.family", t(&person.family)),
            ("field.individual.income_band", t(&person.income_band)),
            ("field.individual.circumstances", t(&person.circumstances)),
            (
                "field.individual.info_sources",
                V::T(
                    person
                        .info_sources
                        .iter()
                        .map(|i| label(format!("info.{}", i.as_str())))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ),
        ])
        .map_err(failed)?;
    }

    // The fields of the rep's own, each with its value (an empty line to fill in by hand).
    let own = crate::custom_fields::store::values_of(conn, &card.id)?;
    if !own.is_empty() {
        w.section("section.own_fields").map_err(failed)?;
        let pairs: Vec<(String, V)> = own
            .into_iter()
            .map(|(field, value)| {
                let v = match field.kind {
                    crate::custom_fields::CustomFieldKind::Date => {
                        V::Day((!value.is_empty()).then_some(value))
                    }
                    _ => V::T(value),
                };
                (field.label, v)
            })
            .collect();
        w.own_pairs(&pairs).map_err(failed)?;
    }

    w.section("report.card.standing").map_err(failed)?;
    let st = &f.standing;
    let stored = classes::load(conn, &card.id)?;
    let sales = summary::summary(conn, &card.id, period, ctx.today)?;
    let reasons = stored
        .as_ref()
        .map(|c| {
            c.reasons
                .iter()
                .map(|r| layout::reason(ctx, r))
                .collect::<Vec<_>>()
                .join(" / ")
        })
        .unwrap_or_default();
    let judgement = |n: Option<i32>| V::Num(n.map(i64::from));
    w.pairs(&[
        ("field.standing.credit_rating", t(&st.credit_rating)),
        ("field.standing.credit_limit", V::Money(st.credit_limit)),
        ("field.standing.credit_score", judgement(st.credit_score)),
        ("field.standing.cooperation", judgement(st.cooperation)),
        ("field.standing.influence", judgement(st.influence)),
        ("field.standing.brand_support", judgement(st.brand_support)),
        (
            "class.grade",
            V::T(
                stored
                    .as_ref()
                    .and_then(|c| c.grade.clone())
                    .unwrap_or_default(),
            ),
        ),
        (
            "field.standing.loyalty",
            V::T(
                st.loyalty
                    .map(|l| label(format!("loyalty.{}", l.as_str())))
                    .unwrap_or_default(),
            ),
        ),
        (
            "class.abc",
            V::T(
                stored
                    .as_ref()
                    .and_then(|c| c.abc)
                    .map(|a| a.as_str().to_uppercase())
                    .unwrap_or_default(),
            ),
        ),
        (
            "class.value",
            V::T(
                stored
                    .as_ref()
                    .map(|c| label(format!("tier.{}", c.value_tier.as_str())))
                    .unwrap_or_default(),
            ),
        ),
        (
            "class.completeness",
            V::T(
                stored
                    .as_ref()
                    .map(|c| format!("{}%", c.completeness))
                    .unwrap_or_default(),
            ),
        ),
        ("report.card.purchases", V::Money(Some(sales.amount))),
        (
            "sales.last_purchase",
            V::Day(sales.last_purchase_on.clone()),
        ),
        ("sales.outstanding", V::Money(Some(sales.outstanding))),
        ("sales.overdue", V::Money(Some(sales.overdue))),
    ])
    .map_err(failed)?;
    if !reasons.is_empty() {
        w.pairs(&[("report.card.reasons", V::T(reasons))])
            .map_err(failed)?;
    }

    if f.kind == CardKind::Organisation {
        w.section("section.key_persons").map_err(failed)?;
        let rows: Vec<Vec<V>> = card
            .key_persons
            .iter()
            .map(|p| {
                let k = &p.fields;
                vec![
                    t(&k.name),
                    V::T(
                        [k.department.as_str(), &k.title]
                            .iter()
                            .filter(|x| !x.is_empty())
                            .copied()
                            .collect::<Vec<_>>()
                            .join(" "),
                    ),
                    V::T(
                        k.role
                            .map(|r| label(format!("role.{}", r.as_str())))
                            .unwrap_or_default(),
                    ),
                    V::T(
                        [
                            k.phone.as_str(),
                            &k.email,
                            &messaging(ctx, &k.messaging, "\n"),
                        ]
                        .iter()
                        .filter(|x| !x.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join("\n"),
                    ),
                ]
            })
            .collect();
        w.table(
            &[
                "field.name",
                "report.card.department_title",
                "field.role",
                "report.card.reach",
            ],
            &rows,
        )
        .map_err(failed)?;
    }

    let contacts = contact::store::for_card(conn, &card.id)?;
    w.section("report.card.recent_contacts").map_err(failed)?;
    let rows: Vec<Vec<V>> = contacts
        .iter()
        .take(RECENT)
        .map(|c| {
            let x = &c.fields;
            let what = [x.purpose.as_str(), &x.content, &x.outcome]
                .iter()
                .filter(|p| !p.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join("\n");
            vec![
                V::Day(Some(x.at.clone())),
                V::T(label(format!("contact_kind.{}", x.kind.as_str()))),
                V::T(what),
                t(&x.next_action),
            ]
        })
        .collect();
    w.table(
        &[
            "report.col.at",
            "field.kind",
            "field.content",
            "field.next_action",
        ],
        &rows,
    )
    .map_err(failed)?;

    let products = usage::for_card(conn, &card.id)?;
    w.section("section.competition").map_err(failed)?;
    let rows: Vec<Vec<V>> = products
        .iter()
        .map(|u| {
            let maker = if u.product.maker.is_empty() {
                ctx.t("product.our_company")
            } else {
                u.product.maker.clone()
            };
            vec![
                t(&u.product.fields.name),
                V::T(maker),
                V::Day(u.fields.since.clone()),
                V::Day(u.fields.renewal_on.clone()),
            ]
        })
        .collect();
    w.table(
        &[
            "report.card.product",
            "report.card.maker",
            "field.usage.since",
            "field.usage.renewal_on",
        ],
        &rows,
    )
    .map_err(failed)?;

    // What was learned about the customer (002): the newest first, as many as fit a page's worth.
    let notes = crate::notes::store::for_card(conn, &card.id)?;
    w.section("report.card.intelligence").map_err(failed)?;
    let rows: Vec<Vec<V>> = notes
        .iter()
        .take(RECENT)
        .map(|n| {
            let x = &n.fields;
            let said = if x.judgement.is_empty() {
                x.content.clone()
            } else {
                format!("{}\n→ {}", x.content, x.judgement)
            };
            vec![
                V::Day(Some(x.noted_on.clone())),
                V::T(label(format!("note_category.{}", x.category.as_str()))),
                V::T(said),
                V::T(label(format!("certainty.{}", x.certainty.as_str()))),
            ]
        })
        .collect();
    w.table(
        &[
            "field.note.noted_on",
            "field.note.category",
            "field.note.content",
            "field.note.certainty",
        ],
        &rows,
    )
    .map_err(failed)?;

    if !f.notes.is_empty() {
        w.section("section.notes").map_err(failed)?;
        w.ws.merge_range(w.row, 0, w.row, 3, "", &w.s.wrap)
            .map_err(failed)?;
        layout::text(w.ws, w.row, 0, &f.notes, &w.s.wrap).map_err(failed)?;
        w.row += 1;
    }
    Ok(())
}

/// Cards per sheet: Excel allows at most 1,023 page breaks in a sheet, and a card is a page.
const CARDS_PER_SHEET: usize = 1000;

/// Writes one page per card of `ids` (in that order), a sheet for each thousand cards.
pub fn write_cards(
    conn: &Connection,
    ctx: &Ctx,
    ids: &[crate::ids::CardId],
    path: &Path,
    progress: Progress<'_>,
) -> Result<u32, ReportError> {
    if ids.is_empty() {
        return Err(ReportError::Empty);
    }
    let failed = write_error(path);
    let mut workbook = Workbook::new();
    let s = Styles::new(ctx);
    let title = ctx.t("report.card.title");
    let sheets = ids.len().div_ceil(CARDS_PER_SHEET);
    let period = Period::year_to(ctx.today);
    for (sheet, chunk) in ids.chunks(CARDS_PER_SHEET).enumerate() {
        let ws = workbook.add_worksheet();
        let first = sheet * CARDS_PER_SHEET;
        let name = if sheets > 1 {
            format!(
                "{} {}-{}",
                ctx.t("report.card.sheet"),
                first + 1,
                first + chunk.len()
            )
        } else {
            ctx.t("report.card.sheet")
        };
        ws.set_name(name).map_err(&failed)?;
        layout::setup(
            ws,
            ctx,
            &Page {
                title: &title,
                filter: "",
                landscape: false,
                repeat: None,
            },
        )
        .map_err(&failed)?;
        for (col, width) in [22.0, 34.0, 22.0, 34.0].into_iter().enumerate() {
            ws.set_column_width(col as ColNum, width).map_err(&failed)?;
        }
        let mut breaks = Vec::new();
        let mut w = Writer {
            ws,
            s: &s,
            ctx,
            row: 0,
        };
        for (n, id) in chunk.iter().enumerate() {
            let card = store::load(conn, id)?;
            if n > 0 {
                breaks.push(w.row);
            }
            write_card(&mut w, conn, &card, period).map_err(|e| match e {
                ReportError::Write { detail, .. } => ReportError::Write {
                    path: path.to_owned(),
                    detail,
                },
                other => other,
            })?;
            w.row += 1;
            progress((first + n) as u64 + 1, ids.len() as u64);
        }
        if !breaks.is_empty() {
            w.ws.set_page_breaks(&breaks).map_err(&failed)?;
        }
    }
    super::save(&mut workbook, path)?;
    Ok(ids.len() as u32)
}

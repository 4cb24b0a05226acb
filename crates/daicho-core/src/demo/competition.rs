//! The competition side of a demo ledger: each market's catalogue, a comparison sheet judged a
//! year ago and again lately, competitor products in use at customers (some renewing soon), our
//! share there, and case studies told by customers of our products.

use crate::ids::{CompetitorId, ProductId};
use chrono::{Duration, NaiveDate};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rusqlite::Connection;

use crate::card::store::Edit;
use crate::competition::{
    cases, sheets, store, usage, AssessmentFields, CardProductFields, CaseStudyFields,
    CompetitorFields, Criterion, ProductFields, ProductScores, SheetFields, VersusText,
};
use crate::error::CompetitionError;

use super::pick;
use super::rivals::{CompetitionWords, ProductWords};
use super::sales::in_ledger_currency;

/// What one market's catalogue holds, by id.
pub struct Catalogue {
    pub words: &'static CompetitionWords,
    /// Parallel to `words.ours`.
    pub ours: Vec<ProductId>,
    /// Parallel to `words.rivals`.
    pub rivals: Vec<CompetitorId>,
    /// Every competitor product with its category index.
    pub rival_products: Vec<(ProductId, usize)>,
}

/// Criterion weights: quality and service count most for a machine the customer keeps for years.
const WEIGHTS: [f64; 6] = [3.0, 2.0, 1.0, 2.0, 3.0, 1.0];
/// Scores on the 5-point scale a year ago and lately: ours, the first rival's, the second's.
const SCORES_LAST_YEAR: [[i32; 6]; 3] =
    [[4, 3, 3, 4, 4, 4], [4, 3, 5, 4, 3, 3], [3, 5, 3, 3, 3, 4]];
const SCORES_NOW: [[i32; 6]; 3] = [[4, 3, 3, 5, 5, 4], [4, 3, 5, 4, 3, 3], [3, 5, 3, 3, 2, 4]];

/// What one of our products costs us: 55–76% of its lowest price, in the ledger's currency.
pub fn unit_cost(words: &ProductWords, market: usize, ledger: usize) -> i64 {
    in_ledger_currency(market, ledger, words.price.0) * (55 + 7 * (words.name.len() as i64 % 4))
        / 100
}

/// A product as the catalogue keeps it: its prices are the market's, in the ledger's one
/// currency (a yen ledger does not list yuan, won and dollars side by side).
fn product_fields(
    words: &ProductWords,
    categories: [&str; 2],
    maker: Option<&CompetitorId>,
    (market, ledger): (usize, usize),
) -> ProductFields {
    ProductFields {
        competitor_id: maker.cloned(),
        name: words.name.to_owned(),
        category: categories[words.category].to_owned(),
        price_min: Some(in_ledger_currency(market, ledger, words.price.0)),
        price_max: Some(in_ledger_currency(market, ledger, words.price.1)),
        unit_cost: maker.is_none().then(|| unit_cost(words, market, ledger)),
        features: words.features.to_owned(),
        selling_points: words.selling_points.to_owned(),
        notes: String::new(),
    }
}

/// Creates the market's products, competitors and comparison sheet. `ten_point` sheets use the
/// 10-point scale.
pub fn catalogue(
    conn: &Connection,
    words: &'static CompetitionWords,
    (market, ledger): (usize, usize),
    today: NaiveDate,
    ten_point: bool,
    edit: &Edit<'_>,
) -> Result<Catalogue, CompetitionError> {
    let mut ours = Vec::new();
    for product in words.ours {
        ours.push(
            store::save_product(
                conn,
                None,
                &product_fields(product, words.categories, None, (market, ledger)),
                edit,
            )?
            .id,
        );
    }
    let (mut rivals, mut rival_products) = (Vec::new(), Vec::new());
    for rival in words.rivals {
        let fields = CompetitorFields {
            name: rival.name.to_owned(),
            reading: rival.reading.to_owned(),
            website: rival.website.to_owned(),
            strengths: rival.strengths.to_owned(),
            weaknesses: rival.weaknesses.to_owned(),
            notes: String::new(),
        };
        let id = store::save_competitor(conn, None, &fields, edit)?.id;
        for product in rival.products {
            let fields = product_fields(product, words.categories, Some(&id), (market, ledger));
            rival_products.push((
                store::save_product(conn, None, &fields, edit)?.id,
                product.category,
            ));
        }
        rivals.push(id);
    }
    let catalogue = Catalogue {
        words,
        ours,
        rivals,
        rival_products,
    };
    sheet(conn, &catalogue, today, ten_point, edit)?;
    Ok(catalogue)
}

/// Our main product against the first product of each of the first two rivals, judged a year
/// ago and again three weeks ago.
fn sheet(
    conn: &Connection,
    catalogue: &Catalogue,
    today: NaiveDate,
    ten_point: bool,
    edit: &Edit<'_>,
) -> Result<(), CompetitionError> {
    let words = catalogue.words;
    let first_of = |rival: usize| {
        let skip: usize = words.rivals[..rival].iter().map(|r| r.products.len()).sum();
        catalogue.rival_products[skip].0.clone()
    };
    let products = [catalogue.ours[0].clone(), first_of(0), first_of(1)];
    let sheet = sheets::save(
        conn,
        None,
        &SheetFields {
            title: words.sheet_title.to_owned(),
            category: words.categories[0].to_owned(),
            our_product_id: products[0].clone(),
            competitor_product_ids: products[1..].to_vec(),
        },
        edit,
    )?;
    let criteria: Vec<Criterion> = words
        .criteria
        .iter()
        .zip(WEIGHTS)
        .map(|(name, weight)| Criterion {
            name: (*name).to_owned(),
            weight,
        })
        .collect();
    let scale = if ten_point { 10 } else { 5 };
    for (days_ago, table) in [(365, SCORES_LAST_YEAR), (21, SCORES_NOW)] {
        let scores = products
            .iter()
            .zip(table)
            .map(|(id, row)| ProductScores {
                product_id: id.clone(),
                scores: row.iter().map(|s| Some(s * scale / 5)).collect(),
            })
            .collect();
        let texts = products[1..]
            .iter()
            .zip(words.versus)
            .map(|(id, (strengths, weaknesses))| VersusText {
                product_id: id.clone(),
                strengths: strengths.to_owned(),
                weaknesses: weaknesses.to_owned(),
            })
            .collect();
        let fields = AssessmentFields {
            assessed_on: (today - Duration::days(days_ago))
                .format("%Y-%m-%d")
                .to_string(),
            scale,
            criteria: criteria.clone(),
            scores,
            texts,
        };
        sheets::assess(conn, &sheet.id, &fields, edit)?;
    }
    Ok(())
}

/// Records what an organisation customer uses: often a competitor's machine, whose contract
/// renews some time (now and then within weeks), and for active customers some of ours too.
pub fn products_in_use(
    conn: &Connection,
    rng: &mut ChaCha8Rng,
    catalogue: &Catalogue,
    card_id: &str,
    active: bool,
    today: NaiveDate,
    edit: &Edit<'_>,
) -> Result<(), CompetitionError> {
    let (theirs, category) = pick(rng, &catalogue.rival_products).clone();
    let since = today - Duration::days(rng.random_range(200..2000));
    let renewal = if rng.random_bool(0.35) {
        today + Duration::days(rng.random_range(3..85))
    } else {
        today + Duration::days(rng.random_range(100..900))
    };
    let theirs = CardProductFields {
        product_id: theirs,
        since: Some(since.format("%Y-%m-%d").to_string()),
        volume: Some(rng.random_range(1..12)),
        satisfaction: Some(*pick(rng, &[1, 2, 2, 3, 3, 3, 4, 5])),
        renewal_on: Some(renewal.format("%Y-%m-%d").to_string()),
        notes: if rng.random_bool(0.5) {
            (*pick(rng, catalogue.words.usage_notes)).to_owned()
        } else {
            String::new()
        },
    };
    usage::save(conn, card_id, None, &theirs, edit)?;
    if active && rng.random_bool(0.6) {
        let ours = CardProductFields {
            product_id: catalogue.ours[category].clone(),
            since: Some(
                (today - Duration::days(rng.random_range(60..1500)))
                    .format("%Y-%m-%d")
                    .to_string(),
            ),
            volume: Some(rng.random_range(1..12)),
            satisfaction: Some(*pick(rng, &[3, 4, 4, 5])),
            ..CardProductFields::default()
        };
        usage::save(conn, card_id, None, &ours, edit)?;
    } else if rng.random_bool(0.2) {
        // The rep knows the share from the customer's purchasing without the volumes.
        let category = catalogue.words.categories[category];
        usage::set_share(
            conn,
            card_id,
            category,
            Some(rng.random_range(1..6) * 10),
            edit,
        )?;
    }
    Ok(())
}

/// A customer of ours who may tell their story: card, industry, headcount.
pub struct Storyteller {
    pub card_id: crate::ids::CardId,
    pub industry: String,
    pub employees: Option<i64>,
}

/// The market's case studies, each told by an active customer of its industry when there is one
/// (the first always anonymised); the last is old enough to be flagged stale.
pub fn cases(
    conn: &Connection,
    catalogue: &Catalogue,
    tellers: &[Storyteller],
    today: NaiveDate,
    edit: &Edit<'_>,
) -> Result<(), CompetitionError> {
    let count = catalogue.words.cases.len();
    let mut told = Vec::new();
    for (n, case) in catalogue.words.cases.iter().enumerate() {
        let teller = tellers
            .iter()
            .filter(|t| n != 0 && t.industry == case.industry)
            .find(|t| !told.contains(&t.card_id));
        let months_ago = if n + 1 == count { 50 } else { 4 + 9 * n as u32 };
        let dated_on = today
            .checked_sub_months(chrono::Months::new(months_ago))
            .unwrap_or(today);
        let product = usize::from(case.introduced.contains("PBX"));
        let fields = CaseStudyFields {
            title: case.title.to_owned(),
            card_id: teller.map(|t| t.card_id.clone()),
            customer_label: if teller.is_some() {
                String::new()
            } else {
                case.label.to_owned()
            },
            industry: case.industry.to_owned(),
            employees: teller.map_or(Some(case.employees), |t| t.employees),
            product_id: Some(catalogue.ours[product].clone()),
            problem: case.problem.to_owned(),
            introduced: case.introduced.to_owned(),
            effect: case.effect.to_owned(),
            dated_on: dated_on.format("%Y-%m-%d").to_string(),
            shareable: n != 1,
        };
        if let Some(t) = teller {
            told.push(t.card_id.clone());
        }
        cases::save(conn, None, &fields, edit)?;
    }
    Ok(())
}

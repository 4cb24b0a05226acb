//! Competitor comparison: scoring with weights and scales, dated assessments, products in use and
//! our share at a customer, renewals, case matching, and deleting what others point at.

use daicho_core::card::HistoryEntity;
use daicho_core::competition::{
    scoring, Assessment, AssessmentFields, CardProductFields, CaseStudyFields, CompetitorFields,
    Criterion, ProductFields, ProductScores, SheetFields, VersusText,
};
use daicho_core::error::Coded;
use daicho_core::ids::{CompetitorId, ProductId};
use daicho_core::Ledger;
use expect_test::expect;

use super::sales::sale;
use super::{ledger, organisation};
use daicho_core::competition::hints::HintKind;

struct Catalogue {
    ours: ProductId,
    a: ProductId,
    b: ProductId,
}

fn product(ledger: &mut Ledger, maker: Option<&CompetitorId>, name: &str) -> ProductId {
    let fields = ProductFields {
        competitor_id: maker.cloned(),
        name: name.into(),
        category: "複合機".into(),
        ..ProductFields::default()
    };
    ledger.create_product(&fields).unwrap().id
}

fn catalogue(ledger: &mut Ledger) -> Catalogue {
    let rival = |name: &str| CompetitorFields {
        name: name.into(),
        ..CompetitorFields::default()
    };
    let alpha = ledger
        .create_competitor(&rival("アルファ事務機"))
        .unwrap()
        .id;
    let beta = ledger.create_competitor(&rival("ベータ電子")).unwrap().id;
    Catalogue {
        ours: product(ledger, None, "DX-500"),
        a: product(ledger, Some(&alpha), "A-3000"),
        b: product(ledger, Some(&beta), "B-Pro"),
    }
}

fn criteria(weights: &[f64]) -> Vec<Criterion> {
    let names = ["品質", "価格", "ブランド", "機能", "サービス", "納期"];
    weights
        .iter()
        .zip(names)
        .map(|(w, n)| Criterion {
            name: n.into(),
            weight: *w,
        })
        .collect()
}

fn scores(product: &str, scores: &[i32]) -> ProductScores {
    ProductScores {
        product_id: product.into(),
        scores: scores.iter().map(|s| Some(*s)).collect(),
    }
}

fn issues(error: &dyn Coded) -> String {
    error
        .fields()
        .iter()
        .map(|i| format!("{} {}", i.field, i.rule))
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn weighted_totals_count_weights_skip_unscored_cells_and_compare_across_scales() {
    let criteria = criteria(&[3.0, 1.0]);
    let totals = scoring::totals(
        &criteria,
        &[
            scores("ours", &[5, 1]),
            ProductScores {
                product_id: "half".into(),
                scores: vec![Some(4), None],
            },
            ProductScores {
                product_id: "none".into(),
                scores: vec![None, None],
            },
        ],
        5,
    );
    let shown: Vec<String> = totals
        .iter()
        .map(|t| {
            format!(
                "{} {} {}% {}",
                t.product_id, t.weighted, t.percent, t.complete
            )
        })
        .collect();
    expect![[r#"
        [
            "ours 4 80% true",
            "half 4 80% false",
            "none 0 0% false",
        ]
    "#]]
    .assert_debug_eq(&shown);

    // 5 → 10 doubles, 10 → 5 halves rounding up; there and back keeps a 5-point score.
    let converted: Vec<i32> = (1..=5).map(|s| scoring::convert(s, 5, 10)).collect();
    assert_eq!(converted, [2, 4, 6, 8, 10]);
    let back: Vec<i32> = (1..=10).map(|s| scoring::convert(s, 10, 5)).collect();
    assert_eq!(back, [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    let fields = AssessmentFields {
        assessed_on: "2026-11-24".into(),
        scale: 5,
        criteria: criteria.clone(),
        scores: vec![scores("ours", &[5, 1])],
        texts: vec![],
    };
    let ten = scoring::rescale(&fields, 10);
    assert_eq!(ten.scores[0].scores, [Some(10), Some(2)]);
    assert_eq!(
        scoring::totals(&ten.criteria, &ten.scores, 10)[0].percent,
        80.0
    );
}

/// The sheet page's "since" column: criteria matched by name however they moved, an earlier
/// 10-point score converted as a rescale would (7 → 4 on 5 points, not 3.5), totals in points.
#[test]
fn changes_since_an_earlier_assessment_match_criteria_by_name_and_convert_like_a_rescale() {
    let assessment = |scale: i32, names: &[&str], ours: &[Option<i32>]| {
        let criteria: Vec<Criterion> = names
            .iter()
            .map(|n| Criterion {
                name: (*n).into(),
                weight: 1.0,
            })
            .collect();
        let scores = vec![ProductScores {
            product_id: "ours".into(),
            scores: ours.to_vec(),
        }];
        let totals = scoring::totals(&criteria, &scores, scale);
        Assessment {
            id: format!("{scale}").into(),
            sheet_id: "s".into(),
            actor: String::new(),
            fields: AssessmentFields {
                assessed_on: "2026-11-24".into(),
                scale,
                criteria,
                scores,
                texts: vec![],
            },
            totals,
        }
    };
    // Last year on 10 points: 品質 7, 価格 4. This year on 5: 価格 moved first, 納期 is new.
    let before = assessment(10, &["品質", "価格"], &[Some(7), Some(4)]);
    let now = assessment(5, &["価格", "品質", "納期"], &[Some(3), Some(4), Some(5)]);
    let changes = scoring::changes(&now, &before);
    assert_eq!(changes.scores[0].changes, [Some(1), Some(0), None]);
    // 10 → 5 the same way as converting the assessment itself.
    assert_eq!(
        scoring::rescale(&before.fields, 5).scores[0].scores,
        [Some(4), Some(2)]
    );
    // 80% now (4 of 5 on average) against 55% then.
    assert_eq!(changes.totals[0].points, Some(25.0));
    let unscored = assessment(5, &["品質"], &[None]);
    assert_eq!(
        scoring::changes(&unscored, &before).scores[0].changes,
        [None]
    );
}

#[test]
fn a_sheet_keeps_each_dated_assessment_so_last_year_stays_beside_this_year() {
    let mut ledger = ledger();
    let c = catalogue(&mut ledger);
    let sheet = ledger
        .create_sheet(&SheetFields {
            title: "DX-500 対 競合".into(),
            category: "複合機".into(),
            our_product_id: c.ours.clone(),
            competitor_product_ids: vec![c.a.clone(), c.b.clone()],
        })
        .unwrap();
    let last_year = AssessmentFields {
        assessed_on: "2025-11-20".into(),
        scale: 5,
        criteria: criteria(&[2.0, 1.0, 1.0]),
        scores: vec![
            scores(&c.ours, &[3, 3, 3]),
            scores(&c.a, &[4, 4, 4]),
            scores(&c.b, &[2, 2, 2]),
        ],
        texts: vec![VersusText {
            product_id: c.a.clone(),
            strengths: "保守網が広い".into(),
            weaknesses: "価格が高い".into(),
        }],
    };
    ledger.assess(&sheet.id, &last_year).unwrap();
    let this_year = AssessmentFields {
        assessed_on: "2026-11-20".into(),
        scores: vec![
            scores(&c.ours, &[5, 4, 4]),
            scores(&c.a, &[4, 4, 4]),
            scores(&c.b, &[3, 2, 2]),
        ],
        ..last_year.clone()
    };
    ledger.assess(&sheet.id, &this_year).unwrap();

    let view = ledger.sheet(&sheet.id).unwrap();
    let makers: Vec<&str> = view.products.iter().map(|p| p.maker.as_str()).collect();
    assert_eq!(makers, ["", "アルファ事務機", "ベータ電子"]);
    let history: Vec<String> = view
        .assessments
        .iter()
        .map(|a| {
            let totals: Vec<String> = a.totals.iter().map(|t| t.weighted.to_string()).collect();
            format!("{}: {}", a.fields.assessed_on, totals.join(" / "))
        })
        .collect();
    expect![[r#"
        [
            "2026-11-20: 4.5 / 4 / 2.5",
            "2025-11-20: 3 / 4 / 2",
        ]
    "#]]
    .assert_debug_eq(&history);
    assert_eq!(
        view.assessments[1].fields.texts[0].strengths,
        "保守網が広い"
    );
    assert_eq!(view.assessments[1].actor, "山田 太郎");

    // The same day again replaces that day's view only.
    let mut again = this_year.clone();
    again.scores[0] = scores(&c.ours, &[5, 5, 5]);
    ledger.assess(&sheet.id, &again).unwrap();
    let view = ledger.sheet(&sheet.id).unwrap();
    assert_eq!(view.assessments.len(), 2);
    assert_eq!(view.assessments[0].totals[0].weighted, 5.0);
    assert_eq!(
        ledger.sheets().unwrap()[0].assessed_on.as_deref(),
        Some("2026-11-20")
    );
}

#[test]
fn bad_sheets_and_scores_are_refused_clearly_and_nothing_is_saved() {
    let mut ledger = ledger();
    let c = catalogue(&mut ledger);
    let no_products = SheetFields {
        title: "比較".into(),
        our_product_id: c.a.clone(),
        ..SheetFields::default()
    };
    let error = ledger.create_sheet(&no_products).unwrap_err();
    expect!["our_product_id not_ours, competitor_product_ids required"].assert_eq(&issues(&error));
    let twice = SheetFields {
        title: "比較".into(),
        our_product_id: c.ours.clone(),
        competitor_product_ids: vec![c.a.clone(), c.a.clone(), c.ours.clone()],
        ..SheetFields::default()
    };
    let error = ledger.create_sheet(&twice).unwrap_err();
    expect!["competitor_product_ids duplicate, competitor_product_ids not_competitor"]
        .assert_eq(&issues(&error));

    let sheet = ledger
        .create_sheet(&SheetFields {
            title: "比較".into(),
            our_product_id: c.ours.clone(),
            competitor_product_ids: vec![c.a.clone()],
            ..SheetFields::default()
        })
        .unwrap();
    let mut bad = AssessmentFields {
        assessed_on: "2026-11-24".into(),
        scale: 5,
        criteria: vec![
            Criterion {
                name: "品質".into(),
                weight: -1.0,
            },
            Criterion {
                name: " 品質 ".into(),
                weight: 0.0,
            },
        ],
        scores: vec![scores(&c.ours, &[6, 0])],
        texts: vec![],
    };
    let error = ledger.assess(&sheet.id, &bad).unwrap_err();
    expect![[r#"criteria.0.weight negative, criteria.1.name duplicate, scores.CARD.0 out_of_scale, scores.CARD.1 out_of_scale"#]]
        .assert_eq(&issues(&error).replace(c.ours.as_str(), "CARD"));
    bad.criteria = criteria(&[0.0, 0.0]);
    bad.scores = vec![scores(&c.b, &[1, 1])];
    bad.scale = 7;
    let error = ledger.assess(&sheet.id, &bad).unwrap_err();
    expect!["scale invalid_scale, criteria all_zero, scores unknown_product"]
        .assert_eq(&issues(&error));
    bad.criteria = vec![];
    expect!["scale invalid_scale, criteria required, scores unknown_product"]
        .assert_eq(&issues(&ledger.assess(&sheet.id, &bad).unwrap_err()));
    assert_eq!(ledger.stats().unwrap().assessments, 0);
}

#[test]
fn a_customer_s_products_give_our_share_and_renewals_become_opportunities() {
    let mut ledger = ledger();
    let c = catalogue(&mut ledger);
    let card = ledger.create_card(&organisation("東洋商事", "")).unwrap();
    let uses = |product: &str, volume: i64, renewal: Option<&str>| CardProductFields {
        product_id: product.into(),
        volume: Some(volume),
        satisfaction: Some(2),
        renewal_on: renewal.map(str::to_owned),
        since: Some("2023-04-01".into()),
        ..CardProductFields::default()
    };
    ledger
        .add_card_product(&card.id, &uses(&c.a, 30, Some("2027-01-31")))
        .unwrap();
    let ours = ledger
        .add_card_product(&card.id, &uses(&c.ours, 10, None))
        .unwrap();
    let far = ledger
        .add_card_product(&card.id, &uses(&c.b, 60, Some("2027-12-01")))
        .unwrap();
    assert_eq!(
        ledger
            .add_card_product(&card.id, &uses(&c.a, 1, None))
            .unwrap_err()
            .fields()[0]
            .rule,
        "duplicate"
    );
    let share = &ledger.card_competition(&card.id, 36).unwrap().shares[0];
    assert_eq!((share.our_volume, share.total_volume), (10, 100));
    assert_eq!(share.derived_percent, Some(10.0));
    let shares = ledger.set_share(&card.id, "複合機", Some(25)).unwrap();
    assert_eq!(shares[0].entered_percent, Some(25));
    assert_eq!(
        ledger
            .set_share(&card.id, "複合機", Some(101))
            .unwrap_err()
            .fields()[0]
            .rule,
        "out_of_range"
    );

    // Within 90 days of 2026-11-24: the A-3000 contract; the B-Pro one is a year off.
    let renewals = ledger.renewals(90).unwrap();
    let shown: Vec<String> = renewals
        .iter()
        .map(|r| {
            format!(
                "{} {} {} in {} days",
                r.card_name, r.maker, r.product_name, r.days_until
            )
        })
        .collect();
    assert_eq!(shown, ["東洋商事 アルファ事務機 A-3000 in 68 days"]);
    ledger
        .update_card_product(&far.id, &uses(&c.b, 60, Some("2026-12-10")))
        .unwrap();
    assert_eq!(ledger.renewals(90).unwrap().len(), 2);
    ledger.delete_card_product(&ours.id).unwrap();

    let history: Vec<String> = ledger
        .history(&card.id)
        .unwrap()
        .into_iter()
        .filter(|h| matches!(h.entity, HistoryEntity::ProductUse | HistoryEntity::Share))
        .map(|h| format!("{:?} {} {}", h.action, h.entity_label, h.field))
        .collect();
    expect![[r#"
        [
            "Deleted DX-500 ",
            "Changed B-Pro renewal_on",
            "Changed 複合機 percent",
            "Created B-Pro ",
            "Created DX-500 ",
            "Created A-3000 ",
        ]
    "#]]
    .assert_debug_eq(&history);

    // Correcting which product the customer uses is recorded by the products' names.
    ledger
        .update_card_product(&far.id, &uses(&c.ours, 60, Some("2026-12-10")))
        .unwrap();
    let latest = &ledger.history(&card.id).unwrap()[0];
    assert_eq!(
        (
            latest.field.as_str(),
            latest.old_value.as_deref(),
            latest.new_value.as_deref()
        ),
        ("product_id", Some("B-Pro"), Some("DX-500"))
    );

    // A card in the trash drops out of the renewals.
    ledger.trash_card(&card.id).unwrap();
    assert!(ledger.renewals(90).unwrap().is_empty());
}

#[test]
fn deleting_a_product_says_what_goes_with_it_and_leaves_nothing_dangling() {
    let mut ledger = ledger();
    let c = catalogue(&mut ledger);
    let card = ledger.create_card(&organisation("東洋商事", "")).unwrap();
    let sheet = |ledger: &mut Ledger, title: &str, others: Vec<ProductId>| {
        ledger
            .create_sheet(&SheetFields {
                title: title.into(),
                our_product_id: c.ours.clone(),
                competitor_product_ids: others,
                ..SheetFields::default()
            })
            .unwrap()
            .id
    };
    let both = sheet(&mut ledger, "両方", vec![c.a.clone(), c.b.clone()]);
    sheet(&mut ledger, "Aだけ", vec![c.a.clone()]);
    ledger
        .assess(
            &both,
            &AssessmentFields {
                assessed_on: "2026-11-24".into(),
                scale: 10,
                criteria: criteria(&[1.0]),
                scores: vec![scores(&c.a, &[7]), scores(&c.b, &[6])],
                texts: vec![VersusText {
                    product_id: c.a.clone(),
                    strengths: "速い".into(),
                    ..VersusText::default()
                }],
            },
        )
        .unwrap();
    ledger
        .add_card_product(
            &card.id,
            &CardProductFields {
                product_id: c.a.clone(),
                ..CardProductFields::default()
            },
        )
        .unwrap();
    let usage = ledger.product_usage(&c.a).unwrap();
    assert_eq!(
        (
            usage.sheets_deleted,
            usage.sheets_losing_it,
            usage.customers
        ),
        (1, 1, 1)
    );

    ledger.delete_product(&c.a).unwrap();
    let sheets: Vec<String> = ledger
        .sheets()
        .unwrap()
        .into_iter()
        .map(|s| s.title)
        .collect();
    assert_eq!(sheets, ["両方"]);
    let view = ledger.sheet(&both).unwrap();
    assert_eq!(view.products.len(), 2);
    assert_eq!(view.assessments[0].totals.len(), 2);
    assert!(ledger
        .card_competition(&card.id, 36)
        .unwrap()
        .products
        .is_empty());
    let dangling: u32 = ledger
        .connection()
        .query_row(
            "SELECT (SELECT count(*) FROM assessment_scores WHERE product_id = ?1)
                  + (SELECT count(*) FROM assessment_texts WHERE product_id = ?1)
                  + (SELECT count(*) FROM sheet_products WHERE product_id = ?1)
                  + (SELECT count(*) FROM card_products WHERE product_id = ?1)",
            [&c.a],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(dangling, 0);
    assert!(
        ledger
            .history(&card.id)
            .unwrap()
            .iter()
            .any(|h| h.entity == HistoryEntity::ProductUse
                && h.old_value.as_deref() == Some("A-3000"))
    );

    // Deleting our product takes the sheets built on it.
    ledger.delete_product(&c.ours).unwrap();
    assert!(ledger.sheets().unwrap().is_empty());
    assert_eq!(ledger.stats().unwrap().integrity, "ok");
}

#[test]
fn cases_closest_in_industry_and_size_are_suggested_and_old_ones_are_stale() {
    let mut ledger = ledger();
    let mut fields = organisation("東洋運輸", "");
    fields.industry = "運輸業".into();
    fields.organisation.as_mut().unwrap().employees = Some(120);
    let card = ledger.create_card(&fields).unwrap();
    let case = |title: &str, industry: &str, employees: i64, on: &str| CaseStudyFields {
        title: title.into(),
        customer_label: "関西の物流会社".into(),
        industry: industry.into(),
        employees: Some(employees),
        problem: "配車に毎朝2時間".into(),
        effect: "配車時間を80%削減".into(),
        dated_on: on.into(),
        shareable: true,
        ..CaseStudyFields::default()
    };
    for (title, industry, employees, on) in [
        ("同業・同規模", "運輸業", 100, "2025-06-01"),
        ("同業・大手", "運輸業", 12000, "2026-01-10"),
        ("異業種・同規模", "製造業", 130, "2026-03-01"),
        ("同業・古い", "運輸業", 150, "2020-01-01"),
    ] {
        ledger
            .create_case(&case(title, industry, employees, on), 36)
            .unwrap();
    }
    let suggested: Vec<String> = ledger
        .card_competition(&card.id, 36)
        .unwrap()
        .cases
        .into_iter()
        .map(|m| {
            format!(
                "{} {} stale={}",
                m.case.fields.title, m.closeness, m.case.stale
            )
        })
        .collect();
    expect![[r#"
        [
            "同業・同規模 0.98 stale=false",
            "同業・古い 0.98 stale=true",
            "同業・大手 0.6 stale=false",
        ]
    "#]]
    .assert_debug_eq(&suggested);

    let error = ledger
        .create_case(
            &CaseStudyFields {
                title: " ".into(),
                ..CaseStudyFields::default()
            },
            36,
        )
        .unwrap_err();
    expect!["title required, dated_on required, customer_label required"]
        .assert_eq(&issues(&error));
}

/// A note about a competitor shows on that competitor's page; pointing it at another competitor
/// is recorded by their names, and deleting the competitor leaves the note without it.
#[test]
fn notes_point_to_competitors_by_name_and_survive_their_deletion() {
    use daicho_core::notes::{NoteCategory, NoteFields, NoteQuery};
    let mut ledger = ledger();
    let rival = |name: &str| CompetitorFields {
        name: name.into(),
        ..CompetitorFields::default()
    };
    let alpha = ledger.create_competitor(&rival("アルファ事務機")).unwrap();
    let beta = ledger.create_competitor(&rival("ベータ電子")).unwrap();
    let card = ledger
        .create_card(&organisation("東洋商事", "トウヨウショウジ"))
        .unwrap();
    let fields = NoteFields {
        noted_on: "2026-11-20".into(),
        category: NoteCategory::Competitor,
        content: "アルファが値引きを提示したらしい".into(),
        competitor_id: Some(alpha.id.clone()),
        ..NoteFields::default()
    };
    let note = ledger.add_note(&card.id, &fields).unwrap();
    let about = |ledger: &Ledger, id: &CompetitorId| {
        ledger
            .list_notes(&NoteQuery {
                competitor_id: Some(id.clone()),
                ..NoteQuery::default()
            })
            .unwrap()
            .total
    };
    assert_eq!(
        (about(&ledger, &alpha.id), about(&ledger, &beta.id)),
        (1, 0)
    );

    let moved = NoteFields {
        competitor_id: Some(beta.id.clone()),
        ..fields.clone()
    };
    ledger.update_note(&note.id, note.version, &moved).unwrap();
    let latest = &ledger.history(&card.id).unwrap()[0];
    assert_eq!(
        (
            latest.field.as_str(),
            latest.old_value.as_deref(),
            latest.new_value.as_deref()
        ),
        ("competitor_id", Some("アルファ事務機"), Some("ベータ電子"))
    );

    let unknown = NoteFields {
        competitor_id: Some("0196d0c4-0000-7000-8000-00000000ffff".into()),
        ..fields
    };
    let error = ledger.add_note(&card.id, &unknown).unwrap_err();
    assert_eq!(issues(&error), "competitor_id unknown");

    ledger.delete_competitor(&beta.id).unwrap();
    assert_eq!(ledger.note(&note.id).unwrap().fields.competitor_id, None);
}

/// 002 クロスセリング / アップセリング: our products that customers of the same industry use and
/// this one does not, and the next of ours up in a category where it has one of ours.
#[test]
fn hints_propose_what_similar_customers_use_and_the_next_product_up() {
    let mut l = ledger();
    let ours = |l: &mut Ledger, name: &str, category: &str, price: i64| {
        l.create_product(&ProductFields {
            competitor_id: None,
            name: name.into(),
            category: category.into(),
            price_min: Some(price),
            price_max: None,
            unit_cost: None,
            features: String::new(),
            selling_points: "5年保証".into(),
            notes: String::new(),
        })
        .unwrap()
    };
    let small = ours(&mut l, "複合機 MX-3000", "複合機", 300_000);
    let big = ours(&mut l, "複合機 MX-5000", "複合機", 500_000);
    ours(&mut l, "複合機 MX-9000", "複合機", 900_000);
    let care = ours(&mut l, "保守契約", "サービス", 12_000);
    let customer = |l: &mut Ledger, name: &str, industry: &str| {
        let mut f = organisation(name, "");
        f.industry = industry.into();
        f.status = daicho_core::card::CardStatus::Active;
        l.create_card(&f).unwrap().id
    };
    let buy =
        |l: &mut Ledger, card: &daicho_core::ids::CardId, product: &daicho_core::ids::ProductId| {
            let mut t = sale("2026-10-01", "", 1, 10_000);
            t.product_id = Some(product.clone());
            l.add_transaction(card, &t).unwrap();
        };
    let me = customer(&mut l, "青葉精機", "製造業");
    buy(&mut l, &me, &small.id);
    // Four manufacturers, three on a maintenance contract; a retailer that is not like us.
    for n in 0..4 {
        let peer = customer(&mut l, &format!("製造{n}"), "製造業");
        if n < 3 {
            buy(&mut l, &peer, &care.id);
        }
    }
    let shop = customer(&mut l, "小売店", "小売業");
    buy(&mut l, &shop, &big.id);
    let hints = l.card_competition(&me, 24).unwrap().hints;
    let seen: Vec<(HintKind, &str, u32, u32, &str)> = hints
        .iter()
        .map(|h| {
            (
                h.kind,
                h.product.fields.name.as_str(),
                h.peers_using,
                h.peers,
                h.instead_of.as_str(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (HintKind::CrossSell, "保守契約", 3, 4, ""),
            (HintKind::UpSell, "複合機 MX-5000", 0, 4, "複合機 MX-3000"),
        ]
    );
    // The visit brief carries them too.
    assert_eq!(l.visit_brief(&me).unwrap().hints.len(), 2);
    // Once bought, a product is no longer proposed.
    buy(&mut l, &me, &care.id);
    let hints = l.card_competition(&me, 24).unwrap().hints;
    assert!(hints.iter().all(|h| h.product.id != care.id));
}

/// 002 ライバル商品の使い勝手…生の声: a competitor's page lists the customers using its
/// products with how satisfied they are, the least satisfied first (the ones to win over); a
/// customer in the trash is not one of them.
#[test]
fn a_competitors_users_are_listed_the_least_satisfied_first() {
    let mut ledger = ledger();
    let c = catalogue(&mut ledger);
    let mut cards = Vec::new();
    for (name, satisfaction, notes) in [
        ("東洋商事", Some(4), "速いが高い"),
        ("北辰物流", Some(1), "故障が多い、サポートが遅い"),
        ("青葉精機", None, ""),
    ] {
        let card = ledger.create_card(&organisation(name, "")).unwrap();
        ledger
            .add_card_product(
                &card.id,
                &CardProductFields {
                    product_id: c.a.clone(),
                    satisfaction,
                    notes: notes.into(),
                    ..CardProductFields::default()
                },
            )
            .unwrap();
        cards.push(card.id);
    }
    // Our own product's users are not a competitor's.
    ledger
        .add_card_product(
            &cards[0],
            &CardProductFields {
                product_id: c.ours.clone(),
                ..CardProductFields::default()
            },
        )
        .unwrap();
    let alpha = ledger
        .competitors()
        .unwrap()
        .into_iter()
        .find(|x| x.fields.name == "アルファ事務機")
        .unwrap()
        .id;
    let users = ledger.competitor_users(&alpha).unwrap();
    let shown: Vec<(&str, Option<i32>)> = users
        .users
        .iter()
        .map(|u| (u.card_name.as_str(), u.satisfaction))
        .collect();
    assert_eq!(
        shown,
        [
            ("北辰物流", Some(1)),
            ("東洋商事", Some(4)),
            ("青葉精機", None)
        ]
    );
    assert_eq!(users.total, 3);
    assert_eq!(users.users[0].notes, "故障が多い、サポートが遅い");
    assert_eq!(users.users[0].product_name, "A-3000");
    ledger.trash_card(&cards[1]).unwrap();
    assert_eq!(ledger.competitor_users(&alpha).unwrap().total, 2);
}

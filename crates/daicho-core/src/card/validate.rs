//! Validation: every field checked, all problems reported at once, values normalised
//! (single-line fields trimmed, dates in ISO form, empty list items dropped).

use crate::error::FieldIssue;
use crate::text::{date, email, in_range, line, multiline, non_negative, required_line};

use super::model::{
    CardFields, CardKind, IndividualProfile, KeyPersonFields, Messaging, OrganisationProfile,
    Standing,
};

/// Longest customer code, in characters.
pub const MAX_CODE: usize = 40;
/// Most phones or tags on one card.
pub const MAX_LIST: usize = 50;

pub fn card(input: &CardFields) -> Result<CardFields, Vec<FieldIssue>> {
    let mut issues = Vec::new();
    let i = &mut issues;
    let code = line("code", &input.code, i);
    if code.chars().count() > MAX_CODE {
        i.push(FieldIssue::with_limit("code", "too_long", MAX_CODE as i32));
    }
    let (name, reading) = composed(input);
    let out = CardFields {
        kind: input.kind,
        status: input.status,
        name: required_line("name", &name, i),
        reading: line("reading", &reading, i),
        honorific: line("honorific", &input.honorific, i),
        code,
        owner: line("owner", &input.owner, i),
        lead_source: input.lead_source,
        industry: line("industry", &input.industry, i),
        tags: list("tags", &input.tags, i),
        postal_code: line("postal_code", &input.postal_code, i),
        region: line("region", &input.region, i),
        territory: line("territory", &input.territory, i),
        route: line("route", &input.route, i),
        city: line("city", &input.city, i),
        street: line("street", &input.street, i),
        building: line("building", &input.building, i),
        phones: list("phones", &input.phones, i),
        email: email("email", &input.email, i),
        website: line("website", &input.website, i),
        messaging: messaging("messaging", &input.messaging, i),
        notes: multiline("notes", &input.notes, i),
        first_deal_on: date("first_deal_on", &input.first_deal_on, i),
        first_deal_trigger: multiline("first_deal_trigger", &input.first_deal_trigger, i),
        standing: standing(&input.standing, i),
        organisation: match input.kind {
            CardKind::Organisation => Some(organisation(input.organisation.as_ref(), i)),
            CardKind::Individual => None,
        },
        individual: match input.kind {
            CardKind::Individual => Some(individual(input.individual.as_ref(), i)),
            CardKind::Organisation => None,
        },
    };
    if out
        .phones
        .iter()
        .any(|p| !p.chars().any(|c| c.is_numeric()))
    {
        i.push(FieldIssue::new("phones", "invalid_phone"));
    }
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(issues)
    }
}

/// A list of short items (tags, phones): items trimmed, empty ones and repeats dropped.
fn list(field: &str, items: &[String], issues: &mut Vec<FieldIssue>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        let item = line(field, item, issues);
        if !item.is_empty() && !out.contains(&item) {
            out.push(item);
        }
    }
    if out.len() > MAX_LIST {
        issues.push(FieldIssue::with_limit(field, "too_many", MAX_LIST as i32));
    }
    out
}

fn organisation(
    input: Option<&OrganisationProfile>,
    i: &mut Vec<FieldIssue>,
) -> OrganisationProfile {
    let empty = OrganisationProfile::default();
    let p = input.unwrap_or(&empty);
    let f = |name: &str| format!("organisation.{name}");
    let founded = date(&f("founded"), &p.founded, i);
    let licence_issued = date(&f("licence_issued"), &p.licence_issued, i);
    let licence_expires = date(&f("licence_expires"), &p.licence_expires, i);
    if let (Some(from), Some(to)) = (&licence_issued, &licence_expires) {
        if from > to {
            i.push(FieldIssue::new(f("licence_expires"), "before_issue"));
        }
    }
    OrganisationProfile {
        representative: line(&f("representative"), &p.representative, i),
        founded,
        capital: non_negative(&f("capital"), p.capital, i),
        annual_sales: non_negative(&f("annual_sales"), p.annual_sales, i),
        annual_sales_year: in_range(&f("annual_sales_year"), p.annual_sales_year, 1800, 2200, i),
        employees: non_negative(&f("employees"), p.employees, i),
        sites_count: non_negative(&f("sites_count"), p.sites_count, i),
        sites_where: multiline(&f("sites_where"), &p.sites_where, i),
        fiscal_year_end_month: in_range(
            &f("fiscal_year_end_month"),
            p.fiscal_year_end_month,
            1,
            12,
            i,
        ),
        main_banks: line(&f("main_banks"), &p.main_banks, i),
        associations: line(&f("associations"), &p.associations, i),
        vehicles_count: non_negative(&f("vehicles_count"), p.vehicles_count, i),
        vehicles_dealer: line(&f("vehicles_dealer"), &p.vehicles_dealer, i),
        floor_area: non_negative(&f("floor_area"), p.floor_area, i),
        licence_number: line(&f("licence_number"), &p.licence_number, i),
        licence_issued,
        licence_expires,
        licence_review_on: date(&f("licence_review_on"), &p.licence_review_on, i),
        contract_renews_on: date(&f("contract_renews_on"), &p.contract_renews_on, i),
        payment_method: line(&f("payment_method"), &p.payment_method, i),
        payment_terms: line(&f("payment_terms"), &p.payment_terms, i),
        order_cycle: line(&f("order_cycle"), &p.order_cycle, i),
        delivery_cycle: line(&f("delivery_cycle"), &p.delivery_cycle, i),
        purchasing_policy: multiline(&f("purchasing_policy"), &p.purchasing_policy, i),
        decision_maker: line(&f("decision_maker"), &p.decision_maker, i),
        decision_approach: multiline(&f("decision_approach"), &p.decision_approach, i),
        decision_meeting_on: date(&f("decision_meeting_on"), &p.decision_meeting_on, i),
        needs: multiline(&f("needs"), &p.needs, i),
        main_trouble: multiline(&f("main_trouble"), &p.main_trouble, i),
        mailing_address: line_block(&f("mailing_address"), &p.mailing_address, i),
    }
}

fn individual(input: Option<&IndividualProfile>, i: &mut Vec<FieldIssue>) -> IndividualProfile {
    let empty = IndividualProfile::default();
    let p = input.unwrap_or(&empty);
    let f = |name: &str| format!("individual.{name}");
    let mut sources = p.info_sources.clone();
    sources.dedup();
    IndividualProfile {
        family_name: line(&f("family_name"), &p.family_name, i),
        family_name_reading: line(&f("family_name_reading"), &p.family_name_reading, i),
        given_name: line(&f("given_name"), &p.given_name, i),
        given_name_reading: line(&f("given_name_reading"), &p.given_name_reading, i),
        birthday: date(&f("birthday"), &p.birthday, i),
        occupation: line(&f("occupation"), &p.occupation, i),
        position: line(&f("position"), &p.position, i),
        employer: line(&f("employer"), &p.employer, i),
        family: multiline(&f("family"), &p.family, i),
        income_band: line(&f("income_band"), &p.income_band, i),
        interests: multiline(&f("interests"), &p.interests, i),
        circumstances: multiline(&f("circumstances"), &p.circumstances, i),
        mailing_address: line_block(&f("mailing_address"), &p.mailing_address, i),
        needs: multiline(&f("needs"), &p.needs, i),
        info_sources: sources,
    }
}

pub fn key_person(input: &KeyPersonFields) -> Result<KeyPersonFields, Vec<FieldIssue>> {
    let mut issues = Vec::new();
    let i = &mut issues;
    let out = KeyPersonFields {
        name: required_line("name", &input.name, i),
        reading: line("reading", &input.reading, i),
        department: line("department", &input.department, i),
        title: line("title", &input.title, i),
        role: input.role,
        phone: line("phone", &input.phone, i),
        email: email("email", &input.email, i),
        messaging: messaging("messaging", &input.messaging, i),
        birthday: date("birthday", &input.birthday, i),
        interests: multiline("interests", &input.interests, i),
        notes: multiline("notes", &input.notes, i),
    };
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(issues)
    }
}

/// Messaging IDs are single lines, each checked under `messaging.<channel>`.
fn messaging(prefix: &str, input: &Messaging, i: &mut Vec<FieldIssue>) -> Messaging {
    let id = |channel: &str, value: &str, i: &mut Vec<FieldIssue>| {
        line(&format!("{prefix}.{channel}"), value, i)
    };
    Messaging {
        line: id("line", &input.line, i),
        wechat: id("wechat", &input.wechat, i),
        qq: id("qq", &input.qq, i),
        kakaotalk: id("kakaotalk", &input.kakaotalk, i),
        whatsapp: id("whatsapp", &input.whatsapp, i),
        weibo: id("weibo", &input.weibo, i),
    }
}

fn standing(input: &Standing, i: &mut Vec<FieldIssue>) -> Standing {
    Standing {
        credit_rating: line("standing.credit_rating", &input.credit_rating, i),
        credit_score: in_range("standing.credit_score", input.credit_score, 0, 100, i),
        credit_limit: non_negative("standing.credit_limit", input.credit_limit, i),
        loyalty: input.loyalty,
        cooperation: in_range("standing.cooperation", input.cooperation, 1, 5, i),
        influence: in_range("standing.influence", input.influence, 1, 5, i),
        brand_support: in_range("standing.brand_support", input.brand_support, 1, 5, i),
    }
}

/// An individual's name and reading, composed from the family and given names where they were
/// left empty (an import or the CLI gives only those), as the names themselves are written.
fn composed(input: &CardFields) -> (String, String) {
    let (name, reading) = (input.name.clone(), input.reading.clone());
    let Some(p) = input
        .individual
        .as_ref()
        .filter(|_| input.kind == CardKind::Individual)
    else {
        return (name, reading);
    };
    let readings = format!("{}{}", p.family_name_reading, p.given_name_reading);
    let name = if name.trim().is_empty() {
        crate::names::person_name(&p.family_name, &p.given_name, None, &readings)
    } else {
        name
    };
    let reading = if reading.trim().is_empty() {
        crate::names::person_name(
            &p.family_name_reading,
            &p.given_name_reading,
            None,
            &readings,
        )
    } else {
        reading
    };
    (name, reading)
}

/// A few lines, as an envelope has them: line breaks kept, at most a line's length in all.
fn line_block(field: &str, value: &str, issues: &mut Vec<FieldIssue>) -> String {
    let kept = multiline(field, value, issues);
    if kept.chars().count() > crate::text::MAX_LINE {
        issues.push(FieldIssue::with_limit(
            field,
            "too_long",
            crate::text::MAX_LINE as i32,
        ));
    }
    kept.trim().to_owned()
}

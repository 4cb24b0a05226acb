//! The exports reps actually have, recognised by their headings: each template names the columns
//! its tool writes and the field each one is (or that it is none, like a fax number), so that
//! a Salesforce or Eight file needs no choosing at all. Columns a template does not name are
//! guessed as in any list.

use super::guess::key;
use super::{GuessedBy, ImportField};

api_enum!(
    /// A known export, by the tool that writes it.
    ImportTemplate {
        SalesforceAccounts = "salesforce_accounts",
        SalesforceContacts = "salesforce_contacts",
        HubspotCompanies = "hubspot_companies",
        HubspotContacts = "hubspot_contacts",
        ZohoAccounts = "zoho_accounts",
        ZohoContacts = "zoho_contacts",
        Sansan = "sansan",
        Eight = "eight",
        DaichoCards = "daicho_cards",
    }
);

use ImportField as F;

struct Template {
    id: ImportTemplate,
    /// Headings that all appear in this tool's export and together in no other's.
    signature: &'static [&'static str],
    columns: &'static [(&'static str, Option<ImportField>)],
}

/// Checked in order: a more specific signature before one it contains.
const TEMPLATES: &[Template] = &[
    Template {
        id: ImportTemplate::DaichoCards,
        signature: &[
            "id",
            "code",
            "kind",
            "status",
            "name",
            "sort_key",
            "search_text",
        ],
        columns: &[
            ("id", None),
            ("code", Some(F::Code)),
            ("kind", Some(F::Kind)),
            ("status", Some(F::Status)),
            ("name", Some(F::Name)),
            ("reading", Some(F::Reading)),
            ("honorific", None),
            ("owner", Some(F::Owner)),
            ("industry", Some(F::Industry)),
            ("postal_code", Some(F::PostalCode)),
            ("region", Some(F::Region)),
            ("city", Some(F::City)),
            ("street", Some(F::Street)),
            ("building", Some(F::Building)),
            ("phones", Some(F::Phone)),
            ("email", Some(F::Email)),
            ("website", Some(F::Website)),
            ("notes", Some(F::Notes)),
            ("sort_key", None),
            ("search_text", None),
            ("territory", Some(F::Territory)),
            ("route", Some(F::Route)),
        ],
    },
    Template {
        id: ImportTemplate::ZohoContacts,
        signature: &["First Name", "Last Name", "Account Name", "Mailing Zip"],
        columns: &[
            ("Contact Owner", Some(F::Owner)),
            ("Account Name", Some(F::Name)),
            ("First Name", Some(F::PersonName)),
            ("Last Name", Some(F::PersonName)),
            ("Title", Some(F::PersonTitle)),
            ("Department", Some(F::PersonDepartment)),
            ("Email", Some(F::PersonEmail)),
            ("Phone", Some(F::PersonPhone)),
            ("Mobile", Some(F::PersonPhone)),
            ("Fax", None),
            ("Mailing Street", Some(F::Street)),
            ("Mailing City", Some(F::City)),
            ("Mailing State", Some(F::Region)),
            ("Mailing Zip", Some(F::PostalCode)),
            ("Mailing Country", None),
            ("Description", Some(F::Notes)),
            ("Record Id", None),
        ],
    },
    Template {
        id: ImportTemplate::ZohoAccounts,
        signature: &["Account Name", "Billing Code"],
        columns: &[
            ("Account Owner", Some(F::Owner)),
            ("Account Name", Some(F::Name)),
            ("Account Number", Some(F::Code)),
            ("Account Type", Some(F::Tags)),
            ("Industry", Some(F::Industry)),
            ("Phone", Some(F::Phone)),
            ("Fax", None),
            ("Website", Some(F::Website)),
            ("Billing Street", Some(F::Street)),
            ("Billing City", Some(F::City)),
            ("Billing State", Some(F::Region)),
            ("Billing Code", Some(F::PostalCode)),
            ("Billing Country", None),
            ("Description", Some(F::Notes)),
            ("Record Id", None),
        ],
    },
    Template {
        id: ImportTemplate::SalesforceContacts,
        signature: &[
            "First Name",
            "Last Name",
            "Account Name",
            "Mailing Zip/Postal Code",
        ],
        columns: &[
            ("Contact Owner", Some(F::Owner)),
            ("Account Name", Some(F::Name)),
            ("First Name", Some(F::PersonName)),
            ("Last Name", Some(F::PersonName)),
            ("Salutation", None),
            ("Title", Some(F::PersonTitle)),
            ("Department", Some(F::PersonDepartment)),
            ("Email", Some(F::PersonEmail)),
            ("Phone", Some(F::PersonPhone)),
            ("Mobile", Some(F::PersonPhone)),
            ("Fax", None),
            ("Mailing Street", Some(F::Street)),
            ("Mailing City", Some(F::City)),
            ("Mailing State/Province", Some(F::Region)),
            ("Mailing Zip/Postal Code", Some(F::PostalCode)),
            ("Mailing Country", None),
            ("Description", Some(F::Notes)),
            ("Contact ID", None),
            ("Account ID", None),
        ],
    },
    Template {
        id: ImportTemplate::SalesforceAccounts,
        signature: &["Account Name", "Billing Zip/Postal Code"],
        columns: &[
            ("Account Owner", Some(F::Owner)),
            ("Account Name", Some(F::Name)),
            ("Account Number", Some(F::Code)),
            ("Type", Some(F::Tags)),
            ("Industry", Some(F::Industry)),
            ("Phone", Some(F::Phone)),
            ("Fax", None),
            ("Website", Some(F::Website)),
            ("Billing Street", Some(F::Street)),
            ("Billing City", Some(F::City)),
            ("Billing State/Province", Some(F::Region)),
            ("Billing Zip/Postal Code", Some(F::PostalCode)),
            ("Billing Country", None),
            ("Description", Some(F::Notes)),
            ("Account ID", None),
        ],
    },
    Template {
        id: ImportTemplate::HubspotContacts,
        signature: &["First Name", "Last Name", "Company Name", "Contact owner"],
        columns: &[
            ("Record ID", None),
            ("First Name", Some(F::PersonName)),
            ("Last Name", Some(F::PersonName)),
            ("Email", Some(F::PersonEmail)),
            ("Phone Number", Some(F::PersonPhone)),
            ("Mobile Phone Number", Some(F::PersonPhone)),
            ("Job Title", Some(F::PersonTitle)),
            ("Company Name", Some(F::Name)),
            ("Street Address", Some(F::Street)),
            ("City", Some(F::City)),
            ("State/Region", Some(F::Region)),
            ("Postal Code", Some(F::PostalCode)),
            ("Country/Region", None),
            ("Contact owner", Some(F::Owner)),
            ("Lifecycle Stage", Some(F::Status)),
            ("Create Date", None),
        ],
    },
    Template {
        id: ImportTemplate::HubspotCompanies,
        signature: &["Company name", "Company Domain Name"],
        columns: &[
            ("Record ID", None),
            ("Company name", Some(F::Name)),
            ("Company Domain Name", Some(F::Website)),
            ("Phone Number", Some(F::Phone)),
            ("Street Address", Some(F::Street)),
            ("Street Address 2", Some(F::Building)),
            ("City", Some(F::City)),
            ("State/Region", Some(F::Region)),
            ("Postal Code", Some(F::PostalCode)),
            ("Country/Region", None),
            ("Industry", Some(F::Industry)),
            ("Company owner", Some(F::Owner)),
            ("Lifecycle Stage", Some(F::Status)),
            ("Description", Some(F::Notes)),
            ("Create Date", None),
        ],
    },
    Template {
        id: ImportTemplate::Eight,
        signature: &["会社名", "姓", "名", "TEL会社", "名刺交換日"],
        columns: &[
            ("会社名", Some(F::Name)),
            ("部署名", Some(F::PersonDepartment)),
            ("役職", Some(F::PersonTitle)),
            ("姓", Some(F::PersonName)),
            ("名", Some(F::PersonName)),
            ("e-mail", Some(F::PersonEmail)),
            ("郵便番号", Some(F::PostalCode)),
            ("住所", Some(F::Street)),
            ("TEL会社", Some(F::Phone)),
            ("TEL部門", Some(F::Phone)),
            ("TEL直通", Some(F::PersonPhone)),
            ("Fax", None),
            ("携帯電話", Some(F::PersonPhone)),
            ("URL", Some(F::Website)),
            ("名刺交換日", None),
        ],
    },
    Template {
        id: ImportTemplate::Sansan,
        signature: &["会社名", "姓", "名", "名刺交換日", "所有者"],
        columns: &[
            ("名刺交換日", None),
            ("会社名", Some(F::Name)),
            ("会社名（フリガナ）", Some(F::Reading)),
            ("部署名", Some(F::PersonDepartment)),
            ("役職", Some(F::PersonTitle)),
            ("姓", Some(F::PersonName)),
            ("名", Some(F::PersonName)),
            ("姓（フリガナ）", Some(F::PersonReading)),
            ("名（フリガナ）", Some(F::PersonReading)),
            ("E-mail", Some(F::PersonEmail)),
            ("郵便番号", Some(F::PostalCode)),
            ("都道府県", Some(F::Region)),
            ("市区町村", Some(F::City)),
            ("番地", Some(F::Street)),
            ("ビル名", Some(F::Building)),
            ("TEL", Some(F::Phone)),
            ("FAX", None),
            ("携帯電話", Some(F::PersonPhone)),
            ("URL", Some(F::Website)),
            ("所有者", Some(F::Owner)),
            ("タグ", Some(F::Tags)),
            ("メモ", Some(F::Notes)),
        ],
    },
];

/// The export `headers` come from, and the field of each column its tool names (none for the
/// others, which are left to the usual guess).
pub fn recognise(headers: &[String]) -> Option<(ImportTemplate, Vec<Option<Option<ImportField>>>)> {
    let keys: Vec<String> = headers.iter().map(|h| key(h)).collect();
    let template = TEMPLATES
        .iter()
        .find(|t| t.signature.iter().all(|s| keys.contains(&key(s))))?;
    let columns = keys
        .iter()
        .map(|k| {
            template
                .columns
                .iter()
                .find(|(heading, _)| key(heading) == *k)
                .map(|(_, field)| *field)
        })
        .collect();
    Some((template.id, columns))
}

/// `guessed` (per column: field and how), with every column the template of `headers` names
/// set from it; a field the template gives is taken from any other column that was guessed to
/// hold it (phones and tags may be several).
pub fn apply(
    headers: &[String],
    guessed: Vec<(Option<ImportField>, GuessedBy)>,
) -> (
    Option<ImportTemplate>,
    Vec<(Option<ImportField>, GuessedBy)>,
) {
    let Some((template, named)) = recognise(headers) else {
        return (None, guessed);
    };
    let given: Vec<ImportField> = named.iter().flatten().flatten().copied().collect();
    let columns = guessed
        .into_iter()
        .zip(named)
        .map(|(guess, named)| match named {
            Some(field) => (
                field,
                if field.is_some() {
                    GuessedBy::Template
                } else {
                    GuessedBy::Nothing
                },
            ),
            None => match guess.0 {
                Some(f) if given.contains(&f) && !matches!(f, F::Phone | F::Tags) => {
                    (None, GuessedBy::Nothing)
                }
                _ => guess,
            },
        })
        .collect();
    (Some(template), columns)
}

//! Guessing which column holds what from the header row, in the four languages reps' lists
//! come in (氏名, フリガナ, 会社名, 客户名称, 电话, 고객명, 전화번호, Name, Phone…).

use super::ImportField;
use crate::text::normalize;

/// Header names per field, compared in the normal form without spaces and punctuation.
const NAMES: &[(ImportField, &[&str])] = &[
    (
        ImportField::Code,
        &[
            "顧客コード",
            "取引先コード",
            "得意先コード",
            "コード",
            "거래처코드",
            "고객코드",
            "顧客番号",
            "客户编号",
            "客户代码",
            "编号",
            "代码",
            "고객코드",
            "고객번호",
            "코드",
            "code",
            "customercode",
            "customerid",
            "id",
            "accountnumber",
        ],
    ),
    (
        ImportField::Name,
        &[
            "会社名",
            "顧客名",
            "取引先名",
            "取引先",
            "得意先名",
            "得意先",
            "法人名",
            "屋号",
            "社名",
            "名称",
            "客户名称",
            "客户名",
            "客户",
            "公司名称",
            "公司名",
            "公司",
            "单位名称",
            "고객명",
            "회사명",
            "업체명",
            "거래처명",
            "거래처",
            "상호",
            "company",
            "companyname",
            "customer",
            "customername",
            "account",
            "accountname",
            "organization",
            "organisation",
        ],
    ),
    (
        ImportField::Reading,
        &[
            "会社名カナ",
            "会社名フリガナ",
            "顧客名カナ",
            "顧客名フリガナ",
            "取引先名カナ",
            "得意先名カナ",
            "得意先カナ",
            "フリガナ",
            "ふりがな",
            "カナ",
            "よみ",
            "読み",
            "読みがな",
            "拼音",
            "读音",
            "companyreading",
            "reading",
            "kana",
            "furigana",
            "yomi",
            "phonetic",
        ],
    ),
    (
        ImportField::PersonName,
        &[
            "氏名",
            "名前",
            "担当者名",
            "先方担当者",
            "先方担当",
            "窓口",
            "ご担当者",
            "姓名",
            "联系人",
            "联系人姓名",
            "성명",
            "이름",
            "담당자명",
            "name",
            "fullname",
            "contactname",
            "contact",
            "person",
        ],
    ),
    (
        ImportField::PersonReading,
        &[
            "氏名カナ",
            "氏名フリガナ",
            "担当者カナ",
            "担当者フリガナ",
            "フリガナ氏名",
            "姓名拼音",
            "联系人拼音",
            "namereading",
            "contactreading",
        ],
    ),
    (
        ImportField::PersonTitle,
        &[
            "役職", "肩書", "职务", "职位", "직위", "직책", "title", "jobtitle", "position",
        ],
    ),
    (
        ImportField::PersonDepartment,
        &["部署", "所属", "部门", "부서", "department", "dept"],
    ),
    (
        ImportField::Phone,
        &[
            "電話",
            "電話番号",
            "tel",
            "代表電話",
            "携帯",
            "携帯電話",
            "携帯番号",
            "電話番号2",
            "電話2",
            "电话",
            "电话号码",
            "手机",
            "手机号",
            "手机号码",
            "联系电话",
            "座机",
            "전화",
            "전화번호",
            "휴대폰",
            "휴대전화",
            "핸드폰",
            "연락처",
            "phone",
            "phone2",
            "telephone",
            "mobile",
            "cell",
            "phonenumber",
            "tel2",
        ],
    ),
    (
        ImportField::Email,
        &[
            "メール",
            "メールアドレス",
            "eメール",
            "email",
            "e-mail",
            "mail",
            "邮箱",
            "电子邮件",
            "电子邮箱",
            "邮件",
            "이메일",
            "메일",
            "전자우편",
            "mailaddress",
            "emailaddress",
        ],
    ),
    (
        ImportField::PostalCode,
        &[
            "郵便番号",
            "〒",
            "邮编",
            "邮政编码",
            "우편번호",
            "postalcode",
            "postcode",
            "zip",
            "zipcode",
        ],
    ),
    (
        ImportField::Region,
        &[
            "都道府県",
            "県",
            "省",
            "省份",
            "省市",
            "시도",
            "도",
            "광역시도",
            "state",
            "region",
            "prefecture",
            "province",
        ],
    ),
    (
        ImportField::City,
        &[
            "市区町村",
            "市区郡",
            "市",
            "城市",
            "市区",
            "区县",
            "시군구",
            "도시",
            "city",
            "town",
        ],
    ),
    (
        ImportField::Street,
        &[
            "住所",
            "住所1",
            "番地",
            "所在地",
            "町名番地",
            "地址",
            "详细地址",
            "街道",
            "주소",
            "상세주소",
            "address",
            "street",
            "address1",
            "streetaddress",
        ],
    ),
    (
        ImportField::Building,
        &[
            "建物",
            "建物名",
            "ビル名",
            "住所2",
            "大厦",
            "楼宇",
            "건물",
            "건물명",
            "building",
            "address2",
        ],
    ),
    (
        ImportField::Industry,
        &[
            "業種",
            "業界",
            "行业",
            "所属行业",
            "업종",
            "업태",
            "industry",
            "sector",
        ],
    ),
    (
        ImportField::Owner,
        &[
            "担当",
            "担当者",
            "営業担当",
            "担当営業",
            "自社担当",
            "负责人",
            "销售负责人",
            "业务员",
            "담당자",
            "영업담당",
            "owner",
            "rep",
            "salesrep",
            "accountowner",
        ],
    ),
    (
        ImportField::Status,
        &[
            "状態",
            "ステータス",
            "区分",
            "状态",
            "客户状态",
            "상태",
            "status",
            "stage",
        ],
    ),
    (
        ImportField::Kind,
        &[
            "種別",
            "法人個人",
            "法人/個人",
            "类型",
            "客户类型",
            "유형",
            "구분",
            "kind",
            "type",
        ],
    ),
    (
        ImportField::Tags,
        &[
            "タグ",
            "分類",
            "ランク",
            "标签",
            "分类",
            "태그",
            "분류",
            "tags",
            "tag",
            "category",
            "group",
        ],
    ),
    (
        ImportField::Website,
        &[
            "url",
            "ホームページ",
            "hp",
            "ウェブサイト",
            "网址",
            "网站",
            "主页",
            "홈페이지",
            "웹사이트",
            "website",
            "web",
            "homepage",
        ],
    ),
    (
        ImportField::Notes,
        &[
            "備考",
            "メモ",
            "特記事項",
            "备注",
            "说明",
            "비고",
            "메모",
            "notes",
            "note",
            "memo",
            "remarks",
            "comment",
        ],
    ),
];

/// The header in the form headers are compared in.
fn key(header: &str) -> String {
    normalize(header)
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '〒' | '/' | '-'))
        .collect::<String>()
        .replace(['-', '/'], "")
}

/// The field a header most likely names, if any.
pub fn field_for(header: &str) -> Option<ImportField> {
    let k = key(header);
    if k.is_empty() {
        return None;
    }
    NAMES
        .iter()
        .find(|(_, names)| names.iter().any(|n| key(n) == k))
        .map(|(field, _)| *field)
}

/// A field for each column: each field taken by the first column that names it; a second phone
/// column is a phone too. When the list has a person's name but no company, the person's name
/// is the card's name (a list of individuals).
pub fn guess(headers: &[String]) -> Vec<Option<ImportField>> {
    if headers
        .iter()
        .map(String::as_str)
        .eq(super::vcard::HEADINGS)
    {
        return super::vcard::MAPPING.iter().map(|f| Some(*f)).collect();
    }
    let mut taken: Vec<ImportField> = Vec::new();
    let mut columns: Vec<Option<ImportField>> = headers
        .iter()
        .map(|h| {
            let field = field_for(h)?;
            if taken.contains(&field) && !matches!(field, ImportField::Phone | ImportField::Tags) {
                return None;
            }
            taken.push(field);
            Some(field)
        })
        .collect();
    if !taken.contains(&ImportField::Name) {
        for column in columns.iter_mut() {
            *column = match *column {
                Some(ImportField::PersonName) => Some(ImportField::Name),
                Some(ImportField::PersonReading) => Some(ImportField::Reading),
                other => other,
            };
        }
        // フリガナ next to 氏名 in a list of people: the reading is the card's.
    }
    columns
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(headers: &[&str]) -> Vec<Option<ImportField>> {
        guess(&headers.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn guesses_headers_in_four_languages() {
        use ImportField::*;
        assert_eq!(
            fields(&[
                "顧客コード",
                "会社名",
                "フリガナ",
                "電話番号",
                "ＦＡＸ",
                "担当者名",
                "メールアドレス"
            ]),
            [
                Some(Code),
                Some(Name),
                Some(Reading),
                Some(Phone),
                None,
                Some(PersonName),
                Some(Email)
            ]
        );
        assert_eq!(
            fields(&["客户名称", "联系人", "电话", "手机", "地址", "备注"]),
            [
                Some(Name),
                Some(PersonName),
                Some(Phone),
                Some(Phone),
                Some(Street),
                Some(Notes)
            ]
        );
        assert_eq!(
            fields(&["고객명", "전화번호", "이메일", "주소", "우편번호"]),
            [
                Some(Name),
                Some(Phone),
                Some(Email),
                Some(Street),
                Some(PostalCode)
            ]
        );
        assert_eq!(
            fields(&[
                "Company Name",
                "Phone",
                "E-mail",
                "Zip Code",
                "Notes",
                "Sales Rep"
            ]),
            [
                Some(Name),
                Some(Phone),
                Some(Email),
                Some(PostalCode),
                Some(Notes),
                Some(Owner)
            ]
        );
    }

    #[test]
    fn a_list_of_people_names_its_cards_by_the_person() {
        use ImportField::*;
        assert_eq!(
            fields(&["氏名", "フリガナ", "携帯"]),
            [Some(Name), Some(Reading), Some(Phone)]
        );
        assert_eq!(
            fields(&["会社名", "氏名", "氏名カナ"]),
            [Some(Name), Some(PersonName), Some(PersonReading)]
        );
    }

    /// The guess for each heading, one per line, to compare with what a rep would map.
    fn check(headers: &[&str], expect: expect_test::Expect) {
        let shown: Vec<String> = headers
            .iter()
            .zip(fields(headers))
            .map(|(h, f)| format!("{h} → {}", f.map_or("—", |f| f.as_str())))
            .collect();
        expect.assert_eq(&shown.join("\n"));
    }

    #[test]
    fn headings_as_each_markets_tools_export_them() {
        use expect_test::expect;
        // A Japanese sales system's CSV. 区分 is read as the status by its heading alone today;
        // issue 19 lets a column's values (法人/個人) decide.
        check(
            &[
                "得意先コード",
                "得意先名",
                "得意先名カナ",
                "区分",
                "TEL",
                "〒",
                "住所１",
                "担当営業",
            ],
            expect![[r#"
                得意先コード → code
                得意先名 → name
                得意先名カナ → reading
                区分 → status
                TEL → phone
                〒 → postal_code
                住所１ → street
                担当営業 → owner"#]],
        );
        // A Chinese CRM export and a Korean one, headings as their tools write them.
        check(
            &[
                "客户编号",
                "客户名称",
                "联系人",
                "手机号码",
                "电子邮箱",
                "详细地址",
            ],
            expect![[r#"
                客户编号 → code
                客户名称 → name
                联系人 → person_name
                手机号码 → phone
                电子邮箱 → email
                详细地址 → street"#]],
        );
        check(
            &["거래처코드", "거래처명", "대표자", "전화", "휴대폰", "주소"],
            expect![[r#"
                거래처코드 → code
                거래처명 → name
                대표자 → —
                전화 → phone
                휴대폰 → phone
                주소 → street"#]],
        );
    }

    use proptest::prelude::*;

    /// Headings as lists come: real ones of the four languages, mixed with anything.
    fn heading() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "会社名",
                "フリガナ",
                "電話番号",
                "TEL",
                "住所",
                "担当者",
                "客户名称",
                "联系电话",
                "회사명",
                "전화번호",
                "Company",
                "Phone",
                "E-mail",
                "区分",
                "備考",
                "タグ",
            ])
            .prop_map(str::to_owned),
            ".{0,12}",
        ]
    }

    proptest! {
        /// Every column gets a guess or none, and no field but phone and tags is taken twice: an
        /// import never writes two columns into one field.
        #[test]
        fn each_field_is_guessed_for_one_column_at_most(headers in prop::collection::vec(heading(), 0..16)) {
            let guessed = guess(&headers);
            prop_assert_eq!(guessed.len(), headers.len());
            let mut seen = Vec::new();
            for field in guessed.into_iter().flatten() {
                if !matches!(field, ImportField::Phone | ImportField::Tags) {
                    prop_assert!(!seen.contains(&field), "{:?} twice in {:?}", field, headers);
                    seen.push(field);
                }
            }
        }
    }
}

//! Guessing which column holds what from the header row, in the four languages reps' lists
//! come in (氏名, フリガナ, 会社名, 客户名称, 电话, 고객명, 전화번호, Name, Phone…).

use super::{GuessedBy, ImportField};
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
            "役職",
            "肩書",
            "担当者役職",
            "担当者肩書",
            "职务",
            "职位",
            "联系人职务",
            "직위",
            "직책",
            "담당자 직책",
            "담당자 직위",
            "title",
            "jobtitle",
            "position",
            "contact title",
        ],
    ),
    (
        ImportField::PersonDepartment,
        &[
            "部署",
            "所属",
            "担当者部署",
            "担当者所属",
            "部门",
            "联系人部门",
            "부서",
            "담당자 부서",
            "department",
            "dept",
        ],
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
        ImportField::Territory,
        &[
            "担当地区",
            "担当エリア",
            "エリア",
            "営業地区",
            "区域",
            "负责区域",
            "销售区域",
            "片区",
            "관리지역",
            "담당지역",
            "영업지역",
            "territory",
            "salesterritory",
            "area",
        ],
    ),
    (
        ImportField::Route,
        &[
            "ルート",
            "販売ルート",
            "配送ルート",
            "コース",
            "路线",
            "配送路线",
            "线路",
            "배송경로",
            "경로",
            "노선",
            "route",
            "deliveryroute",
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
            "영업담당자",
            "담당영업",
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
    // Messaging IDs: the card's, or the row's key person's when the row names one.
    (
        ImportField::MessagingLine,
        &[
            "lineid",
            "line id",
            "ライン",
            "ラインid",
            "line账号",
            "라인",
            "라인 id",
        ],
    ),
    (
        ImportField::MessagingWechat,
        &[
            "wechat",
            "wechat id",
            "weixin",
            "微信",
            "微信号",
            "微信id",
            "wechatid",
            "위챗",
        ],
    ),
    (ImportField::MessagingQq, &["qq", "qq号", "qq号码", "qqid"]),
    (
        ImportField::MessagingKakaotalk,
        &[
            "kakaotalk",
            "kakao",
            "kakaotalk id",
            "카카오톡",
            "카톡",
            "카카오톡 id",
            "카카오톡id",
            "카톡 id",
            "카카오",
            "カカオトーク",
        ],
    ),
    (
        ImportField::MessagingWhatsapp,
        &["whatsapp", "whatsapp number", "whatsapp id", "왓츠앱"],
    ),
    (
        ImportField::MessagingWeibo,
        &["weibo", "微博", "微博账号", "웨이보"],
    ),
    // A contact history (営業日報, 拜访记录, 영업일지, a CRM's activities): one contact per row.
    (
        ImportField::ContactAt,
        &[
            "訪問日",
            "対応日",
            "接触日",
            "活動日",
            "訪問日時",
            "対応日時",
            "商談日",
            "日時",
            "拜访日期",
            "联系日期",
            "跟进日期",
            "跟进时间",
            "拜访时间",
            "방문일",
            "접촉일",
            "상담일",
            "방문일시",
            "일시",
            "activity date",
            "contact date",
            "date of contact",
            "visit date",
            "call date",
        ],
    ),
    (
        ImportField::ContactKind,
        &[
            "対応区分",
            "接触方法",
            "活動種別",
            "対応方法",
            "手段",
            "联系方式",
            "跟进方式",
            "拜访方式",
            "접촉 방법",
            "상담 방법",
            "방문 구분",
            "activity type",
            "contact type",
            "channel",
        ],
    ),
    (
        ImportField::ContactRep,
        &[
            "対応者",
            "訪問者",
            "記入者",
            "報告者",
            "跟进人",
            "拜访人",
            "记录人",
            "작성자",
            "방문자",
            "상담자",
            "logged by",
            "activity owner",
            "assigned to",
        ],
    ),
    (
        ImportField::ContactPurpose,
        &[
            "目的",
            "訪問目的",
            "用件",
            "件名",
            "拜访目的",
            "主题",
            "목적",
            "방문 목적",
            "제목",
            "purpose",
            "subject",
        ],
    ),
    (
        ImportField::ContactContent,
        &[
            "内容",
            "対応内容",
            "訪問内容",
            "商談内容",
            "面談内容",
            "活動内容",
            "跟进内容",
            "拜访内容",
            "沟通内容",
            "记录内容",
            "내용",
            "상담 내용",
            "방문 내용",
            "content",
            "details",
            "comments",
            "activity notes",
        ],
    ),
    (
        ImportField::ContactOutcome,
        &["結果", "成果", "结果", "결과", "outcome", "result"],
    ),
    (
        ImportField::ContactNextAction,
        &[
            "次回アクション",
            "次のアクション",
            "次回予定",
            "下一步",
            "下次跟进",
            "후속 조치",
            "다음 조치",
            "next step",
            "next action",
        ],
    ),
    (
        ImportField::ContactNextDue,
        &[
            "次回期日",
            "次回日",
            "次回訪問日",
            "下次跟进日期",
            "下次拜访日期",
            "다음 일정",
            "다음 방문일",
            "next step date",
            "next action date",
            "follow-up date",
        ],
    ),
    // Sales as an accounting or sales system exports them (売上明細, 销售明细, 매출 내역).
    (
        ImportField::SaleOn,
        &[
            "売上日",
            "伝票日付",
            "取引日",
            "計上日",
            "納品日",
            "销售日期",
            "开票日期",
            "交易日期",
            "매출일",
            "거래일",
            "판매일",
            "sale date",
            "invoice date",
            "order date",
        ],
    ),
    (
        ImportField::SaleItem,
        &[
            "商品名",
            "品名",
            "品目",
            "商品",
            "产品名称",
            "商品名称",
            "品名规格",
            "품목",
            "품명",
            "상품명",
            "item",
            "product",
            "product name",
        ],
    ),
    (
        ImportField::SaleQuantity,
        &["数量", "数量(個)", "销售数量", "수량", "quantity", "qty"],
    ),
    (
        ImportField::SaleUnitPrice,
        &["単価", "单价", "단가", "unit price", "price"],
    ),
    (
        ImportField::SaleAmount,
        &[
            "金額",
            "売上金額",
            "売上額",
            "合計金額",
            "税込金額",
            "金额",
            "销售金额",
            "销售额",
            "금액",
            "매출액",
            "합계금액",
            "amount",
            "total",
            "line total",
        ],
    ),
    (
        ImportField::SaleInvoice,
        &[
            "伝票番号",
            "請求書番号",
            "伝票No",
            "发票号",
            "发票号码",
            "单据编号",
            "계산서 번호",
            "전표번호",
            "invoice no",
            "invoice number",
            "invoice",
        ],
    ),
    (
        ImportField::SaleCost,
        &[
            "原価",
            "原価金額",
            "仕入原価",
            "売上原価",
            "成本",
            "成本金额",
            "销售成本",
            "원가",
            "매출원가",
            "cost",
            "cost of sales",
            "cogs",
        ],
    ),
    (
        ImportField::SaleDue,
        &[
            "支払期日",
            "入金予定日",
            "回収予定日",
            "付款期限",
            "收款期限",
            "입금 예정일",
            "due date",
            "payment due",
        ],
    ),
    (
        ImportField::SalePaid,
        &[
            "入金額",
            "入金",
            "入金済",
            "回収額",
            "已收款",
            "收款金额",
            "回款金额",
            "입금액",
            "수금액",
            "paid",
            "amount paid",
        ],
    ),
    (
        ImportField::SalePaidOn,
        &[
            "入金日",
            "回収日",
            "收款日期",
            "回款日期",
            "입금일",
            "수금일",
            "paid on",
            "payment date",
        ],
    ),
    (
        ImportField::ProductName,
        &[
            "使用製品",
            "使用中の製品",
            "利用製品",
            "導入製品",
            "現行製品",
            "他社製品",
            "競合製品",
            "在用产品",
            "使用产品",
            "现用产品",
            "竞品",
            "竞争产品",
            "사용 제품",
            "도입 제품",
            "경쟁 제품",
            "product in use",
            "current product",
            "installed product",
            "competitor product",
        ],
    ),
    (
        ImportField::ProductMaker,
        &[
            "メーカー",
            "製造元",
            "競合メーカー",
            "製品メーカー",
            "厂商",
            "生产厂家",
            "品牌",
            "제조사",
            "메이커",
            "manufacturer",
            "maker",
            "vendor",
        ],
    ),
    (
        ImportField::ProductSince,
        &[
            "導入時期",
            "導入日",
            "導入年月",
            "启用日期",
            "使用时间",
            "도입일",
            "도입 시기",
            "in use since",
            "installed on",
        ],
    ),
    (
        ImportField::ProductRenewal,
        &[
            "更新時期",
            "契約更新日",
            "リース満了",
            "契約満了日",
            "续约日期",
            "合同到期",
            "到期日",
            "갱신일",
            "계약 만료일",
            "만료일",
            "renewal date",
            "contract end",
        ],
    ),
    (
        ImportField::OrgRepresentative,
        &[
            "代表者",
            "代表者名",
            "代表取締役",
            "法定代表人",
            "法人代表",
            "대표자",
            "대표자명",
            "대표이사",
            "representative",
            "ceo",
            "president",
        ],
    ),
    (
        ImportField::OrgFounded,
        &[
            "設立",
            "設立日",
            "設立年月日",
            "設立年月",
            "創業",
            "成立日期",
            "成立时间",
            "설립일",
            "설립일자",
            "founded",
            "established",
            "year founded",
        ],
    ),
    (
        ImportField::OrgCapital,
        &[
            "資本金",
            "注册资本",
            "注册资金",
            "자본금",
            "capital",
            "share capital",
        ],
    ),
    (
        ImportField::OrgEmployees,
        &[
            "従業員数",
            "社員数",
            "従業員",
            "员工人数",
            "员工数",
            "职工人数",
            "직원수",
            "종업원수",
            "employees",
            "number of employees",
            "headcount",
        ],
    ),
    (
        ImportField::OrgAnnualSales,
        &[
            "年商",
            "売上高",
            "年間売上",
            "年間売上高",
            "年销售额",
            "年营业额",
            "营业额",
            "연매출",
            "연간 매출",
            "annual revenue",
            "annual sales",
        ],
    ),
    (
        ImportField::OrgFiscalMonth,
        &[
            "決算月",
            "決算期",
            "财年截止月",
            "会计年度截止月",
            "결산월",
            "fiscal year end",
            "fiscal year end month",
        ],
    ),
    (
        ImportField::OrgBanks,
        &[
            "取引銀行",
            "主要取引銀行",
            "主力銀行",
            "开户银行",
            "开户行",
            "거래은행",
            "주거래은행",
            "main bank",
            "banks",
        ],
    ),
    (
        ImportField::OrgPaymentTerms,
        &[
            "支払条件",
            "支払サイト",
            "付款条件",
            "付款方式",
            "결제조건",
            "payment terms",
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
pub(super) fn key(header: &str) -> String {
    normalize(header)
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '〒' | '/' | '-'))
        .collect::<String>()
        .replace(['-', '/'], "")
}

/// Headings that say only "in charge": the rep, unless a column names the rep for sure.
const IN_CHARGE: &[&str] = &["担当", "担当者", "담당자", "负责人"];
/// Headings that can only be the rep who owns the card.
const OWNER_ONLY: &[&str] = &[
    "営業担当",
    "担当営業",
    "自社担当",
    "销售负责人",
    "业务员",
    "영업담당",
    "영업담당자",
    "담당영업",
    "salesrep",
];

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

/// Words that open the heading of a customer's contact person's column: `担当者2 メール`,
/// `Contact 2 Email`, `담당자2 이름`, `联系人2电话`.
const PERSON_WORDS: &[&str] = &[
    "ご担当者",
    "先方担当者",
    "担当者",
    "担当",
    "담당자",
    "联系人",
    "contact",
    "person",
];

/// A numbered contact person's column (`Contact 2 Name`, `担当者3`, `담당자2 이름`): its field
/// and its number (1 the first).
fn numbered_person(header: &str) -> Option<(ImportField, u32)> {
    let k = key(header);
    let digits: Vec<(usize, char)> = k
        .char_indices()
        .filter(|(_, c)| c.is_ascii_digit())
        .collect();
    let [(at, digit)] = digits[..] else {
        return None;
    };
    let number = digit.to_digit(10).filter(|n| *n >= 1)?;
    let rest = format!("{}{}", &k[..at], &k[at + 1..]);
    let word = PERSON_WORDS
        .iter()
        .map(|w| key(w))
        .find(|w| rest.starts_with(w.as_str()))?;
    let what = &rest[word.len()..];
    if what.is_empty() {
        return Some((ImportField::PersonName, number));
    }
    let field = match field_for(what).or_else(|| field_for(&rest))? {
        ImportField::Name | ImportField::PersonName => ImportField::PersonName,
        ImportField::Reading | ImportField::PersonReading => ImportField::PersonReading,
        ImportField::Phone | ImportField::PersonPhone => ImportField::PersonPhone,
        ImportField::Email | ImportField::PersonEmail => ImportField::PersonEmail,
        f @ (ImportField::PersonTitle | ImportField::PersonDepartment) => f,
        _ => return None,
    };
    Some((field, number))
}

/// For each column, which key person of a row it is of (0 the first): the number in a numbered
/// contact person's heading, for a column that holds a person's field.
pub fn people(headers: &[String], columns: &[Option<ImportField>]) -> Vec<u32> {
    columns
        .iter()
        .enumerate()
        .map(|(at, field)| {
            let header = headers.get(at).map(String::as_str).unwrap_or_default();
            match (field, field_for(header), numbered_person(header)) {
                (Some(f), None, Some((_, n))) if super::rows::is_person(*f) => n - 1,
                _ => 0,
            }
        })
        .collect()
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
    // 担当者 / 담당자 / 负责人 alone is whoever is in charge: the rep. Beside a column that
    // can only be the rep (営業担当, 영업담당, 业务员), it is the customer's contact person.
    let rep_named = headers
        .iter()
        .any(|h| OWNER_ONLY.iter().any(|o| key(o) == key(h)));
    let mut taken: Vec<(ImportField, u32)> = Vec::new();
    let mut columns: Vec<Option<ImportField>> = headers
        .iter()
        .map(|h| {
            let generic = IN_CHARGE.iter().any(|g| key(g) == key(h));
            // The second contact person's columns are theirs: a field may be taken once a person.
            let (field, person) = if generic && rep_named {
                (ImportField::PersonName, 1)
            } else {
                match field_for(h) {
                    Some(field) => (field, 1),
                    None => numbered_person(h)?,
                }
            };
            if taken.contains(&(field, person))
                && !matches!(field, ImportField::Phone | ImportField::Tags)
            {
                return None;
            }
            taken.push((field, person));
            Some(field)
        })
        .collect();
    let taken: Vec<ImportField> = taken.into_iter().map(|(f, _)| f).collect();
    if !taken.contains(&ImportField::Name) {
        // The first person's name is the card's; a second contact person stays theirs.
        let slots = people(headers, &columns);
        for (column, _) in columns.iter_mut().zip(slots).filter(|(_, p)| *p == 0) {
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

/// Rows read ahead to let a column's values decide what it holds.
pub const LOOKAHEAD_ROWS: usize = 200;

/// [`guess`], then each column's values (the first [`LOOKAHEAD_ROWS`] rows) have their say:
/// values are what a list's maker could not rename. A `区分` column of 法人/個人 holds the kind
/// whatever its heading suggests; a column of e-mail addresses or phone numbers under a heading
/// Daicho does not know is taken for them.
pub fn guess_from(
    headers: &[String],
    rows: &[Vec<String>],
) -> Vec<(Option<ImportField>, GuessedBy)> {
    let mut columns = guess(headers);
    let mut by = GuessedBy::each(&columns, GuessedBy::Heading);
    if headers
        .iter()
        .map(String::as_str)
        .eq(super::vcard::HEADINGS)
    {
        return columns.into_iter().zip(by).collect();
    }
    let mut decided: Vec<usize> = Vec::new();
    let mut taken: Vec<ImportField> = columns.iter().flatten().copied().collect();
    for (at, column) in columns.iter_mut().enumerate() {
        let values: Vec<&str> = rows
            .iter()
            .filter_map(|r| r.get(at))
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
            .collect();
        let Some(by_values) = field_of_values(&values) else {
            continue;
        };
        let coded = matches!(by_values, ImportField::Kind | ImportField::Status);
        match *column {
            // Coded values outrank a heading that only suggests a coded field: 区分 reads as
            // either, 分類 as tags.
            None | Some(ImportField::Kind | ImportField::Status | ImportField::Tags)
                if coded && *column != Some(by_values) =>
            {
                *column = Some(by_values);
                by[at] = GuessedBy::Values;
                decided.push(at);
            }
            // Addresses and numbers under an unknown heading, where no heading claimed them.
            None if !coded => {
                *column = free(&taken, by_values);
                if column.is_some() {
                    by[at] = GuessedBy::Values;
                }
            }
            _ => {}
        }
        if let Some(field) = *column {
            taken.push(field);
        }
    }
    // A field decided by values is the first such column's alone: another column that had it
    // (by its heading, or by values again) gives it up. Phones may be several.
    for &at in &decided {
        let Some(field) = columns[at].filter(|f| *f != ImportField::Phone) else {
            continue;
        };
        for (other, column) in columns.iter_mut().enumerate() {
            if other != at && *column == Some(field) {
                *column = None;
                by[other] = GuessedBy::Nothing;
            }
        }
    }
    columns.into_iter().zip(by).collect()
}

/// `field` for a column of e-mail addresses or phones, or the key person's when the card's is
/// taken; none when both are.
fn free(taken: &[ImportField], field: ImportField) -> Option<ImportField> {
    let person = match field {
        ImportField::Phone => return Some(field),
        ImportField::Email => ImportField::PersonEmail,
        _ => return None,
    };
    [field, person].into_iter().find(|f| !taken.contains(f))
}

/// Filled cells that must fit for the values to decide, at least.
const FEWEST_VALUES: usize = 2;

/// The field nine in ten of a column's filled cells fit clearly, if any.
fn field_of_values(values: &[&str]) -> Option<ImportField> {
    if values.len() < FEWEST_VALUES {
        return None;
    }
    let most = |fits: &dyn Fn(&str) -> bool| {
        values.iter().filter(|v| fits(v)).count() * 10 >= values.len() * 9
    };
    if most(&|v| super::rows::kind_of(v).is_some()) {
        Some(ImportField::Kind)
    } else if most(&|v| super::rows::status_of(v).is_some()) {
        Some(ImportField::Status)
    } else if most(&crate::text::looks_like_email) {
        Some(ImportField::Email)
    } else if most(&looks_like_phone) {
        Some(ImportField::Phone)
    } else {
        None
    }
}

/// A phone number as lists write them: 9 to 15 digits with the usual separators, and at least
/// one of them or a leading 0 or + (a bare run of digits is more likely a code).
fn looks_like_phone(value: &str) -> bool {
    let value = normalize(value);
    let digits = value.chars().filter(char::is_ascii_digit).count();
    (9..=15).contains(&digits)
        && value
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | ' ' | '(' | ')' | '+' | '.'))
        && (value.starts_with(['0', '+']) || value.chars().any(|c| !c.is_ascii_digit()))
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
        // A Japanese sales system's CSV. By its heading alone 区分 reads as the status;
        // `guess_from` lets its values (法人/個人 or 見込み/取引中) decide.
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
                대표자 → org_representative
                전화 → phone
                휴대폰 → phone
                주소 → street"#]],
        );
    }

    #[test]
    fn values_that_say_clearly_what_they_are() {
        let of = |values: &[&str]| field_of_values(values);
        assert_eq!(of(&["法人", "個人", "法人"]), Some(ImportField::Kind));
        assert_eq!(of(&["법인", "개인"]), Some(ImportField::Kind));
        assert_eq!(of(&["見込み", "取引中", "休眠"]), Some(ImportField::Status));
        assert_eq!(
            of(&["a@b.jp", "sales@example.co.kr"]),
            Some(ImportField::Email)
        );
        assert_eq!(
            of(&["03-3541-2210", "(045)201-7788", "+82 2 555 0101"]),
            Some(ImportField::Phone)
        );
        // One value says nothing; codes, postal codes and amounts are not phones.
        assert_eq!(of(&["法人"]), None);
        assert_eq!(of(&["104-0061", "231-0023"]), None);
        assert_eq!(of(&["12345678", "12345679"]), None);
        assert_eq!(of(&["C-000089", "C-000090"]), None);
        // Nine in ten must fit.
        assert_eq!(of(&["法人", "個人", "卸", "小売"]), None);
    }

    use proptest::prelude::*;

    /// Cells as lists hold them: kind and status words, addresses, phones, and anything.
    fn cell() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "法人",
                "個人",
                "법인",
                "개인",
                "企业",
                "个人",
                "見込み",
                "取引中",
                "휴면",
                "a@b.jp",
                "info@example.com",
                "03-3541-2210",
                "010-2345-6789",
                "104-0061",
                "",
            ])
            .prop_map(str::to_owned),
            ".{0,12}",
        ]
    }

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
                "担当者2",
                "担当者2メール",
                "Contact 1 Name",
                "Contact 2 Name",
                "담당자2 이름",
                "联系人2职务",
            ])
            .prop_map(str::to_owned),
            ".{0,12}",
        ]
    }

    proptest! {
        /// Every column gets a guess or none, and no field but phone and tags is taken twice (for
        /// one contact person): an import never writes two columns into one field.
        #[test]
        fn values_never_give_a_field_to_two_columns(
            headers in prop::collection::vec(heading(), 1..10),
            rows in prop::collection::vec(prop::collection::vec(cell(), 0..10), 0..8),
        ) {
            let guessed: Vec<_> = guess_from(&headers, &rows).into_iter().map(|(f, _)| f).collect();
            prop_assert_eq!(guessed.len(), headers.len());
            let people = people(&headers, &guessed);
            let mut seen = Vec::new();
            for (field, person) in guessed.into_iter().zip(people).filter_map(|(f, p)| Some((f?, p))) {
                if !matches!(field, ImportField::Phone | ImportField::Tags) {
                    prop_assert!(!seen.contains(&(field, person)), "{:?} twice in {:?} / {:?}", field, headers, rows);
                    seen.push((field, person));
                }
            }
        }

        #[test]
        fn each_field_is_guessed_for_one_column_at_most(headers in prop::collection::vec(heading(), 0..16)) {
            let guessed = guess(&headers);
            prop_assert_eq!(guessed.len(), headers.len());
            let people = people(&headers, &guessed);
            let mut seen = Vec::new();
            for (field, person) in guessed.into_iter().zip(people).filter_map(|(f, p)| Some((f?, p))) {
                if !matches!(field, ImportField::Phone | ImportField::Tags) {
                    prop_assert!(!seen.contains(&(field, person)), "{:?} twice in {:?}", field, headers);
                    seen.push((field, person));
                }
            }
        }
    }
}

//! Word lists for the competition side of demo ledgers: our products, competitors with theirs,
//! comparison sheets and case studies, written as a rep in each market would write them.

/// A product in the catalogue. `category` indexes `CompetitionWords::categories`.
pub struct ProductWords {
    pub name: &'static str,
    pub category: usize,
    pub price: (i64, i64),
    pub features: &'static str,
    pub selling_points: &'static str,
}

pub struct RivalWords {
    pub name: &'static str,
    pub reading: &'static str,
    pub website: &'static str,
    pub strengths: &'static str,
    pub weaknesses: &'static str,
    pub products: &'static [ProductWords],
}

/// A case study as told in this market. A customer of the same industry tells it under their
/// name; with none (and always for the first case) it is told anonymised, as `label`.
pub struct CaseWords {
    pub title: &'static str,
    pub label: &'static str,
    pub industry: &'static str,
    pub employees: i64,
    pub problem: &'static str,
    pub introduced: &'static str,
    pub effect: &'static str,
}

pub struct CompetitionWords {
    /// The main category (compared on the sheet) and a second one.
    pub categories: [&'static str; 2],
    /// Our products: the first is in the main category.
    pub ours: &'static [ProductWords],
    pub rivals: &'static [RivalWords],
    /// The six default criteria, in this market's language.
    pub criteria: [&'static str; 6],
    pub sheet_title: &'static str,
    /// Our strengths and weaknesses against the first product of each of the first two rivals.
    pub versus: [(&'static str, &'static str); 2],
    /// What reps write next to a competitor product in use.
    pub usage_notes: &'static [&'static str],
    pub cases: &'static [CaseWords],
}

pub const JAPAN: CompetitionWords = CompetitionWords {
    categories: ["複合機", "ビジネスフォン"],
    ours: &[
        ProductWords {
            name: "ミライ MX-5000",
            category: 0,
            price: (680_000, 980_000),
            features: "カラー毎分50枚、クラウド保存、ICカード認証",
            selling_points: "保守は翌営業日までに訪問。トナー自動発注で在庫管理が不要",
        },
        ProductWords {
            name: "ミライ PBX-200",
            category: 1,
            price: (250_000, 420_000),
            features: "内線最大48台、スマホ内線化、通話録音",
            selling_points: "既存の配線を流用でき、工事は半日",
        },
    ],
    rivals: &[
        RivalWords {
            name: "アルファ事務機株式会社",
            reading: "アルファジムキ",
            website: "https://www.alpha-jimuki.example",
            strengths: "大手企業への導入実績が多い。リース会社との関係が強い",
            weaknesses: "地方の保守拠点が少なく、故障対応に時間がかかる",
            products: &[ProductWords {
                name: "アルファ C-3500",
                category: 0,
                price: (620_000, 900_000),
                features: "カラー毎分45枚、大容量給紙",
                selling_points: "初期費用を抑えたリースプラン",
            }],
        },
        RivalWords {
            name: "ベータ電子工業株式会社",
            reading: "ベータデンシコウギョウ",
            website: "https://www.beta-denshi.example",
            strengths: "価格が安く、値引きにも応じやすい",
            weaknesses: "ソフトの更新が遅い。担当者の入れ替わりが多い",
            products: &[
                ProductWords {
                    name: "ベータプリント BP-40",
                    category: 0,
                    price: (450_000, 600_000),
                    features: "カラー毎分40枚",
                    selling_points: "本体価格が業界最安水準",
                },
                ProductWords {
                    name: "ベータフォン BF-8",
                    category: 1,
                    price: (180_000, 300_000),
                    features: "内線最大24台",
                    selling_points: "小規模事務所向けの低価格",
                },
            ],
        },
        RivalWords {
            name: "東和オフィスシステム株式会社",
            reading: "トウワオフィスシステム",
            website: "https://www.towa-office.example",
            strengths: "地元密着で社長同士のつながりが強い",
            weaknesses: "自社製品がなく、仕入れ販売のため提案の幅が狭い",
            products: &[ProductWords {
                name: "東和ネットフォン TN-12",
                category: 1,
                price: (200_000, 350_000),
                features: "内線最大32台、クラウド電話帳",
                selling_points: "地域の保守員が常駐",
            }],
        },
    ],
    criteria: [
        "品質",
        "価格",
        "ブランド認知度",
        "機能",
        "サービス・サポート",
        "納期",
    ],
    sheet_title: "複合機 比較表（中小企業向け）",
    versus: [
        (
            "保守の訪問が早い。カラー印刷の画質で上回る",
            "本体価格は1割ほど高い。大手での知名度で劣る",
        ),
        (
            "耐久性と故障率で大きく上回る。クラウド連携がある",
            "価格差が大きく、価格重視の客には不利",
        ),
    ],
    usage_notes: &[
        "リース満了前に入替提案の予定",
        "故障が多いと総務課長がこぼしていた",
        "保守料の値上げに不満あり",
        "本社一括契約のため支店の裁量は小さい",
    ],
    cases: &[
        CaseWords {
            title: "複合機の集約で印刷コストを3割削減",
            label: "関西の物流会社",
            industry: "運輸業",
            employees: 180,
            problem: "拠点ごとに機種がばらばらで、トナー代と保守料がかさんでいた",
            introduced: "全拠点をミライ MX-5000 に統一し、トナー自動発注を導入",
            effect: "年間の印刷コストが32%減。故障時の復旧が平均2日から半日に",
        },
        CaseWords {
            title: "ICカード認証で機密文書の置き忘れをゼロに",
            label: "都内の医療法人",
            industry: "医療・福祉",
            employees: 90,
            problem: "患者情報を含む書類がトレイに放置されることがあった",
            introduced: "ICカード認証とプリント保留を設定",
            effect: "置き忘れの報告が月5件から0件に",
        },
        CaseWords {
            title: "スマホ内線化で外回りの取り次ぎを解消",
            label: "地方の建設会社",
            industry: "建設業",
            employees: 60,
            problem: "現場に出ている社員への電話の取り次ぎに事務員の時間が取られていた",
            introduced: "ミライ PBX-200 とスマホ内線化",
            effect: "取り次ぎ時間が1日あたり約2時間減少",
        },
    ],
};

pub const CHINA: CompetitionWords = CompetitionWords {
    categories: ["多功能一体机", "企业电话系统"],
    ours: &[
        ProductWords {
            name: "未来 MX-5000",
            category: 0,
            price: (38_000, 55_000),
            features: "彩色每分钟50页，云端存储，刷卡认证",
            selling_points: "次日上门维修，墨粉自动补货",
        },
        ProductWords {
            name: "未来 PBX-200",
            category: 1,
            price: (15_000, 26_000),
            features: "最多48部分机，手机分机，通话录音",
            selling_points: "沿用现有线路，半天完成安装",
        },
    ],
    rivals: &[
        RivalWords {
            name: "华光办公设备有限公司",
            reading: "huaguang bangong shebei",
            website: "https://www.huaguang-office.example",
            strengths: "国企和政府采购渠道强",
            weaknesses: "售后网点少，维修周期长",
            products: &[ProductWords {
                name: "华光 C3500",
                category: 0,
                price: (35_000, 50_000),
                features: "彩色每分钟45页，大容量纸盒",
                selling_points: "分期付款方案",
            }],
        },
        RivalWords {
            name: "联创科技股份有限公司",
            reading: "lianchuang keji",
            website: "https://www.lianchuang-tech.example",
            strengths: "价格低，折扣空间大",
            weaknesses: "软件更新慢，销售人员流动大",
            products: &[
                ProductWords {
                    name: "联创打印 LC-40",
                    category: 0,
                    price: (26_000, 34_000),
                    features: "彩色每分钟40页",
                    selling_points: "同档次价格最低",
                },
                ProductWords {
                    name: "联创话机 LC-8",
                    category: 1,
                    price: (9_000, 16_000),
                    features: "最多24部分机",
                    selling_points: "适合小型办公室",
                },
            ],
        },
        RivalWords {
            name: "东和通信设备有限公司",
            reading: "donghe tongxin",
            website: "https://www.donghe-tel.example",
            strengths: "本地关系深，老板之间往来密切",
            weaknesses: "代理销售为主，方案单一",
            products: &[ProductWords {
                name: "东和云话机 DH-12",
                category: 1,
                price: (12_000, 20_000),
                features: "最多32部分机，云通讯录",
                selling_points: "本地驻场维护",
            }],
        },
    ],
    criteria: ["质量", "价格", "品牌知名度", "功能", "服务与支持", "交货期"],
    sheet_title: "多功能一体机对比表（中小企业）",
    versus: [
        (
            "上门维修快，彩色打印质量更好",
            "单价高出约一成，在大型国企中知名度不如对方",
        ),
        (
            "耐用性和故障率明显占优，支持云端",
            "价格差距大，对价格敏感的客户不利",
        ),
    ],
    usage_notes: &[
        "租赁到期前计划提出更换方案",
        "行政主管抱怨故障多",
        "对维保费上涨不满",
        "总部统一采购，分公司话语权小",
    ],
    cases: &[
        CaseWords {
            title: "统一打印设备，打印成本下降三成",
            label: "华东一家物流企业",
            industry: "物流",
            employees: 320,
            problem: "各网点机型不一，墨粉和维保费用高",
            introduced: "全部网点统一为未来 MX-5000，并启用墨粉自动补货",
            effect: "年度打印成本下降32%，故障恢复时间由平均2天缩短到半天",
        },
        CaseWords {
            title: "刷卡打印杜绝机密文件遗留",
            label: "北京一家民营医院",
            industry: "医疗",
            employees: 260,
            problem: "含患者信息的文件常被遗留在出纸盘",
            introduced: "启用刷卡认证和保密打印",
            effect: "文件遗留由每月5起降为0起",
        },
        CaseWords {
            title: "手机分机让外勤人员不再漏接电话",
            label: "一家区域建筑公司",
            industry: "建筑业",
            employees: 150,
            problem: "前台转接外勤人员电话耗费大量时间",
            introduced: "未来 PBX-200 配合手机分机",
            effect: "每天节省转接时间约2小时",
        },
    ],
};

pub const KOREA: CompetitionWords = CompetitionWords {
    categories: ["복합기", "비즈니스폰"],
    ours: &[
        ProductWords {
            name: "미래 MX-5000",
            category: 0,
            price: (7_500_000, 11_000_000),
            features: "컬러 분당 50매, 클라우드 저장, 카드 인증",
            selling_points: "다음 영업일 방문 수리, 토너 자동 주문",
        },
        ProductWords {
            name: "미래 PBX-200",
            category: 1,
            price: (2_800_000, 4_600_000),
            features: "내선 최대 48대, 휴대폰 내선, 통화 녹음",
            selling_points: "기존 배선 그대로, 설치 반나절",
        },
    ],
    rivals: &[
        RivalWords {
            name: "(주)알파사무기기",
            reading: "알파사무기기",
            website: "https://www.alpha-office.example",
            strengths: "대기업 납품 실적이 많고 리스사와 관계가 좋음",
            weaknesses: "지방 서비스 거점이 적어 수리가 늦음",
            products: &[ProductWords {
                name: "알파 C-3500",
                category: 0,
                price: (6_800_000, 9_800_000),
                features: "컬러 분당 45매, 대용량 급지",
                selling_points: "초기 비용이 낮은 리스 상품",
            }],
        },
        RivalWords {
            name: "한빛전자(주)",
            reading: "한빛전자",
            website: "https://www.hanbit-elec.example",
            strengths: "가격이 싸고 할인 여지가 큼",
            weaknesses: "소프트웨어 업데이트가 느리고 담당자가 자주 바뀜",
            products: &[
                ProductWords {
                    name: "한빛프린트 HB-40",
                    category: 0,
                    price: (5_000_000, 6_500_000),
                    features: "컬러 분당 40매",
                    selling_points: "동급 최저가",
                },
                ProductWords {
                    name: "한빛폰 HB-8",
                    category: 1,
                    price: (1_900_000, 3_200_000),
                    features: "내선 최대 24대",
                    selling_points: "소규모 사무실용 저가형",
                },
            ],
        },
        RivalWords {
            name: "동화통신(주)",
            reading: "동화통신",
            website: "https://www.donghwa-tel.example",
            strengths: "지역 밀착, 대표끼리 친분이 두터움",
            weaknesses: "자체 제품이 없어 제안 폭이 좁음",
            products: &[ProductWords {
                name: "동화 넷폰 DH-12",
                category: 1,
                price: (2_200_000, 3_800_000),
                features: "내선 최대 32대, 클라우드 주소록",
                selling_points: "지역 기사 상주",
            }],
        },
    ],
    criteria: [
        "품질",
        "가격",
        "브랜드 인지도",
        "기능",
        "서비스·지원",
        "납기",
    ],
    sheet_title: "복합기 비교표 (중소기업)",
    versus: [
        (
            "방문 수리가 빠르고 컬러 화질이 우수함",
            "본체 가격이 10% 정도 비싸고 대기업 인지도에서 밀림",
        ),
        (
            "내구성과 고장률에서 크게 앞서고 클라우드 연동 지원",
            "가격 차이가 커서 가격 중시 고객에게 불리",
        ),
    ],
    usage_notes: &[
        "리스 만료 전에 교체 제안 예정",
        "총무과장이 고장이 잦다고 불만",
        "유지보수비 인상에 불만 있음",
        "본사 일괄 계약이라 지점 재량이 작음",
    ],
    cases: &[
        CaseWords {
            title: "복합기 통합으로 출력 비용 30% 절감",
            label: "수도권 물류회사",
            industry: "운수업",
            employees: 210,
            problem: "지점마다 기종이 달라 토너와 유지보수 비용이 많이 들었음",
            introduced: "전 지점을 미래 MX-5000으로 통일하고 토너 자동 주문 도입",
            effect: "연간 출력 비용 32% 감소, 고장 복구 평균 2일에서 반나절로",
        },
        CaseWords {
            title: "카드 인증으로 기밀 문서 방치 제로",
            label: "서울의 한 병원",
            industry: "의료",
            employees: 140,
            problem: "환자 정보가 담긴 서류가 출력함에 방치되는 일이 있었음",
            introduced: "카드 인증과 보안 출력 설정",
            effect: "서류 방치 신고가 월 5건에서 0건으로",
        },
        CaseWords {
            title: "휴대폰 내선으로 외근 직원 전화 연결 해결",
            label: "지방 건설회사",
            industry: "건설업",
            employees: 80,
            problem: "현장에 나간 직원에게 전화를 돌리느라 사무직원 시간이 많이 들었음",
            introduced: "미래 PBX-200과 휴대폰 내선",
            effect: "전화 연결 시간이 하루 약 2시간 감소",
        },
    ],
};

pub const ENGLISH: CompetitionWords = CompetitionWords {
    categories: ["Multifunction printers", "Business phone systems"],
    ours: &[
        ProductWords {
            name: "Mirai MX-5000",
            category: 0,
            price: (6_800, 9_800),
            features: "50 ppm colour, cloud storage, badge release",
            selling_points: "Next-business-day service visits; toner ordered automatically",
        },
        ProductWords {
            name: "Mirai PBX-200",
            category: 1,
            price: (2_500, 4_200),
            features: "Up to 48 extensions, mobile extensions, call recording",
            selling_points: "Reuses existing wiring; installed in half a day",
        },
    ],
    rivals: &[
        RivalWords {
            name: "Apex Office Systems Inc.",
            reading: "Apex Office Systems",
            website: "https://www.apex-office.example",
            strengths: "Many enterprise references; close ties with leasing companies",
            weaknesses: "Few service depots outside the big cities; slow repairs",
            products: &[ProductWords {
                name: "Apex C3500",
                category: 0,
                price: (6_200, 9_000),
                features: "45 ppm colour, high-capacity trays",
                selling_points: "Low up-front lease plans",
            }],
        },
        RivalWords {
            name: "Beacon Imaging Ltd.",
            reading: "Beacon Imaging",
            website: "https://www.beacon-imaging.example",
            strengths: "Cheapest in the market; discounts easily",
            weaknesses: "Slow firmware updates; high sales staff turnover",
            products: &[
                ProductWords {
                    name: "Beacon BP-40",
                    category: 0,
                    price: (4_500, 6_000),
                    features: "40 ppm colour",
                    selling_points: "Lowest price in its class",
                },
                ProductWords {
                    name: "Beacon Voice 8",
                    category: 1,
                    price: (1_800, 3_000),
                    features: "Up to 24 extensions",
                    selling_points: "Budget system for small offices",
                },
            ],
        },
        RivalWords {
            name: "Crestline Telecom LLC",
            reading: "Crestline Telecom",
            website: "https://www.crestline-telecom.example",
            strengths: "Local firm; the owners know everyone in town",
            weaknesses: "Resells other brands only; narrow range",
            products: &[ProductWords {
                name: "Crestline NetPhone 12",
                category: 1,
                price: (2_000, 3_500),
                features: "Up to 32 extensions, cloud directory",
                selling_points: "Local technicians on call",
            }],
        },
    ],
    criteria: [
        "Quality",
        "Price",
        "Brand awareness",
        "Functions",
        "Service and support",
        "Delivery",
    ],
    sheet_title: "MFP comparison (small and mid-sized businesses)",
    versus: [
        (
            "Faster service visits; better colour output",
            "About 10% dearer; less known among large enterprises",
        ),
        (
            "Far more durable, fewer breakdowns; cloud integration",
            "Large price gap hurts with price-driven buyers",
        ),
    ],
    usage_notes: &[
        "Plan a replacement offer before the lease ends",
        "Office manager complained about frequent breakdowns",
        "Unhappy about the service fee increase",
        "Head office contract; the branch has little say",
    ],
    cases: &[
        CaseWords {
            title: "One fleet of MFPs cut print costs by 30%",
            label: "A regional logistics company",
            industry: "Logistics",
            employees: 240,
            problem: "Every depot ran a different model; toner and service fees piled up",
            introduced: "All depots moved to the Mirai MX-5000 with automatic toner ordering",
            effect: "Print costs down 32% a year; repairs from 2 days to half a day on average",
        },
        CaseWords {
            title: "Badge release ended forgotten confidential printouts",
            label: "A private clinic",
            industry: "Healthcare",
            employees: 45,
            problem: "Printouts with patient data were left in the output tray",
            introduced: "Badge authentication with secure print release",
            effect: "Reports of forgotten printouts fell from 5 a month to none",
        },
        CaseWords {
            title: "Mobile extensions stopped missed calls for field staff",
            label: "A local construction firm",
            industry: "Construction",
            employees: 70,
            problem: "Office staff spent hours forwarding calls to people on site",
            introduced: "Mirai PBX-200 with mobile extensions",
            effect: "About 2 hours a day of call forwarding saved",
        },
    ],
};

//! The ledger's currency: amounts are whole units of it, and reports format them with its symbol.

use rusqlite::{params, Connection, OptionalExtension};

api_enum!(
    /// ISO 4217 codes of the currencies reps in Daicho's markets keep their ledgers in.
    Currency {
        Jpy = "JPY",
        Cny = "CNY",
        Krw = "KRW",
        Usd = "USD",
        Eur = "EUR",
        Gbp = "GBP",
        Twd = "TWD",
        Hkd = "HKD",
        Sgd = "SGD",
    }
);

impl Currency {
    /// The Excel number format for a whole amount: symbol first, negatives in red.
    pub fn excel_format(self) -> String {
        let symbol = match self {
            Currency::Jpy | Currency::Cny => "¥",
            Currency::Krw => "₩",
            Currency::Usd => "$",
            Currency::Eur => "€",
            Currency::Gbp => "£",
            Currency::Twd => "NT$",
            Currency::Hkd => "HK$",
            Currency::Sgd => "S$",
        };
        format!("\"{symbol}\"#,##0;[Red]-\"{symbol}\"#,##0")
    }
}

const KEY: &str = "currency";

/// The ledger's currency; yen until one is chosen.
pub fn load(conn: &Connection) -> rusqlite::Result<Currency> {
    let code: Option<String> = conn
        .prepare_cached("SELECT value FROM ledger_meta WHERE key = ?1")?
        .query_row([KEY], |r| r.get(0))
        .optional()?;
    Ok(code
        .as_deref()
        .and_then(Currency::parse)
        .unwrap_or(Currency::Jpy))
}

pub fn save(conn: &Connection, currency: Currency) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO ledger_meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
    )?
    .execute(params![KEY, currency.as_str()])?;
    Ok(())
}

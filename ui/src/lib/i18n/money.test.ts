import { afterEach, describe, expect, it } from "vitest";
import { setLang } from "./i18n.svelte";
import { formatMoney, setLedgerCurrency } from "./money.svelte";
import { priceText } from "../competition/prices";

describe("amounts with the ledger's currency", () => {
  afterEach(() => {
    setLedgerCurrency(null);
    setLang("en");
  });

  it("writes an amount the way the window's language writes that currency, in whole units", () => {
    setLedgerCurrency("JPY");
    setLang("ja");
    expect(formatMoney(120000)).toBe("￥120,000");
    setLang("en");
    expect(formatMoney(120000)).toBe("¥120,000");
    setLedgerCurrency("KRW");
    setLang("ko");
    expect(formatMoney(1650000)).toBe("₩1,650,000");
    setLedgerCurrency("USD");
    setLang("en");
    expect(formatMoney(-64)).toBe("-$64");
  });

  it("tells another country's currency apart from the reader's own", () => {
    setLedgerCurrency("JPY");
    setLang("zh");
    expect(formatMoney(18000)).toBe("JP¥18,000");
    setLedgerCurrency("CNY");
    expect(formatMoney(900)).toBe("¥900");
  });

  it("shows a plain number until the ledger's currency is known, and nothing for no amount", () => {
    expect(formatMoney(120000)).toBe("120,000");
    setLedgerCurrency("JPY");
    expect(formatMoney(null)).toBe("");
  });

  it("gives a product's price range its currency at both ends", () => {
    setLedgerCurrency("USD");
    expect(priceText(8000, 12000)).toBe("$8,000 – $12,000");
    expect(priceText(null, 9500)).toBe("$9,500");
    expect(priceText(null, null)).toBe("");
  });
});

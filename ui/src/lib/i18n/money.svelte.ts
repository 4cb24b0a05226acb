// Amounts with the ledger's currency, written the way the window's language writes money
// ("￥120,000", "¥120,000", "₩120,000", "JP¥120,000"). A ledger keeps whole units of one
// currency (Settings), so no fractions are shown.
import type { Currency } from "../api";
import { formatNumber, htmlLang, lang } from "./i18n.svelte";

let currency = $state<Currency | null>(null);

/** The open ledger's currency, once read (none before a ledger is open). */
export function ledgerCurrency(): Currency | null {
  return currency;
}

/** Called when a ledger is opened or its currency is changed. */
export function setLedgerCurrency(next: Currency | null): void {
  currency = next;
}

const formats = new Map<string, Intl.NumberFormat>();

function moneyFormat(code: Currency): Intl.NumberFormat {
  const key = `${lang()}|${code}`;
  let made = formats.get(key);
  if (!made) {
    made = new Intl.NumberFormat(htmlLang[lang()], {
      style: "currency",
      currency: code,
      minimumFractionDigits: 0,
      maximumFractionDigits: 0,
    });
    formats.set(key, made);
  }
  return made;
}

/** An amount with its currency; a plain number while the ledger's currency is not known. */
export function formatMoney(value: number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (!currency) return formatNumber(value);
  return moneyFormat(currency).format(value);
}

// A product's price or price range as the catalogue shows it, in the ledger's currency.
import { formatMoney } from "../i18n/money.svelte";

export function priceText(min: number | null, max: number | null): string {
  if (min === null && max === null) return "";
  if (min === null || max === null || min === max) return formatMoney(min ?? max);
  return `${formatMoney(min)} – ${formatMoney(max)}`;
}

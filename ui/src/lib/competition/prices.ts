// A product's price or price range as the catalogue shows it.
import { formatNumber } from "../i18n/i18n.svelte";

export function priceText(min: number | null, max: number | null): string {
  if (min === null && max === null) return "";
  if (min === null || max === null || min === max) return formatNumber(min ?? max);
  return `${formatNumber(min)} – ${formatNumber(max)}`;
}

// A product in use as the card shows it: a new record's defaults, satisfaction in words, and
// whether its renewal falls within the horizon set in Settings.
import type { CardProductFields, ProductId } from "../api";
import { addDays } from "../visits/dates";
import { t } from "../i18n/i18n.svelte";

export const SATISFACTION = [1, 2, 3, 4, 5] as const;

export function satisfactionLabel(value: number): string {
  return t(`usage.satisfaction.${value}`);
}

export function newUsage(): CardProductFields {
  // No product chosen yet: the core refuses the empty id as "required".
  return { product_id: "" as ProductId, since: null, volume: null, satisfaction: null, renewal_on: null, notes: "" };
}

/** The renewal is from today up to `horizon` days ahead. */
export function renewsSoon(renewal: string | null, today: string, horizon: number): boolean {
  return renewal !== null && renewal >= today && renewal <= addDays(today, horizon);
}

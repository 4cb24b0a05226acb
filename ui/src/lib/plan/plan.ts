// The sales plan's arithmetic the window does itself: how far a line is ahead or behind, and
// the targets a rep starts from (last year's months grown by a percentage, or a year's total
// spread as last year's sales were). The core adds up what was sold and checks what is saved.
import type { CardId, PlanLineFields, PlanScope } from "../api";

export const SCOPES: readonly PlanScope[] = ["total", "territory", "owner", "category", "card"];

/** Where a line stands on the year so far. */
export type Pace = "ahead" | "on_course" | "behind" | "none";

/** Behind below 90% of the target to date; ahead from 100%. */
export function pace(ratePercent: number | null): Pace {
  if (ratePercent === null) return "none";
  if (ratePercent >= 100) return "ahead";
  if (ratePercent >= 90) return "on_course";
  return "behind";
}

/** Rounds a target as people write them: to the thousand, or the ten below ten thousand. */
function round(amount: number): number {
  const unit = amount >= 10_000 ? 1000 : 10;
  return Math.max(0, Math.round(amount / unit) * unit);
}

/** Last year's months grown by `percent` (negative: shrunk). */
export function grown(lastYear: readonly number[], percent: number): number[] {
  return lastYear.map((m) => round(Math.max(0, m) * (1 + percent / 100)));
}

/** A year's `total` spread over twelve months as last year's sales were, or evenly when there
 * were none; the months add up to the total exactly. */
export function spread(total: number, lastYear: readonly number[]): number[] {
  const base = lastYear.map((m) => Math.max(0, m));
  const sum = base.reduce((a, b) => a + b, 0);
  const shares = sum > 0 ? base.map((m) => m / sum) : Array.from({ length: 12 }, () => 1 / 12);
  const months = shares.map((s) => round(total * s));
  const rest = total - months.reduce((a, b) => a + b, 0);
  // What rounding left over goes on the largest month.
  const at = months.indexOf(Math.max(...months));
  months[at] = Math.max(0, months[at] + rest);
  return months;
}

export function emptyLine(fiscalYear: number, scope: PlanScope, key = "", cardId: CardId | null = null): PlanLineFields {
  return { fiscal_year: fiscalYear, scope, key, card_id: cardId, months: Array.from({ length: 12 }, () => 0), means: "" };
}

/** A month heading from `YYYY-MM`: its short name in the window's language ("4月", "Apr"). */
export function monthLabel(month: string, locale: string): string {
  const [y, m] = month.split("-").map(Number);
  if (!y || !m) return month;
  return new Intl.DateTimeFormat(locale, { month: "short", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, 1)));
}

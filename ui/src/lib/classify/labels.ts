// Classes, reasons and completeness items as the user reads them.
import type { Abc, AgeBucket, CompletenessItem, Loyalty, Reason, ValueTier } from "../api";
import { formatNumber, t } from "../i18n/i18n.svelte";

export const ABC: readonly Abc[] = ["a", "b", "c"];
export const TIERS: readonly ValueTier[] = ["high", "secondary", "potential", "low"];
export const LOYALTIES: readonly Loyalty[] = ["loyal", "switcher", "no_loyalty"];
export const AGES: readonly AgeBucket[] = ["not_due", "days_1_30", "days_31_60", "days_61_90", "over_90"];
export const JUDGEMENTS: readonly number[] = [1, 2, 3, 4, 5];

export const abcLetter = (abc: Abc) => abc.toUpperCase();
export const abcLabel = (abc: Abc | null) => (abc ? t("abc.class", { class: abcLetter(abc) }) : t("abc.none"));
export const tierLabel = (tier: ValueTier) => t(`tier.${tier}`);
export const loyaltyLabel = (loyalty: Loyalty) => t(`loyalty.${loyalty}`);
export const ageLabel = (age: AgeBucket) => t(`age.${age}`);
export const itemLabel = (item: CompletenessItem) => t(`completeness.${item}`);

/** A reason with its figure: amounts in the locale's digits, percentages signed. */
export function reasonText(reason: Reason): string {
  const amounts = ["class_a", "overdue", "over_limit"];
  const figure = amounts.includes(reason.kind) ? formatNumber(reason.figure) : String(reason.figure);
  return t(`reason.${reason.kind}`, { figure });
}

/** A problem customer's most severe reason (the first of them): what the list's action is for. */
export function topProblem(reasons: Reason[]): Reason | undefined {
  const problems = reasons.filter(isProblem);
  return problems.find((r) => r.severity === "high") ?? problems[0];
}

/** What a problem calls for, in words. */
export const problemAction = (reason: Reason) => t(`problem.action.${reason.kind}`);

/** Problem reasons are shown in warning colours, core reasons in the accent colour. */
export const isProblem = (reason: Reason) => ["overdue", "open_complaints", "falling", "weak_credit", "over_limit"].includes(reason.kind);

/** Colours per class and tier that stay apart when printed grey. */
export const ABC_COLOURS: Record<Abc, string> = { a: "#1f4e79", b: "#5b8db8", c: "#b8cde0" };
export const TIER_COLOURS: Record<ValueTier, string> = { high: "#1f4e79", secondary: "#3f7cb0", potential: "#d97706", low: "#94a3b8" };
export const AGE_COLOURS: Record<AgeBucket, string> = {
  not_due: "#94a3b8",
  days_1_30: "#fbbf24",
  days_31_60: "#f59e0b",
  days_61_90: "#ea580c",
  over_90: "#b91c1c",
};

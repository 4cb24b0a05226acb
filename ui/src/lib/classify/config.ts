// The classification settings as the form edits them: numbers may be empty while typing.
import type { ClassConfig } from "../api";

export type Loose<T> = T extends number ? number | null : T extends (infer U)[] ? Loose<U>[] : T extends object ? { [K in keyof T]: Loose<T[K]> } : T;

/** Empty numbers become 0, which the core refuses where 0 is wrong; visit days stay empty
 * (no rule) and the top band stays open. */
export function toConfig(d: Loose<ClassConfig>): ClassConfig {
  const n = (v: number | null) => v ?? 0;
  const each = <T extends Record<string, number | null>>(o: T) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, n(v)])) as { [K in keyof T]: number };
  return {
    a_percent: n(d.a_percent),
    b_percent: n(d.b_percent),
    grade_basis: d.grade_basis,
    grades: d.grades.map((g) => ({ label: g.label, from: n(g.from), to: g.to })),
    credit_scale: d.credit_scale,
    weak_credit_below: n(d.weak_credit_below),
    weights: each(d.weights),
    high_value_from: n(d.high_value_from),
    secondary_from: n(d.secondary_from),
    potential_from: n(d.potential_from),
    falling_percent: n(d.falling_percent),
    overdue_days_from: n(d.overdue_days_from),
    // No amount: only the days decide.
    overdue_amount_from: d.overdue_amount_from,
    problem_list_size: n(d.problem_list_size),
    visit_every_days: { ...d.visit_every_days },
    completeness: each(d.completeness),
  };
}

/** The credit grades typed as one line: "A, B, C" (any comma, full-width too). */
export function parseScale(text: string): string[] {
  return text
    .split(/[,、，]/)
    .map((g) => g.trim())
    .filter((g) => g !== "");
}

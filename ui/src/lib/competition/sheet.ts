// Editing a comparison sheet's assessment in the window: default criteria in the user's
// language, criteria added and removed with every product's scores kept in line. Totals, scale
// conversion and the change since an earlier assessment come from the core.
import type { AssessmentFields, Criterion, Product, SheetView } from "../api";
import { t } from "../i18n/i18n.svelte";

export const SCALES = [5, 10] as const;

const DEFAULT_CRITERIA = ["quality", "price", "brand", "functions", "service", "delivery"] as const;

/** The six default criteria, named in the user's language, weighted equally. */
export function defaultCriteria(): Criterion[] {
  return DEFAULT_CRITERIA.map((key) => ({ name: t(`criterion.${key}`), weight: 1 }));
}

/** A new assessment of `day`: the latest one's criteria and scores to start from, or defaults. */
export function nextAssessment(view: SheetView, day: string): AssessmentFields {
  const latest = view.assessments[0];
  if (latest) return { ...structuredClone(latest.fields), assessed_on: day };
  const criteria = defaultCriteria();
  return {
    assessed_on: day,
    scale: 5,
    criteria,
    scores: view.products.map((p) => ({ product_id: p.id, scores: criteria.map(() => null) })),
    texts: view.products.slice(1).map((p) => ({ product_id: p.id, strengths: "", weaknesses: "" })),
  };
}

/** Every product of the sheet has a row of scores and every competitor a text, in order. */
export function complete(fields: AssessmentFields, products: Product[]): AssessmentFields {
  const width = fields.criteria.length;
  return {
    ...fields,
    scores: products.map((p) => {
      const row = fields.scores.find((s) => s.product_id === p.id)?.scores ?? [];
      return { product_id: p.id, scores: Array.from({ length: width }, (_, i) => row[i] ?? null) };
    }),
    texts: products.slice(1).map((p) => fields.texts.find((x) => x.product_id === p.id) ?? { product_id: p.id, strengths: "", weaknesses: "" }),
  };
}

export function addCriterion(fields: AssessmentFields): AssessmentFields {
  return {
    ...fields,
    criteria: [...fields.criteria, { name: "", weight: 1 }],
    scores: fields.scores.map((s) => ({ ...s, scores: [...s.scores, null] })),
  };
}

export function removeCriterion(fields: AssessmentFields, index: number): AssessmentFields {
  return {
    ...fields,
    criteria: fields.criteria.filter((_, i) => i !== index),
    scores: fields.scores.map((s) => ({ ...s, scores: s.scores.filter((_, i) => i !== index) })),
  };
}

/** The indexes of the highest scores in a row (none when nothing is scored). */
export function best(row: (number | null)[]): Set<number> {
  const scored = row.filter((s): s is number => s !== null);
  if (scored.length === 0) return new Set();
  const top = Math.max(...scored);
  return new Set(row.flatMap((s, i) => (s === top ? [i] : [])));
}

/** "+1", "−0.5", "±0": a change as the sheet shows it. */
export function signed(value: number): string {
  if (value === 0) return "±0";
  return value > 0 ? `+${value}` : `−${Math.abs(value)}`;
}

/** A maker shown after its product: " (アルファ事務機)", or " · (주)알파사무기기" when the maker's
 * name already holds brackets (a Korean (주) or a Japanese (株)), which would double them. The
 * space before is part of it: markup trims the one typed there. */
export function makerAfterProduct(maker: string): string {
  return /[()（）]/.test(maker) ? ` · ${maker}` : ` (${maker})`;
}

// The handouts, in the order the Reports page offers them, and the list's columns.
import type { ListColumn, ReportKind } from "../api";

export const KINDS: readonly ReportKind[] = [
  "list",
  "card",
  "history",
  "visits",
  "ics",
  "daily",
  "intelligence",
  "weekly",
  "classification",
  "plan",
  "comparison",
  "labels",
];

/** Reports of the cards the card list selects now. */
export const OF_LIST: readonly ReportKind[] = ["list", "card", "labels"];
/** Reports over a period. */
export const OVER_PERIOD: readonly ReportKind[] = ["history", "visits", "ics", "intelligence", "weekly", "classification"];

/** Each list column with the catalog key of its heading (the same as the report's). */
export const COLUMNS: readonly [ListColumn, string][] = [
  ["code", "field.code"],
  ["name", "field.name"],
  ["reading", "field.reading"],
  ["kind", "field.kind"],
  ["status", "field.status"],
  ["owner", "field.owner"],
  ["industry", "field.industry"],
  ["phone", "list.column.phone"],
  ["email", "field.email"],
  ["postal_code", "field.postal_code"],
  ["address", "report.address"],
  ["tags", "field.tags"],
  ["last_contact", "list.column.last_contact"],
  ["abc", "class.abc"],
  ["value_tier", "class.value"],
  ["completeness", "class.completeness"],
  ["updated", "list.column.updated"],
];

/** The columns ticked at first: the core's usual ones. */
export const USUAL: readonly ListColumn[] = ["code", "name", "reading", "status", "owner", "industry", "phone", "address", "last_contact", "abc", "value_tier"];

/** The title a report's file is named after. */
export const TITLE_KEY: Record<ReportKind, string> = {
  list: "report.list.title",
  card: "report.card.title",
  history: "report.history.title",
  visits: "report.visits.title",
  weekly: "report.weekly.title",
  classification: "report.class.title",
  comparison: "report.comparison.sheet",
  labels: "report.labels.list_title",
  ics: "report.ics.title",
  daily: "report.daily.title",
  intelligence: "report.intel.title",
  plan: "nav.plan",
};

// What the dashboard's charts are drawn from.

export type Series = {
  label: string;
  data: number[];
  /** One colour, or one per category. */
  colour: string | string[];
  /** Drawn as a line against the 0–100% axis on the right. */
  line?: boolean;
};

/** The charts' colours. A canvas cannot read CSS variables, so they are here, once, the same
 * values as app.css's tokens (--accent, --info, --warn-dot, --danger, --text-4, --border-strong). */
export const CHART = {
  accent: "#1f4e79",
  info: "#3f7cb0",
  warn: "#d97706",
  danger: "#b91c1c",
  muted: "#94a3b8",
  empty: "#cbd5e1",
};

/** One colour per product on a comparison sheet's chart, in order. */
export const SERIES = ["#1f4e79", "#d97706", "#059669", "#9333ea", "#dc2626", "#0891b2"];

/** Colours for contact kinds, in the order the UI lists them. */
export const KIND_COLOURS = ["#1f4e79", "#3f7cb0", "#7aa7cf", "#94a3b8", "#059669", "#dc2626", "#d97706", "#9333ea", "#64748b"];

/** The day six days after `week` (a Monday), as YYYY-MM-DD. */
export function weekEnd(week: string): string {
  const d = new Date(`${week}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 6);
  return d.toISOString().slice(0, 10);
}

// Calendar arithmetic of the visit plan on local ISO dates (YYYY-MM-DD); weeks start on Monday.

export function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Noon avoids daylight-saving edges when adding days. */
function parse(day: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(y, m - 1, d, 12);
}

export function addDays(day: string, days: number): string {
  const date = parse(day);
  date.setDate(date.getDate() + days);
  return isoDate(date);
}

export function weekStart(day: string): string {
  const offset = (parse(day).getDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(day, -offset);
}

/** The days shown: one, or Monday to Sunday of the week holding `day`. */
export function daysOf(day: string, span: "day" | "week"): string[] {
  if (span === "day") return [day];
  const monday = weekStart(day);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

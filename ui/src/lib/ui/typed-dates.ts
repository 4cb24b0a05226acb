// Dates as a rep types and reads them in a form: the window's language's numeric form
// (2026/12/07, 2026. 12. 07., 12/07/2026) and ISO both accepted, ISO kept underneath.
import { htmlLang, type Lang } from "../i18n/i18n.svelte";

type Part = "year" | "month" | "day";

const numeric = new Map<Lang, Intl.DateTimeFormat>();
function numericFormat(lang: Lang): Intl.DateTimeFormat {
  let format = numeric.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(htmlLang[lang], { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "UTC" });
    numeric.set(lang, format);
  }
  return format;
}

const SAMPLE = new Date(Date.UTC(2026, 11, 7));

/** The order the language writes year, month and day in. */
export function partOrder(lang: Lang): Part[] {
  return numericFormat(lang)
    .formatToParts(SAMPLE)
    .map((part) => part.type)
    .filter((type): type is Part => type === "year" || type === "month" || type === "day");
}

/** An ISO day (`2026-12-07`) in the language's numeric form; anything else unchanged. */
export function showDate(iso: string | null, lang: Lang): string {
  if (!iso) return "";
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // A day that does not exist (2026-02-30) stays as typed so the core can name the mistake.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return iso;
  return numericFormat(lang).format(date);
}

/** How the field hints at its form: "YYYY/MM/DD", "MM/DD/YYYY", "YYYY. MM. DD.". */
export function datePattern(lang: Lang): string {
  const letters: Record<string, string> = { year: "YYYY", month: "MM", day: "DD" };
  return numericFormat(lang)
    .formatToParts(SAMPLE)
    .map((part) => letters[part.type] ?? part.value)
    .join("");
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** The ISO day a rep meant by `text`, or null when it does not read as a date. A leading
 * four-digit year means year-month-day in any language (ISO, 2026年12月7日); otherwise the
 * numbers follow the language's order. Whether the day exists is the core's to say. */
export function readTypedDate(text: string, lang: Lang): string | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(trimmed);
  const numbers = compact ? compact.slice(1) : (trimmed.match(/\d+/g) ?? []);
  if (numbers.length !== 3 || /[^\d\s./\-年月日]/u.test(trimmed)) return null;
  const order: Part[] = numbers[0].length === 4 ? ["year", "month", "day"] : partOrder(lang);
  const found: Partial<Record<Part, string>> = {};
  order.forEach((part, i) => (found[part] = numbers[i]));
  const year = found.year ?? "";
  const month = Number(found.month);
  const day = Number(found.day);
  if (year.length === 2) return `20${year}-${pad(month, 2)}-${pad(day, 2)}`;
  if (year.length !== 4 || found.month!.length > 2 || found.day!.length > 2) return null;
  return `${year}-${pad(month, 2)}-${pad(day, 2)}`;
}

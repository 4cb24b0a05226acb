// The message catalog (ui/messages/*.json, shared with the Rust side) and the current language.
// The language is reactive state: switching it relabels the whole window without a reload,
// so no unsaved input is lost.
import en from "../../../messages/en.json";

export type Lang = "ja" | "zh" | "ko" | "en";
export type MessageKey = keyof typeof en;
export const LANGS: readonly Lang[] = ["ja", "zh", "ko", "en"];

type Catalog = Record<string, string>;
// English (every key's fallback) comes with the first load; each other language is a chunk of
// its own, fetched when the window first speaks it: the four together were most of the code
// the window parsed before its first paint.
const loaders: Record<Exclude<Lang, "en">, () => Promise<{ default: Catalog }>> = {
  ja: () => import("../../../messages/ja.json"),
  zh: () => import("../../../messages/zh.json"),
  ko: () => import("../../../messages/ko.json"),
};
/** The catalogs fetched so far. */
const english: Catalog = en;
export const catalogs: Partial<Record<Lang, Catalog>> = { en: english };

/** Fetches the catalog of `lang` (once). */
export async function loadCatalog(lang: Lang): Promise<void> {
  if (lang === "en" || catalogs[lang]) return;
  catalogs[lang] = (await loaders[lang]()).default;
}

/** BCP 47 tags for the page's `lang`: picks regional Han glyphs and the locale's formats. */
export const htmlLang: Record<Lang, string> = { ja: "ja", zh: "zh-CN", ko: "ko", en: "en" };

let current = $state<Lang>("en");
/** The language last asked for: a slower fetch of an earlier choice must not win. */
let wanted: Lang = "en";

export function lang(): Lang {
  return current;
}

/** Switches the window's language: at once when its catalog is here, else once fetched. */
export function setLang(next: Lang): Promise<void> {
  wanted = next;
  const apply = () => {
    if (wanted !== next) return;
    current = next;
    if (typeof document !== "undefined") document.documentElement.lang = htmlLang[next];
  };
  if (catalogs[next]) {
    apply();
    return Promise.resolve();
  }
  return loadCatalog(next).then(apply);
}

/** The first of the OS's preferred languages that Daicho speaks; English otherwise. */
export function langFromLocales(locales: readonly string[]): Lang {
  for (const locale of locales) {
    const code = locale.toLowerCase().slice(0, 2);
    if ((LANGS as readonly string[]).includes(code)) return code as Lang;
  }
  return "en";
}

export type Params = Record<string, string | number>;

/** The placeholder whose number picks a singular form: `{count}`, else the first one. */
function decidingNumber(template: string, params: Params): string | undefined {
  const name = template.includes("{count}") ? "count" : /\{(\w+)\}/.exec(template)?.[1];
  return name === undefined || !(name in params) ? undefined : String(params[name]).trim();
}

/** The message `key` in the current language with `{name}` placeholders filled. A language
 * with singular forms (English) keeps them under `key_one`, used when the number is 1. */
export function t(key: MessageKey | (string & {}), params?: Params): string {
  const catalog = catalogs[current] ?? english;
  let template = catalog[key] ?? english[key] ?? key;
  if (!params) return template;
  const singular = catalog[`${key}_one`];
  if (singular !== undefined && decidingNumber(template, params) === "1") template = singular;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Intl formatters are slow to make (a block of the card list made hundreds): one of each kind
 * per language, made when first asked for. */
const formatters = new Map<string, { format(value: number | Date): string }>();
function formatter(kind: string, make: (lang: string) => { format(value: number | Date): string }) {
  const lang = htmlLang[current];
  const key = `${lang}|${kind}`;
  let made = formatters.get(key);
  if (!made) {
    made = make(lang);
    formatters.set(key, made);
  }
  return made;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter("date", (lang) => new Intl.DateTimeFormat(lang, { dateStyle: "medium" })).format(date);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter("datetime", (lang) => new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" })).format(date);
}

export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return "";
  return formatter("number", (lang) => new Intl.NumberFormat(lang)).format(value);
}

/** Month names of the current language, January first. */
export function monthNames(): string[] {
  const format = new Intl.DateTimeFormat(htmlLang[current], { month: "long", timeZone: "UTC" });
  return Array.from({ length: 12 }, (_, i) => format.format(new Date(Date.UTC(2024, i, 1))));
}

/** A month of a year, `YYYY-MM`, as the language writes it ("2027年3月", "March 2027"). */
export function formatMonth(month: string): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return month;
  return new Intl.DateTimeFormat(htmlLang[current], { year: "numeric", month: "long", timeZone: "UTC" }).format(date);
}

/** A plan day as a heading: weekday and short date ("11月25日(水)", "Wed, Nov 25"). */
export function formatDay(iso: string): string {
  const date = new Date(`${iso}T12:00:00`);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter("day", (lang) => new Intl.DateTimeFormat(lang, { weekday: "short", month: "short", day: "numeric" })).format(date);
}

/** A weekday, short ("水", "Wed"). */
export function formatWeekday(iso: string): string {
  const date = new Date(`${iso}T12:00:00`);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter("weekday", (lang) => new Intl.DateTimeFormat(lang, { weekday: "short" })).format(date);
}

/** Items joined as the language lists them ("A、B", "A, B and C"). */
export function formatList(items: string[]): string {
  return new Intl.ListFormat(htmlLang[current], { style: "long", type: "conjunction" }).format(items);
}

/** A large number short, for chart axes ("3000万", "30M"). */
export function formatCompact(value: number): string {
  return formatter("compact", (lang) => new Intl.NumberFormat(lang, { notation: "compact", maximumFractionDigits: 1 })).format(value);
}

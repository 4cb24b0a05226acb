// How a reminder reads in the window: what it is, and when.
import type { Reminder } from "../api";
import { t } from "../i18n/i18n.svelte";

/** "Birthday", "Our contract renews", or the season's name for a greeting. */
export function reminderTitle(r: Reminder): string {
  return r.greeting ? t(`reminders.greeting.${r.greeting}`) : t(`reminders.kind.${r.kind}`);
}

/** "today", "in 3 days", "2 days ago". */
export function reminderWhen(r: Reminder): string {
  if (r.days === 0) return t("reminders.today");
  return r.days > 0 ? t("reminders.in_days", { days: r.days }) : t("reminders.days_ago", { days: -r.days });
}

/** The age on a birthday, the years since the first deal; empty when unknown. */
export function reminderYears(r: Reminder): string {
  if (r.years === null || r.years === undefined) return "";
  return r.kind === "birthday" ? t("reminders.age", { years: r.years }) : t("reminders.years", { years: r.years });
}

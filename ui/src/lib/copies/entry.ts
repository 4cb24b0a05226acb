// How one entry of the copies log reads: what was copied and what chose it, in the reader's
// language (Daicho's own values through the catalog; the rep's text as it is).
import type { CopyEntry } from "../api";
import { t } from "../i18n/i18n.svelte";

export function whatText(entry: CopyEntry): string {
  switch (entry.kind) {
    case "report":
      return t(`reports.kind.${entry.what}`);
    case "backup":
      return t(`backup.reason.${entry.what}`);
    case "handover":
      return t("copies.to", { name: entry.what });
    default:
      return "";
  }
}

export function filterText(entry: CopyEntry): string {
  return entry.filter.map((part) => `${t(`copies.filter.${part.key}`)}: ${part.value_key ? t(part.value_key) : part.value}`).join(" · ");
}

// The import's columns: what a column can go into, a problem in words, a saved mapping for the
// same headings.
import type { ImportField, ImportMapping, SavedMapping } from "../api";
import { t } from "../i18n/i18n.svelte";

export const FIELDS: ImportField[] = [
  "name",
  "reading",
  "code",
  "kind",
  "status",
  "owner",
  "phone",
  "email",
  "postal_code",
  "region",
  "city",
  "street",
  "building",
  "industry",
  "website",
  "messaging_line",
  "messaging_wechat",
  "messaging_qq",
  "messaging_kakaotalk",
  "messaging_whatsapp",
  "messaging_weibo",
  "tags",
  "notes",
  "person_name",
  "person_reading",
  "person_title",
  "person_department",
  "person_phone",
  "person_email",
  "contact_at",
  "contact_kind",
  "contact_rep",
  "contact_purpose",
  "contact_content",
  "contact_outcome",
  "contact_next_action",
  "contact_next_due",
  "sale_on",
  "sale_item",
  "sale_quantity",
  "sale_unit_price",
  "sale_amount",
  "sale_invoice",
  "sale_due",
  "sale_paid",
  "sale_paid_on",
  "product_name",
  "product_maker",
  "product_since",
  "product_renewal",
  "org_representative",
  "org_founded",
  "org_capital",
  "org_employees",
  "org_annual_sales",
  "org_fiscal_month",
  "org_banks",
  "org_payment_terms",
];

export type Problem = { line: number; column: number | null; field: string; rule: string; limit: number | null };

/** "Email: Not a valid email address", in the user's language. */
export function problemText(p: Problem): string {
  const rule = t(`rule.${p.rule}`, p.limit === null ? {} : { limit: p.limit });
  if (!p.field) return rule;
  // A field of the rep's own is named as the rep named it.
  const field = p.field.startsWith("custom:") ? p.field.slice("custom:".length) : t(`field.${p.field}`);
  return `${field}: ${rule}`;
}

/** The mapping saved for exactly these headings, if any. */
export function savedMappingFor(saved: SavedMapping[], headers: string[]): ImportMapping | null {
  const key = headers.join("\u0001");
  return saved.find((m) => m.headers.join("\u0001") === key)?.mapping ?? null;
}

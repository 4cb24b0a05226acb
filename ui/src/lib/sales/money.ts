// What a transaction's payment looks like at a glance.
import type { Transaction } from "../api";
import { formatDate, formatNumber, t } from "../i18n/i18n.svelte";

export const day = (date: string | null | undefined) => (date ? formatDate(`${date}T00:00:00`) : "");

export type PaymentState = { text: string; tone: "ok" | "open" | "late" | "none" };

export function paymentState(tx: Transaction): PaymentState {
  if (tx.fields.kind === "return") return { text: t("txkind.return"), tone: "none" };
  if (tx.outstanding === 0) return { text: t("sales.paid"), tone: "ok" };
  if (tx.overdue_days !== null) return { text: t("sales.overdue_days", { days: tx.overdue_days }), tone: "late" };
  if (tx.fields.paid_amount > 0) return { text: t("sales.part_paid", { amount: formatNumber(tx.outstanding) }), tone: "open" };
  if (tx.fields.due_on) return { text: t("sales.due", { date: day(tx.fields.due_on) }), tone: "open" };
  return { text: t("sales.unpaid"), tone: "open" };
}

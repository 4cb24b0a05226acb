// A sale's payments against a mocked core: each part on its day, one recorded with the amount
// still owed offered, one removed; what the core refuses is shown beside its field.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import PaymentsDialog from "./PaymentsDialog.svelte";
import { setLang } from "../i18n/i18n.svelte";
import { cardId, paymentId, transactionId } from "../api/test-ids";
import type { Payment, Transaction } from "../api";

function sale(paid: number, payments: number): Transaction {
  return {
    id: transactionId("0196d0c4-0000-7000-8000-000000000011"),
    card_id: cardId("0196d0c4-0000-7000-8000-000000000001"),
    version: 1,
    created_at: "2026-11-24T09:30:00.000Z",
    updated_at: "2026-11-24T09:30:00.000Z",
    fields: {
      kind: "sale",
      dated_on: "2026-10-01",
      product_id: null,
      item: "複合機 MX-5000",
      quantity: 1,
      unit_price: 900_000,
      amount: 900_000,
      cost: null,
      invoice_no: "",
      due_on: "2026-10-31",
      paid_amount: paid,
      paid_on: paid > 0 ? "2026-10-31" : null,
      notes: "",
    },
    outstanding: 900_000 - paid,
    overdue_days: null,
    over_limit: false,
    profit: null,
    payments,
  };
}

const first: Payment = {
  id: paymentId("0196d0c4-0000-7000-8000-0000000000p1"),
  transaction_id: transactionId("0196d0c4-0000-7000-8000-000000000011"),
  fields: { paid_on: "2026-10-31", amount: 300_000, method: "振込", note: "<b>1回目</b>" },
  created_at: "2026-10-31T09:00:00.000Z",
};

describe("a sale's payments", () => {
  let calls: { cmd: string; args: Record<string, unknown> }[];
  let recorded: Payment[];
  beforeEach(() => {
    setLang("ja");
    mockWindows("main");
    calls = [];
    recorded = [first];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      if (cmd === "payments_list") return recorded;
      if (cmd === "payment_add") {
        const fields = (args as { fields: Payment["fields"] }).fields;
        if ((fields.amount ?? 0) > 600_000) throw { code: "sales.invalid", params: {}, fields: [{ field: "amount", rule: "paid_over_due", limit: 600_000 }] };
        recorded = [...recorded, { ...first, id: paymentId("p2"), fields }];
        return sale(300_000 + (fields.amount ?? 0), recorded.length);
      }
      if (cmd === "payment_delete") {
        recorded = [];
        return sale(0, 0);
      }
      return null;
    });
  });
  afterEach(() => {
    cleanup();
    clearMocks();
  });

  it("lists each part as text and records the next with what is still owed offered", async () => {
    const user = userEvent.setup();
    let closed: boolean | null = null;
    render(PaymentsDialog, { sale: sale(300_000, 1), onclose: (changed: boolean) => (closed = changed) });
    const rows = await screen.findAllByTestId("payment-row");
    expect(rows[0].textContent).toContain("300,000");
    expect(rows[0].textContent).toContain("<b>1回目</b>");
    expect(screen.getByTestId("payment-owed").textContent).toContain("未入金: 600,000");
    // More than is owed: refused beside the amount, nothing recorded.
    const amount = screen.getByLabelText("金額");
    await user.clear(amount);
    await user.type(amount, "700000");
    await user.click(screen.getByTestId("payment-save"));
    expect(await screen.findByTestId("error-payment.amount")).toBeTruthy();
    await user.clear(amount);
    await user.type(amount, "250000");
    await user.click(screen.getByTestId("payment-save"));
    await waitFor(() => expect(screen.getAllByTestId("payment-row")).toHaveLength(2));
    const add = calls.filter((c) => c.cmd === "payment_add").at(-1);
    expect(add?.args).toMatchObject({ fields: { amount: 250000, paid_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } });
    expect(screen.getByTestId("payment-owed").textContent).toContain("未入金: 350,000");
    await user.click(screen.getAllByTestId("payment-delete")[0]);
    await waitFor(() => expect(screen.queryAllByTestId("payment-row")).toHaveLength(0));
    await user.click(screen.getByText("閉じる"));
    expect(closed).toBe(true);
  });
});

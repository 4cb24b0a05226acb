import { cardId, transactionId } from "../api/test-ids";
// The card's sales section against a mocked core: the figures the core derived, how each
// payment stands, and what a new transaction sends.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import CardSales from "./CardSales.svelte";
import { setLang } from "../i18n/i18n.svelte";
import { emptyFields } from "../cards/editor.svelte";
import type { Card, CardSales as Sales, Transaction, TransactionFields } from "../api";

const CARD: Card = {
  id: cardId("0196d0c4-0000-7000-8000-000000000001"),
  version: 1,
  created_at: "2026-11-24T09:30:00.000Z",
  updated_at: "2026-11-24T09:30:00.000Z",
  deleted_at: null,
  fields: { ...emptyFields("organisation"), name: "丸山商事", code: "C-000001" },
  key_persons: [],
  open_complaints: 0,
};

function tx(id: string, fields: Partial<TransactionFields>, extra: Partial<Transaction> = {}): Transaction {
  return {
    id: transactionId(id),
    card_id: CARD.id,
    version: 1,
    created_at: "2026-11-24T09:30:00.000Z",
    updated_at: "2026-11-24T09:30:00.000Z",
    fields: {
      kind: "sale",
      dated_on: "2026-09-01",
      product_id: null,
      item: "トナー",
      quantity: 2,
      unit_price: 12000,
      amount: 24000,
      invoice_no: "",
      due_on: "2026-10-01",
      paid_amount: 0,
      paid_on: null,
      notes: "",
      ...fields,
    },
    outstanding: 24000,
    overdue_days: null,
    over_limit: false,
    ...extra,
  };
}

describe("the card's sales", () => {
  let calls: { cmd: string; args: Record<string, unknown> }[];
  let sales: Sales;

  beforeEach(() => {
    setLang("ja");
    calls = [];
    sales = {
      summary: {
        from: "2025-11-25",
        to: "2026-11-24",
        quantity: 3,
        amount: 1234567,
        average_price: 411522,
        last_purchase_on: "2026-09-01",
        monthly_amount: 102881,
        monthly_quantity: 0.3,
        outstanding: 24000,
        overdue: 24000,
        credit_limit: 10000,
        over_limit: true,
        negotiations_over_limit: 0,
      },
      transactions: [
        tx("0196d0c4-0000-7000-8000-000000000011", { item: "<b>危険</b>" }, { overdue_days: 54 }),
        tx("0196d0c4-0000-7000-8000-000000000012", { kind: "return", item: "トナー", quantity: 1 }, { outstanding: 0 }),
      ],
      plan: null,
      habits: {
        months: Array.from({ length: 24 }, (_, i) => ({
          month: `20${25 + Math.floor((i + 11) / 12) - 1}-${String(((i + 11) % 12) + 1).padStart(2, "0")}`,
          amount: i % 3 === 0 ? 100000 : 0,
        })),
        order_days: 8,
        usual_interval: 30,
        days_since_last: 60,
        late_by: 15,
      },
    };
    mockWindows("main");
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      if (cmd === "card_sales") return sales;
      if (cmd === "products_list") return [];
      if (cmd === "transaction_add") return tx("0196d0c4-0000-7000-8000-000000000013", (args as { fields: TransactionFields }).fields);
      return null;
    });
  });

  afterEach(() => {
    cleanup();
    clearMocks();
  });

  it("shows the derived figures in the locale's digits, each payment's state, and names as text", async () => {
    render(CardSales, { card: CARD, onchange: () => {} });
    expect(await screen.findByTestId("sales-amount")).toHaveTextContent("1,234,567");
    expect(screen.getByTestId("over-limit")).toHaveTextContent("与信限度額を超えています");
    const rows = screen.getAllByTestId("transaction");
    expect(within(rows[0]).getByTestId("payment")).toHaveTextContent("54日遅延");
    expect(rows[0]).toHaveTextContent("<b>危険</b>");
    expect(rows[0].querySelector("b")).toBeNull();
    expect(within(rows[1]).getByTestId("payment")).toHaveTextContent("返品");
    // Something is owed and nothing is planned: the collection plan is offered.
    expect(screen.getByTestId("card-plan")).toHaveTextContent("予定なし");
  });

  it("sends a new transaction as typed, with empty numbers left for the core to judge", async () => {
    let changed = 0;
    render(CardSales, { card: CARD, onchange: () => changed++ });
    await userEvent.click(await screen.findByTestId("add-transaction"));
    const dialog = screen.getByTestId("transaction-dialog");
    await userEvent.type(dialog.querySelector<HTMLInputElement>('[data-field="transaction.item"] input')!, "コピー用紙");
    const quantity = dialog.querySelector<HTMLInputElement>('[data-field="transaction.quantity"] input')!;
    await userEvent.clear(quantity);
    await userEvent.type(quantity, "５");
    await userEvent.click(screen.getByTestId("save-transaction"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "transaction_add")).toBe(true));
    const sent = calls.find((c) => c.cmd === "transaction_add")!.args as { cardId: string; fields: TransactionFields };
    expect(sent.cardId).toBe(CARD.id);
    expect(sent.fields).toMatchObject({ kind: "sale", item: "コピー用紙", quantity: 5, unit_price: 0, amount: null, paid_amount: 0 });
    await waitFor(() => expect(changed).toBe(1));
  });

  it("adds up another period once both of its dates are typed", async () => {
    render(CardSales, { card: CARD, onchange: () => {} });
    await screen.findByTestId("sales-amount");
    const period = screen.getByTestId("sales-period");
    await userEvent.type(period.querySelector<HTMLInputElement>('[data-field="dash.from"] input')!, "2026-01-01");
    await userEvent.type(period.querySelector<HTMLInputElement>('[data-field="dash.to"] input')!, "2026-06-30");
    await waitFor(() => expect(calls.some((c) => c.cmd === "card_sales" && c.args.from === "2026-01-01" && c.args.to === "2026-06-30")).toBe(true));
    // Half-typed dates ask for nothing else: every request was either the default or the whole period.
    expect(calls.filter((c) => c.cmd === "card_sales").every((c) => c.args.from === null || c.args.to === "2026-06-30")).toBe(true);
  });

  it("draws two years month by month and says when the next order is late by the customer's own rhythm", async () => {
    render(CardSales, { card: CARD, onchange: () => {} });
    const chart = await screen.findByTestId("monthly-sales");
    expect(chart.querySelectorAll("rect")).toHaveLength(24);
    expect(screen.getByTestId("order-rhythm")).toHaveTextContent("通常 30 日ごとに発注・前回の発注から 60 日");
    expect(screen.getByTestId("order-late")).toHaveTextContent("次の発注が 15 日遅れています");
  });
});

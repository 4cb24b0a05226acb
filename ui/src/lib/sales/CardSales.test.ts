import { cardId, transactionId } from "../api/test-ids";
// The card's sales section against a mocked core: the figures the core derived, how each
// payment stands, and what a new transaction sends.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import CardSales from "./CardSales.svelte";
import { setLang } from "../i18n/i18n.svelte";
import { setLedgerCurrency } from "../i18n/money.svelte";
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
      cost: null,
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
    profit: null,
    payments: 0,
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
        profit: 370_370,
        margin_percent: 30,
      },
      transactions: [
        tx("0196d0c4-0000-7000-8000-000000000011", { item: "<b>危険</b>", cost: 16800 }, { overdue_days: 54, profit: 7200 }),
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
        stated_text: "月2回",
        stated_interval: 15,
        slower_than_stated: true,
        peak_months: [3, 9],
        next_peak: "2027-03",
      },
      target: null,
      fiscal_year: 2026,
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
    // What the sales leave once their cost is taken off.
    expect(screen.getByTestId("sales-profit")).toHaveTextContent("370,370 (粗利率 30%)");
    expect(within(rows[0]).getByTestId("transaction-profit")).toHaveTextContent("粗利 7,200");
    // Something is owed and nothing is planned: the collection plan is offered.
    expect(screen.getByTestId("card-plan")).toHaveTextContent("予定なし");
  });

  it("shows the amounts in the ledger's currency, and quantities without one", async () => {
    setLedgerCurrency("JPY");
    try {
      render(CardSales, { card: CARD, onchange: () => {} });
      expect(await screen.findByTestId("sales-amount")).toHaveTextContent("￥1,234,567");
      expect(screen.getByTestId("sales-profit")).toHaveTextContent("￥370,370 (粗利率 30%)");
      const rows = screen.getAllByTestId("transaction");
      expect(rows[0]).toHaveTextContent(/ × ￥/);
      expect(rows[0]).not.toHaveTextContent(/￥\d+ ×/);
    } finally {
      setLedgerCurrency(null);
    }
  });

  it("offers a target for the year, and shows one set against what the customer bought", async () => {
    const { unmount } = render(CardSales, { card: CARD, onchange: () => {} });
    expect(await screen.findByTestId("card-target")).toHaveTextContent("2026年度の目標");
    expect(screen.getByTestId("card-target-edit")).toHaveTextContent("目標を立てる");
    unmount();
    const months = ["2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12", "2027-01", "2027-02", "2027-03"];
    sales.target = {
      line: {
        id: "p1",
        version: 1,
        label: CARD.fields.name,
        card_code: CARD.fields.code,
        fields: { fiscal_year: 2026, scope: "card", key: "", card_id: CARD.id, months: Array(12).fill(100_000), means: "四半期ごとに新製品を提案" },
      },
      scope: "card",
      label: CARD.fields.name,
      months: months.map((month) => ({ month, plan: 100_000, actual: 50_000, last_year: 80_000 })),
      year_plan: 1_200_000,
      year_actual: 400_000,
      last_year: 960_000,
      plan_to_date: 800_000,
      actual_to_date: 400_000,
      rate_percent: 50,
    };
    render(CardSales, { card: CARD, onchange: () => {} });
    const rate = await screen.findByTestId("card-target-rate");
    expect(rate).toHaveTextContent("50%");
    expect(rate.classList.contains("behind")).toBe(true);
    expect(screen.getByTestId("card-target")).toHaveTextContent("800,000");
    expect(screen.getByTestId("plan-bars")).toBeTruthy();
    expect(screen.getByText(/四半期ごとに新製品を提案/)).toBeTruthy();
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
    // The card says twice a month; they order every 30 days: less often than stated.
    expect(screen.getByTestId("stated-cycle")).toHaveTextContent("カードの記載は「月2回」（約15日ごと）");
    expect(screen.getByTestId("stated-cycle")).toHaveTextContent("実際はそれより間隔が空いています");
    // Their season, and the next busy month to visit before.
    expect(screen.getByTestId("season")).toHaveTextContent("3月、9月によく買う");
    expect(screen.getByTestId("season")).toHaveTextContent("2027年3月");
  });
});

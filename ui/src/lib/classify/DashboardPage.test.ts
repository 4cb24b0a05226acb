// The dashboard against a mocked core: an empty period says so, a class opens its customers in
// the card list, and re-classifying reports how many cards moved.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import DashboardPage from "./DashboardPage.svelte";
import { setLang } from "../i18n/i18n.svelte";
import { app } from "../app/app.svelte";
import type { CardClass, CustomFieldId, Dashboard } from "../api";
import { cardId } from "../api/test-ids";

/** A problem customer with its reasons, as the core sends it. */
function problemCustomer(name: string, reasons: CardClass["reasons"]): CardClass {
  return {
    card_id: cardId(`id-${name}`),
    code: name,
    name,
    owner: "山田",
    status: "active",
    amount: 0,
    previous_amount: 0,
    profit: null,
    margin_percent: null,
    profit_abc: null,
    cumulative_percent: null,
    abc: "a",
    monthly_volume: 0,
    grade: null,
    growth_percent: null,
    indicators: { contribution: null, cooperation: null, credit: null, growth: null, influence: null, tenure: null, loyalty: null, brand_support: null },
    value_score: 0,
    value_tier: "low",
    loyalty: null,
    loyalty_hint: null,
    outstanding: 0,
    overdue: 0,
    completeness: 0,
    missing: [],
    core: false,
    problem: true,
    reasons,
  };
}

let week: CardClass[] = [];

function dashboard(withSales: boolean): Dashboard {
  const abc = (c: "a" | "b" | "c", customers: number, amount: number) => ({ class: c, customers, amount });
  return {
    classification: {
      from: "2025-11-25",
      to: "2026-11-24",
      previous_from: "2024-11-25",
      previous_to: "2025-11-24",
      has_transactions: withSales,
      total_amount: withSales ? 1000 : 0,
      customers: 3,
      buyers: withSales ? 2 : 0,
      abc: withSales ? [abc("a", 1, 800), abc("b", 1, 200), abc("c", 0, 0)] : [abc("a", 0, 0), abc("b", 0, 0), abc("c", 0, 0)],
      tiers: [],
      grades: [],
      loyalties: [],
      pareto: [],
      pareto_rest: null,
      core_total: 0,
      problem_total: 0,
      core: [],
      problem: [],
      problem_high: week.length,
      problem_week: week,
      total_profit: null,
      costed_amount: 0,
      profit_abc: [abc("a", 0, 0), abc("b", 0, 0), abc("c", 0, 0)],
      thin_margin: [],
    },
    statuses: [],
    weeks: [],
    overdue_follow_ups: [],
    receivables: [],
    completeness: [],
    least_complete: [],
    owners: ["山田"],
    last_classified: null,
    segments: {
      territories: [
        { key: "首都圏", customers: 12, buyers: 9, amount: 4_200_000 },
        { key: "", customers: 3, buyers: 1, amount: 50_000 },
      ],
      routes: [],
      industries: [{ key: "製造業", customers: 8, buyers: 6, amount: 3_000_000 }],
      sizes: [{ key: "small", customers: 7, buyers: 5, amount: 2_000_000 }],
      own: [
        {
          field_id: "0196d0c4-0000-7000-8000-000000000301" as CustomFieldId,
          label: "立地",
          segments: [
            { key: "郊外", customers: 6, buyers: 5, amount: 2_500_000 },
            { key: "", customers: 2, buyers: 0, amount: 0 },
          ],
        },
      ],
      scale_grid: {
        price_from: [20_000, 90_000],
        cells: [
          { size: "small", price: "low", customers: 4, amount: 600_000 },
          { size: "medium", price: "high", customers: 2, amount: 2_400_000 },
        ],
      },
    },
    retention: {
      previous_buyers: 20,
      kept: 16,
      lost: 4,
      lost_amount: 900_000,
      new_buyers: 3,
      biggest_lost: [{ card_id: cardId("0196d0c4-0000-7000-8000-000000000401"), name: "離反物産", owner: "山田", previous_amount: 500_000 }],
      lost_ids: [cardId("0196d0c4-0000-7000-8000-000000000401"), cardId("0196d0c4-0000-7000-8000-000000000402")],
    },
  };
}

describe("the dashboard", () => {
  let calls: { cmd: string; args: Record<string, unknown> }[];
  let withSales: boolean;

  beforeEach(() => {
    setLang("ja");
    week = [];
    calls = [];
    withSales = true;
    mockWindows("main");
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      if (cmd === "dashboard_get") return dashboard(withSales);
      if (cmd === "reclassify") return { changed: 12, run: { at: "2026-11-24T09:30:00Z", from: "2025-11-25", to: "2026-11-24" } };
      return null;
    });
  });

  afterEach(() => {
    cleanup();
    clearMocks();
    app.route = { page: "cards" };
    app.listRequest = null;
  });

  it("says a period without transactions has nothing to classify instead of drawing empty charts", async () => {
    withSales = false;
    render(DashboardPage);
    expect(await screen.findByTestId("no-transactions")).toHaveTextContent("この期間には取引がありません");
    expect(screen.queryByTestId("pareto-chart")).toBeNull();
    expect(screen.queryByTestId("tiers-chart")).toBeNull();
  });

  it("names the few problems that need the manager this week, each with what to do", async () => {
    week = [
      problemCustomer("大口商事", [{ kind: "falling", figure: -60, severity: "high" }]),
      problemCustomer("長期延滞", [
        { kind: "weak_credit", figure: 20, severity: "medium" },
        { kind: "overdue", figure: 60000, severity: "high" },
      ]),
    ];
    render(DashboardPage);
    const entries = await screen.findAllByTestId("problem-week-entry");
    expect(entries).toHaveLength(2);
    expect(entries[0]).toHaveTextContent("大口商事");
    expect(entries[0]).toHaveTextContent("購入減の理由を訪問して確かめる");
    // The most severe reason decides the action, not the first listed.
    expect(entries[1]).toHaveTextContent("延滞分の入金日を電話で約束してもらう");
    expect(screen.getByTestId("problem-week")).toHaveTextContent("緊急 2 件");
  });

  it("says when nothing is urgent this week", async () => {
    render(DashboardPage);
    expect(await screen.findByTestId("problem-week-empty")).toHaveTextContent("今週、緊急の対応はありません");
  });

  it("breaks the period's sales down by territory, industry and size", async () => {
    render(DashboardPage);
    const rows = await screen.findAllByTestId("segment-row");
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringContaining("首都圏"), expect.stringContaining("（未設定）")]);
    expect(rows[0]).toHaveTextContent("4,200,000");
    await userEvent.click(screen.getByTestId("segment-sizes"));
    expect((await screen.findAllByTestId("segment-row"))[0]).toHaveTextContent("従業員 10〜49 人");
    await userEvent.click(screen.getByTestId("segment-industries"));
    expect((await screen.findAllByTestId("segment-row"))[0]).toHaveTextContent("製造業");
    // A choice field of the rep's own (003's 도시/농촌) is a breakdown of its own.
    await userEvent.click(screen.getByTestId("segment-own"));
    const own = await screen.findAllByTestId("segment-row");
    expect(own.map((r) => r.textContent)).toEqual([expect.stringContaining("郊外"), expect.stringContaining("（未設定）")]);
    expect(screen.getByTestId("segments-table")).toHaveTextContent("立地");
    // 003 운영 규모 × 판매 구조: size and price mix at once, as a grid.
    await userEvent.click(screen.getByTestId("segment-scale"));
    const grid = await screen.findByTestId("scale-grid");
    expect(grid).toHaveTextContent("高価格帯（90,000 以上）");
    const gridRows = screen.getAllByTestId("scale-row");
    expect(gridRows[0]).toHaveTextContent("4 社・600,000");
    expect(gridRows[1]).toHaveTextContent("2 社・2,400,000");
  });

  it("counts last period's buyers kept and lost, and lists the lost in the card list", async () => {
    render(DashboardPage);
    expect(await screen.findByTestId("retention-lost")).toHaveTextContent("4");
    expect(screen.getByTestId("retention-lost")).toHaveTextContent("20%");
    expect(screen.getByTestId("retention-kept")).toHaveTextContent("80%");
    expect(screen.getByTestId("retention-table")).toHaveTextContent("離反物産");
    await userEvent.click(screen.getByTestId("retention-list"));
    expect(app.route).toEqual({ page: "cards" });
    expect(app.listRequest).toEqual({ owner: null, ids: [cardId("0196d0c4-0000-7000-8000-000000000401"), cardId("0196d0c4-0000-7000-8000-000000000402")] });
  });

  it("asks for a re-classification when the classes are a month old, and not before", async () => {
    const old = new Date(Date.now() - 45 * 86_400_000).toISOString();
    const recent = new Date(Date.now() - 2 * 86_400_000).toISOString();
    for (const [at, stale] of [
      [old, true],
      [recent, false],
    ] as const) {
      mockIPC((cmd) => (cmd === "dashboard_get" ? { ...dashboard(true), last_classified: { at, from: "2025-12-01", to: "2026-11-30" } } : null));
      render(DashboardPage);
      await screen.findByTestId("last-run");
      await screen.findByTestId("pareto-panel");
      if (stale) expect(screen.getByTestId("classes-stale")).toHaveTextContent("45 日前");
      else expect(screen.queryByTestId("classes-stale")).toBeNull();
      cleanup();
    }
  });

  it("says what the buyers after the chart's bought together, instead of drawing them as one bar", async () => {
    const rest = { card_id: cardId(""), name: "", amount: 380, cumulative_percent: 100, abc: null, customers: 1234 };
    mockIPC((cmd) => {
      if (cmd !== "dashboard_get") return null;
      const d = dashboard(true);
      return { ...d, classification: { ...d.classification, pareto_rest: rest } };
    });
    render(DashboardPage);
    expect(await screen.findByTestId("pareto-rest")).toHaveTextContent("残り 1,234 社の購入額は合わせて 380（合計の 38%）です。");
  });

  it("opens a class's customers in the card list", async () => {
    render(DashboardPage);
    await userEvent.click(await screen.findByTestId("abc-a"));
    expect(app.route).toEqual({ page: "cards" });
    expect(app.listRequest).toEqual({ owner: null, abc: "a" });
  });

  it("re-classifies for the period shown and says how many cards changed class", async () => {
    render(DashboardPage);
    await screen.findByTestId("abc-a");
    await userEvent.click(screen.getByTestId("reclassify"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "reclassify")).toBe(true));
    expect(calls.find((c) => c.cmd === "reclassify")!.args).toEqual({ from: "2025-11-25", to: "2026-11-24" });
    await waitFor(() => expect(app.notices.some((n) => n.text === "12 件のカードの分類が変わりました")).toBe(true));
  });
});

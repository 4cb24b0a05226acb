// Profit by customer on the dashboard: the margin, ABC by profit, and the big buyers who leave
// little, named so the manager can open their cards; without costs it says how to get them.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen } from "@testing-library/svelte";
import ProfitPanel from "./ProfitPanel.svelte";
import { setLang } from "../i18n/i18n.svelte";
import { cardId } from "../api/test-ids";
import type { CardClass, ClassificationView } from "../api";

function customer(name: string, amount: number, profit: number | null, abc: "a" | "b" | "c", profitAbc: "a" | "b" | "c" | null): CardClass {
  return {
    card_id: cardId(`id-${name}`),
    code: name,
    name,
    owner: "山田",
    status: "active",
    amount,
    previous_amount: 0,
    profit,
    margin_percent: profit === null ? null : Math.round((profit * 100) / amount),
    profit_abc: profitAbc,
    cumulative_percent: null,
    abc,
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
    problem: false,
    reasons: [],
  };
}

function view(withCosts: boolean): ClassificationView {
  const count = (c: "a" | "b" | "c", customers: number, amount: number) => ({ class: c, customers, amount });
  return {
    from: "2026-01-01",
    to: "2026-12-31",
    previous_from: "2025-01-01",
    previous_to: "2025-12-31",
    has_transactions: true,
    total_amount: 2_300_000,
    customers: 4,
    buyers: 4,
    abc: [],
    tiers: [],
    grades: [],
    loyalties: [],
    pareto: [],
    pareto_rest: null,
    core_total: 0,
    problem_total: 0,
    core: [],
    problem: [],
    problem_high: 0,
    problem_week: [],
    total_profit: withCosts ? 620_000 : null,
    costed_amount: withCosts ? 2_100_000 : 0,
    profit_abc: withCosts ? [count("a", 2, 580_000), count("b", 0, 0), count("c", 1, 40_000)] : [count("a", 0, 0), count("b", 0, 0), count("c", 0, 0)],
    thin_margin: withCosts ? [customer("坂本物産", 800_000, 40_000, "a", "c")] : [],
  };
}

describe("profit on the dashboard", () => {
  afterEach(cleanup);

  it("gives the margin, the profit classes and the big buyers at a thin margin", () => {
    setLang("ja");
    render(ProfitPanel, { c: view(true) });
    expect(screen.getByTestId("profit-total").textContent).toContain("粗利 620,000・粗利率 29.5%");
    expect(screen.getByTestId("profit-abc-a").textContent).toContain("粗利A: 2社、粗利の93.5%");
    const thin = screen.getByTestId("thin-margin");
    expect(thin.textContent).toContain("坂本物産");
    expect(thin.textContent).toContain("5%");
    expect(thin.textContent).toContain("A／C");
  });

  it("says where costs come from when no sale has one", () => {
    setLang("en");
    render(ProfitPanel, { c: view(false) });
    expect(screen.getByTestId("no-costs").textContent).toContain("Enter a unit cost on our products");
    expect(screen.queryByTestId("thin-margin")).toBeNull();
  });
});

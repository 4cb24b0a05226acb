// The dashboard against a mocked core: an empty period says so, a class opens its customers in
// the card list, and re-classifying reports how many cards moved.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import DashboardPage from "./DashboardPage.svelte";
import { setLang } from "../i18n/i18n.svelte";
import { app } from "../app/app.svelte";
import type { Dashboard } from "../api";

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
      pareto: [],
      core_total: 0,
      problem_total: 0,
      core: [],
      problem: [],
    },
    statuses: [],
    weeks: [],
    overdue_follow_ups: [],
    receivables: [],
    completeness: [],
    least_complete: [],
    owners: ["山田"],
    last_classified: null,
  };
}

describe("the dashboard", () => {
  let calls: { cmd: string; args: Record<string, unknown> }[];
  let withSales: boolean;

  beforeEach(() => {
    setLang("ja");
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

// The sales plan page against a mocked core: the year's lines against sales with their pace,
// a line raised from last year's results and saved as twelve months, and a sheet refused whole
// with its bad rows named.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import PlanPage from "./PlanPage.svelte";
import { setLang } from "../i18n/i18n.svelte";
import type { PlanLine, PlanOverview, PlanProgress, PlanScope } from "../api";

const MONTHS = ["2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12", "2027-01", "2027-02", "2027-03"];

function progress(scope: PlanScope, label: string, plan: number, actual: number, rate: number | null, line: PlanLine | null): PlanProgress {
  return {
    line,
    scope,
    label,
    months: MONTHS.map((month) => ({ month, plan, actual: month < "2026-12" ? actual : 0, last_year: 90 })),
    year_plan: plan * 12,
    year_actual: actual * 8,
    last_year: 1080,
    plan_to_date: plan * 8,
    actual_to_date: actual * 8,
    rate_percent: rate,
  };
}

const north: PlanLine = {
  id: "p1",
  version: 1,
  label: "首都圏",
  card_code: "",
  fields: { fiscal_year: 2026, scope: "territory", key: "首都圏", card_id: null, months: Array(12).fill(100), means: "新製品の提案" },
};

function overview(): PlanOverview {
  return {
    fiscal_year: 2026,
    first_month: 4,
    months: MONTHS,
    today: "2026-12-06",
    total: progress("total", "", 100, 95, 95, null),
    lines: [progress("territory", "首都圏", 100, 80, 80, north)],
    unplanned: [{ scope: "owner", key: "佐藤 健一", last_year: 500_000 }],
  };
}

describe("the sales plan page", () => {
  let calls: { cmd: string; args: Record<string, unknown> }[];

  beforeEach(() => {
    setLang("ja");
    calls = [];
    mockWindows("main");
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      if (cmd === "plan_overview") return overview();
      if (cmd === "plan_preview") {
        const fields = (args as { fields: { scope: PlanScope; key: string } }).fields;
        return progress(fields.scope, fields.key, 0, 50, null, null);
      }
      if (cmd === "plan_line_save") return { ...north, version: 2 };
      if (cmd === "plan_import")
        return {
          fiscal_year: 2026,
          lines: 2,
          replaced: 0,
          problems: [
            { line: 3, field: "scope", rule: "unknown_scope", value: "支店" },
            { line: 4, field: "code", rule: "unknown_code", value: "C-999999" },
          ],
        };
      return null;
    });
  });
  afterEach(() => {
    cleanup();
    clearMocks();
  });

  it("shows each line against its sales, behind in red, and what sold without a line", async () => {
    render(PlanPage);
    const rows = await screen.findAllByTestId("plan-line");
    expect(rows).toHaveLength(1);
    expect(rows[0].textContent).toContain("首都圏");
    const rate = within(rows[0]).getByTestId("plan-line-rate");
    expect(rate.textContent).toContain("80%");
    expect(rate.classList.contains("behind")).toBe(true);
    expect(screen.getByTestId("plan-rate").textContent).toBe("95%");
    expect(screen.getByTestId("plan-year").textContent).toContain("2026年度");
    expect(screen.getByTestId("plan-unplanned").textContent).toContain("佐藤 健一");
  });

  it("raises a line to last year + 10% and saves twelve months", async () => {
    const user = userEvent.setup();
    render(PlanPage);
    await user.click(await screen.findByTestId("plan-line-edit"));
    await screen.findByTestId("plan-line-dialog");
    await waitFor(() => expect(screen.getByTestId("plan-grow")).toBeEnabled());
    const percent = screen.getByTestId("plan-percent");
    await user.clear(percent);
    await user.type(percent, "10");
    await user.click(screen.getByTestId("plan-grow"));
    const months = screen.getAllByTestId("plan-month") as HTMLInputElement[];
    expect(months.map((m) => m.value)).toEqual(Array(12).fill("100"));
    await user.click(screen.getByTestId("plan-line-save"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "plan_line_save")).toBe(true));
    const saved = calls.find((c) => c.cmd === "plan_line_save")!.args.fields as { months: number[]; key: string };
    expect(saved.key).toBe("首都圏");
    expect(saved.months).toEqual(Array(12).fill(100));
  });

  it("keeps a month that is not an amount from being saved", async () => {
    const user = userEvent.setup();
    render(PlanPage);
    await user.click(await screen.findByTestId("plan-line-edit"));
    const months = (await screen.findAllByTestId("plan-month")) as HTMLInputElement[];
    await user.clear(months[2]);
    await user.type(months[2], "たくさん");
    await user.click(screen.getByTestId("plan-line-save"));
    expect(await screen.findByRole("alert")).toBeTruthy();
    expect(calls.some((c) => c.cmd === "plan_line_save")).toBe(false);
  });

  it("names each bad row of a sheet and offers nothing to import", async () => {
    const user = userEvent.setup();
    render(PlanPage);
    await user.click(await screen.findByTestId("plan-import"));
    await user.type(screen.getByTestId("plan-import-path"), "/tmp/plan.csv");
    await user.click(screen.getByTestId("plan-import-check"));
    const problems = await screen.findAllByTestId("plan-import-problem");
    expect(problems.map((p) => p.textContent)).toEqual([expect.stringContaining("3 行目"), expect.stringContaining("4 行目")]);
    expect(screen.getByTestId("plan-import-start")).toBeDisabled();
    expect(calls.find((c) => c.cmd === "plan_import")!.args).toMatchObject({ path: "/tmp/plan.csv", dryRun: true });
  });
});

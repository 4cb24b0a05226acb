// The Reports page against a mocked core: what a chosen handout asks the core for, where it is
// saved, and the written file offered to open.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import ReportsPage from "./ReportsPage.svelte";
import ExportStatus from "./ExportStatus.svelte";
import { setLang } from "../i18n/i18n.svelte";
import { app } from "../app/app.svelte";
import { emptyFilters } from "../cards/list.svelte";
import { exporter, fileName } from "./exporter.svelte";

describe("the Reports page", () => {
  let calls: { cmd: string; args: Record<string, unknown> }[];
  let sheets: { id: string; title: string }[];

  beforeEach(() => {
    setLang("ja");
    calls = [];
    sheets = [];
    app.listFilters = { ...emptyFilters(), owner: "山田" };
    mockWindows("main");
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      if (cmd === "sheets_list") return sheets;
      if (cmd === "cards_facets") return { owners: ["山田", "李"], tags: [] };
      if (cmd === "plugin:dialog|save") return "/home/rep/顧客一覧";
      if (cmd === "report_export") {
        const request = (args as { request: { from: string | null; to: string | null } }).request;
        if ((request.from === null) !== (request.to === null)) throw { code: "sales.period", params: {}, fields: [] };
        return { path: (args as { path: string }).path, rows: 42 };
      }
      return null;
    });
  });

  afterEach(() => {
    cleanup();
    clearMocks();
    exporter.written = null;
    app.listFilters = null;
  });

  it("exports the card list as filtered now, in the chosen language and columns, and offers the file", async () => {
    render(ReportsPage);
    render(ExportStatus);
    expect(screen.getByTestId("report-scope")).toHaveTextContent("カード一覧の今の絞り込み");
    await userEvent.selectOptions(screen.getByTestId("report-lang"), "en");
    await userEvent.click(screen.getByTestId("report-export"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "report_export")).toBe(true));
    const sent = calls.find((c) => c.cmd === "report_export")!.args as { request: Record<string, unknown>; path: string };
    expect(sent.path).toBe("/home/rep/顧客一覧.xlsx");
    expect(sent.request).toMatchObject({ kind: "list", lang: "en", query: { owner: "山田" } });
    expect(sent.request.columns).toContain("name");
    expect(await screen.findByTestId("export-done")).toHaveTextContent("42 件を書き出しました");
    expect(screen.getByTestId("export-path")).toHaveTextContent("/home/rep/顧客一覧.xlsx");
  });

  it("asks the contact history for its period, owner and kind", async () => {
    render(ReportsPage);
    await userEvent.click(screen.getByTestId("report-kind-history"));
    const period = screen.getByTestId("report-options");
    await userEvent.type(period.querySelector<HTMLInputElement>('[data-field="dash.from"] input')!, "2026-10-01");
    await userEvent.type(period.querySelector<HTMLInputElement>('[data-field="dash.to"] input')!, "2026-10-31");
    await userEvent.selectOptions(screen.getByTestId("report-owner"), "李");
    await userEvent.selectOptions(screen.getByTestId("report-contact-kind"), "complaint");
    await userEvent.click(screen.getByTestId("report-export"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "report_export")).toBe(true));
    const sent = calls.find((c) => c.cmd === "report_export")!.args as { request: Record<string, unknown> };
    expect(sent.request).toMatchObject({ kind: "history", from: "2026-10-01", to: "2026-10-31", owner: "李", contact_kind: "complaint" });
  });

  it("says which period an empty one means, and refuses half a period instead of using the default", async () => {
    render(ReportsPage);
    await userEvent.click(screen.getByTestId("report-kind-weekly"));
    expect(screen.getByTestId("report-period-default")).toHaveTextContent("空欄のときは今日までの7日間");
    await userEvent.click(screen.getByTestId("report-kind-visits"));
    expect(screen.getByTestId("report-period-default")).toHaveTextContent("今週（月曜〜日曜）");
    const period = screen.getByTestId("report-options");
    await userEvent.type(period.querySelector<HTMLInputElement>('[data-field="dash.from"] input')!, "2026-10-01");
    await userEvent.click(screen.getByTestId("report-export"));
    await waitFor(() => expect(app.notices.map((n) => n.text).join()).toContain("期間は「開始..終了」の形で"));
    expect(calls.find((c) => c.cmd === "report_export")!.args).toMatchObject({ request: { kind: "visits", from: "2026-10-01", to: null } });
  });

  it("cannot export a comparison before a sheet exists", async () => {
    render(ReportsPage);
    await userEvent.click(screen.getByTestId("report-kind-comparison"));
    expect(screen.getByText("比較表がまだありません。「競合比較」で作成してください。")).toBeInTheDocument();
    expect(screen.getByTestId("report-export")).toBeDisabled();
  });

  it("names a file after the report and the day, without characters a file name cannot hold", () => {
    expect(fileName("顧客一覧", new Date(2026, 10, 5))).toBe("顧客一覧-2026-11-05.xlsx");
    expect(fileName("A/B: 株式会社", new Date(2026, 0, 31))).toBe("A_B_ 株式会社-2026-01-31.xlsx");
  });
});

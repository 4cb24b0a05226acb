// The import page against a mocked core: the file's columns can be re-mapped, problems name
// their row and column, each likely duplicate gets a choice, and the import sends exactly what
// the user chose; customer text is shown as text.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import ImportPage from "./ImportPage.svelte";
import { app } from "../app/app.svelte";
import { setLang } from "../i18n/i18n.svelte";
import type { ImportPreview } from "../api";

const PREVIEW: ImportPreview = {
  source: { format: "csv", encoding: "Shift_JIS", detected: true },
  headers: ["会社名", "電話番号", "メール"],
  samples: [["<b>青葉</b>商事", "03-1111-2222", "a@b.jp"]],
  mapping: { columns: ["name", "phone", "email"], default_kind: "organisation", default_owner: "", people: [], custom: [] },
  template: null,
  columns: [
    { by: "heading", refused: 0 },
    { by: "values", refused: 0 },
    { by: "heading", refused: 1 },
  ],
  cards: [
    {
      line: 2,
      kind: "organisation",
      code: "",
      name: "<b>青葉</b>商事",
      reading: "",
      phones: ["03-1111-2222"],
      email: "a@b.jp",
      address: "",
      owner: "",
      person: {
        name: "高橋 誠",
        reading: "",
        department: "",
        title: "課長",
        role: "",
        phone: "",
        email: "",
        birthday: null,
        interests: "",
        notes: "",
      } as never,
      more_persons: 1,
    },
  ],
  rows: 3,
  valid: 2,
  with_problems: 1,
  problems: [{ line: 4, column: 2, field: "email", rule: "invalid_email", limit: null }],
  sheets: [],
  sheet: null,
  duplicate_count: 1,
  joining: 0,
  duplicates: [
    {
      line: 3,
      name: "青葉商事",
      why: "name_phone",
      existing: { id: "x1", code: "C-000007", name: "(株)青葉商事", owner: "山田" },
      earlier_line: null,
      adds: false,
    },
  ],
};

describe("the import page", () => {
  let calls: { cmd: string; args: Record<string, unknown> }[];
  let preview: ImportPreview;

  beforeEach(() => {
    setLang("ja");
    calls = [];
    preview = PREVIEW;
    mockWindows("main");
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      if (cmd === "imports_list" || cmd === "custom_fields") return [];
      if (cmd === "import_preview") return preview;
      if (cmd === "import_preview_sheets")
        return [
          { sheet: "記入のしかた", preview: null },
          { sheet: "顧客一覧", preview: { ...PREVIEW, sheets: [] } },
          { sheet: "訪問記録", preview: { ...PREVIEW, sheets: [], with_problems: 0, joining: 1 } },
        ];
      if (cmd === "import_apply") return { id: "b1", added: 1, merged: 1, skipped: 0, sheets_left_out: ["記入のしかた"] };
      return null;
    });
  });

  afterEach(() => {
    cleanup();
    clearMocks();
  });

  it("shows the report and imports with the columns and the choice the user made", async () => {
    const user = userEvent.setup();
    render(ImportPage);
    await user.type(screen.getByTestId("import-path"), "/tmp/list.csv");
    await user.click(screen.getByTestId("import-read"));
    await screen.findByTestId("import-mapping");
    expect(screen.getByTestId("import-source").textContent).toContain("Shift_JIS");
    const card = screen.getByTestId("import-card");
    expect(card.querySelector("b")).toBeNull();
    expect(card.textContent).toContain("<b>青葉</b>商事");
    // A second contact person on the row (担当者2) is counted beside the first.
    expect(card.textContent).toContain("高橋 誠");
    expect(screen.getByTestId("import-more-persons")).toHaveTextContent("ほか 1 名");
    const problem = screen.getByTestId("import-problem");
    expect(problem.textContent).toContain("4 行目");
    expect(problem.textContent).toContain("メール");
    expect(screen.getByTestId("import-start").textContent).toContain("1 件を取り込む");

    // Why each column reads as it does, and the column that refuses a row, before importing.
    const why = screen.getAllByTestId("import-column-why").map((c) => c.textContent?.trim());
    expect(why[0]).toBe("見出しから");
    expect(why[1]).toBe("値から");
    expect(screen.getByTestId("import-column-refused").textContent).toBe("1 行に問題");

    const fields = screen.getAllByTestId("import-field") as HTMLSelectElement[];
    await user.selectOptions(fields[2], "tags");
    expect(screen.getAllByTestId("import-column-why")[2].textContent?.trim()).toBe("選択");
    expect(screen.queryByTestId("import-column-refused")).toBeNull();
    await user.selectOptions(screen.getByTestId("import-choice"), "merge");
    expect(screen.getByTestId("import-start").textContent).toContain("2 件を取り込む");
    await user.click(screen.getByTestId("import-start"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "import_apply")).toBe(true));
    const sent = calls.find((c) => c.cmd === "import_apply")!.args as { path: string; request: Record<string, unknown>; total: number };
    expect(sent.path).toBe("/tmp/list.csv");
    expect(sent.total).toBe(3);
    expect(sent.request.mapping).toEqual({ columns: ["name", "phone", "tags"], default_kind: "organisation", default_owner: "", people: [], custom: [] });
    expect(sent.request.choices).toEqual([[3, "merge"]]);
    expect(sent.request.duplicates).toBe("skip");
    await waitFor(() => expect(app.notices.at(-1)?.text).toContain("1 件追加、1 件統合"));
  });

  it("names the export it recognised and adds another person of the same company to its card", async () => {
    const user = userEvent.setup();
    preview = {
      ...PREVIEW,
      template: "sansan",
      columns: PREVIEW.columns.map((c) => ({ ...c, by: "template" as const })),
      duplicates: [{ line: 3, name: "株式会社みなと物流", why: "same_company", existing: null, earlier_line: 2, adds: false }],
    };
    render(ImportPage);
    await user.type(screen.getByTestId("import-path"), "/tmp/sansan.csv");
    await user.click(screen.getByTestId("import-read"));
    await screen.findByTestId("import-mapping");
    expect(screen.getByTestId("import-template").textContent).toBe("認識した形式：Sansan 名刺データ");
    expect(screen.getAllByTestId("import-column-why")[0].textContent?.trim()).toBe("書き出し元の形式から");
    expect(screen.getByTestId("import-duplicate").textContent).toContain("同じ会社の別の担当者");
    expect((screen.getByTestId("import-choice") as HTMLSelectElement).value).toBe("merge");
  });

  it("shows each sheet of a workbook and imports all of them in one step", async () => {
    const user = userEvent.setup();
    preview = { ...PREVIEW, source: { format: "xlsx", encoding: "", detected: false }, sheets: ["顧客一覧", "訪問記録", "記入のしかた"] };
    render(ImportPage);
    await user.type(screen.getByTestId("import-path"), "/tmp/顧客管理.xlsx");
    await user.click(screen.getByTestId("import-read"));
    await screen.findByTestId("import-mapping");
    await user.selectOptions(screen.getByTestId("import-sheet"), "訪問記録");
    await waitFor(() => expect(calls.filter((c) => c.cmd === "import_preview").at(-1)?.args.request).toMatchObject({ sheet: "訪問記録" }));
    expect(screen.getByTestId("import-all-sheets").textContent).toContain("3 枚のシートをまとめて取り込む");
    await user.click(screen.getByTestId("import-all-sheets"));
    // First what each sheet would bring, in the order they are read; nothing imported yet.
    const planned = await screen.findAllByTestId("import-plan-sheet");
    expect(planned.map((li) => li.querySelector("strong")?.textContent)).toEqual(["記入のしかた", "顧客一覧", "訪問記録"]);
    expect(planned[0].textContent).toContain("顧客名の列がありません");
    expect(planned[1].textContent).toContain("3 行：取り込み可能 2（うち既存の顧客への追加 0）、問題あり 1、重複の候補 1");
    // Visits that find their customers are additions, not duplicates.
    expect(planned[2].textContent).toContain("うち既存の顧客への追加 1）、問題あり 0、重複の候補 0");
    expect(calls.some((c) => c.cmd === "import_apply")).toBe(false);
    await user.click(screen.getByTestId("import-all-confirm"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "import_apply")).toBe(true));
    const sent = calls.find((c) => c.cmd === "import_apply")!.args as { request: Record<string, unknown> };
    expect(sent.request).toMatchObject({ all_sheets: true, mapping: null, sheet: null });
    // The sheet no column named customers in is named, not passed over in silence.
    await waitFor(() => expect(app.notices.map((n) => n.text).join("\n")).toContain("記入のしかた"));
  });
});
